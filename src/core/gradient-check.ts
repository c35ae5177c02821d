// Gradient checking: the network's analytic gradients (tfjs autodiff) against numerical ones, the
// centred difference (f(x + h) − f(x − h))/2h and the one-sided (f(x + h) − f(x))/h, for a few
// weights of every layer over a range of h, in float32 on the current backend.
//
// What it shows: the centred difference is far closer than the one-sided one (its truncation error
// falls as h², the other's as h); below some h float32's rounding of f takes over and the error
// rises again (f is known to about 1e-7 of itself, divided by h); and where x ± h crosses a kink
// (a ReLU input changing sign, another value taking over a max-pooling window, a hinge margin
// crossing zero) the function is not differentiable in between and the error jumps.
//
// Uses the network only through `new Network` (a stack of one run), `trainableVariables`, `weighted`,
// `forward(x, { training: false })` and computeLoss, the entry points the engine keeps stable.
import * as tf from '@tensorflow/tfjs';
import type { LossName, RunSpec } from './experiment-types';
import { kindOf } from './layers';
import { computeLoss } from './losses';
import { Network } from './model';
import { relativeError } from './relative-error';
import { rngFor } from './rng';

export { relativeError };

export const DEFAULT_HS: readonly number[] = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7];
const MIN_RELATIVE_GRADIENT = 0.01;

export interface GradientCheckOptions {
  /** Step sizes, largest first. */
  hs?: readonly number[];
  /** Weights checked per variable (a kernel, a bias): those with the largest analytic gradients, where a wrong gradient would matter. */
  entriesPerVariable?: number;
}

/** One checked weight. Arrays run over `hs`. */
export interface EntryCheck {
  variable: string;
  /** Flat index into the variable. */
  index: number;
  analytic: number;
  centred: number[];
  oneSided: number[];
  /** Whether x − h, x or x + h fall on different sides of a kink (the pattern of ReLU signs, pooling winners and hinge margins changed). */
  crossed: boolean[];
}

/** One weighted layer (its kernel, bias, and batch-norm scale and shift if any). Arrays run over `hs`. */
export interface LayerCheck {
  /** Summary-table row: INPUT is 0, model.layers[i] is i + 1. */
  layer: number;
  label: string;
  /** ‖analytic − numerical‖ / (‖analytic‖ + ‖numerical‖) over the layer's checked weights. */
  centredError: number[];
  oneSidedError: number[];
  /** Fraction of the layer's checked weights whose x ± h crossed a kink. */
  crossedFraction: number[];
  entries: EntryCheck[];
}

export interface GradientCheck {
  run: string;
  hs: number[];
  dtype: 'float32';
  backend: string;
  /** The loss at the unperturbed weights. */
  loss: number;
  examples: number;
  layers: LayerCheck[];
}

/**
 * Checks the gradients of `run`'s network (at its initial weights) on `examples` inputs (flat,
 * model-input layout) with one-hot `targets` rows of the model's output width.
 */
export async function checkGradients(run: RunSpec, x: Float32Array, targets: Float32Array, examples: number, options: GradientCheckOptions = {}): Promise<GradientCheck> {
  const hs = [...(options.hs ?? DEFAULT_HS)];
  const perVariable = options.entriesPerVariable ?? 4;
  const net = new Network([run.model], [run.seed]);
  // A stack of one: a leading run axis of 1 on the inputs, the targets and every variable.
  const xs = tf.tensor(x, [1, examples, ...run.model.input]);
  const ys = tf.tensor3d(targets, [1, examples, targets.length / examples]);
  try {
    const probe = new Probe(net, xs, ys, run.training.loss);
    const groups = weightedGroups(net);
    const allVars = groups.flatMap((g) => g.vars);
    const analytic = await analyticGradients(probe, allVars);
    const base = await probe.evaluate();
    const layers: LayerCheck[] = [];
    for (const [k, { w, vars }] of groups.entries()) {
      const entries: EntryCheck[] = [];
      for (const [v, variable] of vars.entries()) {
        const grad = analytic.get(variable.name)!;
        for (const index of largestEntries(grad, perVariable, rngFor(run.seed, 'gradient-check', k, v))) {
          entries.push(await checkEntry(probe, variable, index, grad[index], hs, base));
        }
      }
      const over = (pick: (e: EntryCheck) => number[]) => hs.map((_, j) => relativeError(entries.map((e) => e.analytic), entries.map((e) => pick(e)[j])));
      layers.push({
        layer: w.layerIndex + 1,
        label: w.labels[0],
        centredError: over((e) => e.centred),
        oneSidedError: over((e) => e.oneSided),
        crossedFraction: hs.map((_, j) => entries.filter((e) => e.crossed[j]).length / Math.max(1, entries.length)),
        entries,
      });
    }
    return { run: run.name, hs, dtype: 'float32', backend: tf.getBackend(), loss: base.loss, examples, layers };
  } finally {
    tf.dispose([xs, ys]);
    net.dispose();
  }
}

/** The loss and the kink pattern at the network's current weights. */
class Probe {
  /** Max-pooling layers (kinds that pick a window's maximum) right after a weighted layer: [weighted index, window]. */
  private readonly pools: [number, { size: number; stride: number }][] = [];

  constructor(
    readonly net: Network,
    readonly x: tf.Tensor,
    readonly targets: tf.Tensor3D,
    readonly loss: LossName,
  ) {
    const weightedAt = new Map(net.weighted.map((w, i) => [w.layerIndex, i]));
    net.spec.layers.forEach((layer, i) => {
      const kind = kindOf(layer.type);
      if (kind.picksMaximum && kind.window && weightedAt.has(i - 1)) this.pools.push([weightedAt.get(i - 1)!, kind.window(layer)]);
    });
  }

  lossTensor(): tf.Scalar {
    const out = this.net.forward(this.x, { training: false });
    return tf.squeeze(computeLoss(this.loss, out.scores, out.outputs, this.targets)) as tf.Scalar;
  }

  async evaluate(): Promise<{ loss: number; pattern: string }> {
    const kinked = this.net.weighted.map((w) => w.specs[0].activation === 'relu' || w.specs[0].activation === 'leaky-relu');
    const [lossT, ...rest] = tf.tidy(() => {
      const out = this.net.forward(this.x, { training: false });
      const loss = computeLoss(this.loss, out.scores, out.outputs, this.targets);
      // Without the run axis of the stack of one: [batch, ...].
      const activations = out.activations.map((a) => tf.squeeze(a, [0]));
      const signs = activations.filter((_, i) => kinked[i]).map((a) => tf.greater(a, 0));
      const pooled = this.pools.map(([i]) => activations[i]);
      const margins = this.loss === 'hinge' ? [hingeActive(tf.squeeze(out.scores, [0]) as tf.Tensor2D, tf.squeeze(this.targets, [0]) as tf.Tensor2D)] : [];
      return [loss, ...signs, ...margins, ...pooled];
    });
    const values = await Promise.all([lossT, ...rest].map(async (t) => Array.from(await t.data())));
    tf.dispose([lossT, ...rest]);
    const bitCount = rest.length - this.pools.length;
    const bits = values.slice(1, 1 + bitCount).map((v) => v.map((b) => (b ? '1' : '0')).join(''));
    const winners = this.pools.map(([, spec], p) => poolWinners(values[1 + bitCount + p], rest[bitCount + p].shape, spec));
    return { loss: values[0][0], pattern: [...bits, ...winners].join('|') };
  }
}

/**
 * Each weighted layer with its variables: kernel and bias, and the scale and shift of a batch norm
 * that directly follows it (it normalises the layer's pre-activations). Variables are named
 * `<net>/<layer index>/<what>` by the engine.
 */
function weightedGroups(net: Network): { w: Network['weighted'][number]; vars: tf.Variable[] }[] {
  const layerOf = (v: tf.Variable) => Number(/\/(\d+)\/[^/]*$/.exec(v.name)?.[1] ?? -1);
  const trainable = net.trainableVariables();
  return net.weighted.map((w) => {
    const next = net.spec.layers[w.layerIndex + 1];
    const normaliser = next?.type === 'batchnorm' ? trainable.filter((v) => layerOf(v) === w.layerIndex + 1) : [];
    return { w, vars: [w.kernel, w.bias, ...normaliser] };
  });
}

/** Which hinge terms are active: s_j − s_y + 1 > 0 (the correct class's own term is always 1, left in). */
function hingeActive(scores: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor {
  if (scores.shape[1] === 1) return tf.greater(tf.sub(1, tf.mul(tf.sub(tf.mul(targets, 2), 1), scores)), 0);
  const correct = tf.sum(tf.mul(scores, targets), 1, true);
  return tf.greater(tf.add(tf.sub(scores, correct), 1), 0);
}

/** The position of the winner of every pooling window (valid padding), as one string. */
function poolWinners(values: number[], shape: number[], window: { size: number; stride: number }): string {
  const [n, h, w, c] = shape;
  const k = window.size;
  const s = window.stride;
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let top = 0; top + k <= h; top += s)
      for (let left = 0; left + k <= w; left += s)
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let at = 0;
          for (let i = 0; i < k; i++)
            for (let j = 0; j < k; j++) {
              const v = values[((b * h + top + i) * w + left + j) * c + ch];
              if (v > best) [best, at] = [v, i * k + j];
            }
          out.push(at);
        }
  return out.join(',');
}

async function analyticGradients(probe: Probe, vars: tf.Variable[]): Promise<Map<string, Float32Array>> {
  const grads = tf.tidy(() => {
    const { grads } = tf.variableGrads(() => probe.lossTensor(), vars);
    return vars.map((v) => grads[v.name]);
  });
  const values = await Promise.all(grads.map(async (g) => Float32Array.from(await g.data())));
  tf.dispose(grads);
  return new Map(vars.map((v, i) => [v.name, values[i]]));
}

/**
 * The indices of the `count` largest |gradient| entries, leaving out those below 1% of the largest:
 * a relative error of a gradient near 0 measures rounding, not the gradient. Ties are broken by a
 * seeded shuffle; a variable whose gradient is all zero gives its first shuffled entries.
 */
function largestEntries(grad: Float32Array, count: number, rng: ReturnType<typeof rngFor>): number[] {
  const order = Array.from(rng.shuffle(Int32Array.from({ length: grad.length }, (_, i) => i))).sort((a, b) => Math.abs(grad[b]) - Math.abs(grad[a]));
  const largest = Math.abs(grad[order[0]] ?? 0);
  const large = order.filter((i) => Math.abs(grad[i]) >= MIN_RELATIVE_GRADIENT * largest);
  return large.slice(0, Math.min(count, large.length));
}

async function checkEntry(probe: Probe, variable: tf.Variable, index: number, analytic: number, hs: number[], base: { loss: number; pattern: string }): Promise<EntryCheck> {
  const original = Float32Array.from(await variable.data());
  // assign() shares the new tensor's data; the tensor handle itself is ours to dispose.
  const set = (values: Float32Array) => {
    const t = tf.tensor(values, variable.shape);
    variable.assign(t);
    t.dispose();
  };
  const at = async (value: number) => {
    const changed = Float32Array.from(original);
    changed[index] = value;
    set(changed);
    return probe.evaluate();
  };
  const entry: EntryCheck = { variable: variable.name, index, analytic, centred: [], oneSided: [], crossed: [] };
  try {
    for (const h of hs) {
      const plus = await at(original[index] + h);
      const minus = await at(original[index] - h);
      entry.centred.push((plus.loss - minus.loss) / (2 * h));
      entry.oneSided.push((plus.loss - base.loss) / h);
      entry.crossed.push(plus.pattern !== base.pattern || minus.pattern !== base.pattern);
    }
  } finally {
    set(original);
  }
  return entry;
}
