// FC for a stack of runs: x [R, B, in] · W [R, in, out] + b. Which formulation is fastest depends on
// the backend and the layer's size (measured; see the bench's comparisons workload):
// - batched: one batched matMul for all runs. Few kernels: what dispatch-bound steps need (small
//   layers everywhere, every layer on a GPU).
// - per run: one 2-D matMul per run whose gradient is written out with explicit transposes, so that
//   every matMul, backward ones included, has no transpose flag and a batch of one. tfjs's wasm
//   backend runs only that case on XNNPACK and every other one on a naive loop: for 784x100 layers
//   this is ~3x faster there, and no slower on cpu (compute-bound either way).
import * as tf from '@tensorflow/tfjs';
import type { DenseSpec } from './dense';
import { forRuns, joinRuns, splitRuns, type LayerEngine } from './engine';
import { sizeOf } from './shapes';
import { createWeights, inputOf, rankOneBias, weightedLayer } from './weighted.engine';

/** Layers with at least this many weights per run are computed run by run on the CPU-side backends. */
const PER_RUN_WEIGHTS = 4096;

export type DenseFormulation = 'batched' | 'per-run';

export function denseFormulation(fanIn: number, units: number, backend = tf.getBackend()): DenseFormulation {
  if (backend !== 'wasm' && backend !== 'cpu') return 'batched';
  return fanIn * units >= PER_RUN_WEIGHTS ? 'per-run' : 'batched';
}

export const denseEngine: LayerEngine<DenseSpec> = {
  type: 'dense',
  build(ctx) {
    const inFeatures = sizeOf(ctx.inShape);
    const units = ctx.layers[0].units;
    const { kernel, bias } = createWeights(ctx, [inFeatures, units], { fanIn: inFeatures, fanOut: units }, units);
    return weightedLayer(kernel, bias, (h, fused, pass) => {
      const flat = h.rank > 3 ? tf.reshape(h, [h.shape[0], h.shape[1]!, -1]) : h;
      const k = forRuns(kernel, pass) as tf.Tensor3D;
      const b = forRuns(bias, pass);
      if (denseFormulation(inFeatures, units) === 'batched') {
        // One run: the fused kernel with a rank-1 bias (all that wasm's fused matMul takes). Several:
        // the bias of each run broadcast over its batch.
        if (b.shape[0] === 1) return tf.fused.matMul({ a: flat as tf.Tensor3D, b: k, bias: rankOneBias(b), activation: fused });
        const y = tf.add(tf.matMul(flat as tf.Tensor3D, k), tf.expandDims(b, 1));
        return fused === 'relu' ? tf.relu(y) : y;
      }
      const inputs = splitRuns(flat);
      const kernels = splitRuns(k);
      const biases = splitRuns(b);
      return joinRuns(kernels.map((kr, r) => plainMatMul(inputOf(inputs, r) as tf.Tensor2D, kr as tf.Tensor2D, rankOneBias(biases[r]), fused, !ctx.inputIsData)));
    });
  },
};

/**
 * x·W + b (then ReLU if asked) whose gradient uses only untransposed matMuls:
 * dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ dy, with the transposes as their own (cheap) kernels. Under a
 * gradient tape a fused ReLU is applied separately anyway (tfjs fuses only 'linear' there).
 */
function plainMatMul(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, fused: 'linear' | 'relu', needsInputGradient: boolean): tf.Tensor2D {
  const op = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, wIn, bIn] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const y = tf.fused.matMul({ a: xIn as tf.Tensor2D, b: wIn as tf.Tensor2D, bias: bIn, activation: fused });
    save([xIn, wIn, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved;
        const g = fused === 'relu' ? tf.mul(dy, tf.step(ys)) : dy;
        // tfjs asks a custom op for every input's gradient; the data's is never read, so the first
        // layer hands back the input itself rather than computing dy·Wᵀ for nothing.
        const dx = needsInputGradient ? tf.matMul(g as tf.Tensor2D, tf.transpose(ws) as tf.Tensor2D) : xs;
        return [dx, tf.matMul(tf.transpose(xs) as tf.Tensor2D, g as tf.Tensor2D), tf.sum(g, 0)];
      },
    };
  }) as Parameters<typeof tf.customGrad>[0]);
  return op(x, w, b) as tf.Tensor2D;
}
