// Runs the engine's own optimizers (createOptimizer: the very update rules the networks train with)
// over the two-parameter valley and records where they go. Positions stay on the device during the
// steps and are read back once at the end, as in the trainer.
import * as tf from '@tensorflow/tfjs';
import { createOptimizer, disposeOptimizer } from './optimizers';
import { sampleSurface, valleyBounds, valleyLoss, type ValleyPath, type ValleySpec, type ValleyTrace } from './valley';

/** Grid side of the sampled surface: enough for smooth contours on a canvas a few hundred pixels wide. */
export const SURFACE_RESOLUTION = 160;

export async function traceValley(spec: ValleySpec, resolution = SURFACE_RESOLUTION): Promise<ValleyTrace> {
  const paths: ValleyPath[] = [];
  for (const { name, optimizer } of spec.paths) paths.push(await tracePath(spec, name, optimizer));
  const bounds = valleyBounds(paths);
  return { spec, paths, bounds, resolution, values: sampleSurface(spec, bounds, resolution) };
}

async function tracePath(spec: ValleySpec, name: string, optimizerSpec: ValleySpec['paths'][number]['optimizer']): Promise<ValleyPath> {
  const angle = (spec.angleDegrees * Math.PI) / 180;
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  const rotation = tf.tensor2d([c, s, -s, c], [2, 2]);
  const curvatures = tf.tensor1d(spec.curvatures);
  const initial = tf.tensor2d([spec.start], [1, 2]);
  const w = tf.variable(initial, true);
  initial.dispose();
  // A stack of one run: w is [1, 2], the run axis first, as the networks' weights are.
  const optimizer = createOptimizer([optimizerSpec]);
  const positions: tf.Tensor[] = [];
  try {
    // f(w) = ½ Σ curvature · (R w)²; the gradient comes from tfjs, not from the formula.
    const loss = () => tf.mul(0.5, tf.sum(tf.mul(curvatures, tf.square(tf.matMul(w, rotation, false, true))))) as tf.Scalar;
    for (let step = 0; step < spec.steps; step++) {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(loss, [w]);
        optimizer.apply([w], [grads[w.name]], null);
      });
      positions.push(w.clone());
    }
    const stacked = tf.concat(positions, 0);
    const flat = await stacked.data();
    stacked.dispose();
    const xs = [spec.start[0]];
    const ys = [spec.start[1]];
    for (let k = 0; k < spec.steps; k++) {
      xs.push(flat[2 * k]);
      ys.push(flat[2 * k + 1]);
    }
    return { name, xs, ys, losses: xs.map((x, k) => valleyLoss(spec, x, ys[k])) };
  } finally {
    tf.dispose(positions);
    tf.dispose([rotation, curvatures, w]);
    disposeOptimizer(optimizer);
  }
}
