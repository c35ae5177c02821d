// Per-layer diagnostics on a fixed probe batch: gradient and weight norms, activation statistics,
// dead units and distinct units. Computed on the device and read back in one batch, every few
// steps, never inside the training step itself.
import * as tf from '@tensorflow/tfjs';
import type { LayerStats } from './events';
import type { LossName } from './experiment-types';
import { computeLoss } from './losses';
import { unitsOf } from './layers';
import type { Network, WeightedLayer } from './model';

/** Two units count as copies when no incoming weight differs by more than this fraction of the layer's largest weight. */
export const DISTINCT_TOLERANCE = 1e-4;
const STATS_PER_LAYER = 5;

/**
 * Every run's per-layer diagnostics, in one pass over the stack: the probe batch goes through every
 * run at once, the loss of each run is its own, and every statistic is reduced over all axes but the
 * run axis. Returns one list of LayerStats per run.
 */
export async function layerDiagnostics(net: Network, probeX: tf.Tensor, probeTargets: tf.Tensor2D, loss: LossName): Promise<LayerStats[][]> {
  const layers = net.weighted;
  const packed = tf.tidy(() => {
    let activations: tf.Tensor[] = [];
    const vars = layers.flatMap((w) => [w.kernel, w.bias]);
    const { grads } = tf.variableGrads(() => {
      const result = net.forward(tf.expandDims(probeX, 0), { training: false });
      activations = result.activations.map((a) => tf.keep(a));
      return tf.sum(computeLoss(loss, result.scores, result.outputs, tf.expandDims(probeTargets, 0))) as tf.Scalar;
    }, vars);
    const overAllButRuns = (t: tf.Tensor) => t.shape.slice(1).map((_, k) => k + 1);
    const sumSquares = (t: tf.Tensor) => tf.sum(tf.square(t), overAllButRuns(t));
    const rows = layers.map((w, i) => {
      const a = activations[i];
      const { mean, variance } = tf.moments(a, overAllButRuns(a));
      // A unit is silent when its output is 0 for every probe example (and position, for conv).
      const silent = tf.equal(tf.max(tf.abs(a), a.shape.slice(1, -1).map((_, k) => k + 1)), 0);
      return tf.stack([
        tf.sqrt(tf.add(sumSquares(grads[w.kernel.name]), sumSquares(grads[w.bias.name]))),
        tf.sqrt(sumSquares(w.kernel)),
        mean,
        tf.sqrt(variance),
        tf.mean(tf.cast(silent, 'float32'), -1),
      ]);
    });
    activations.forEach((a) => a.dispose());
    return tf.stack(rows); // [layers, STATS_PER_LAYER, runs]
  });
  const [stats, distinct] = await Promise.all([readAndDispose(packed), Promise.all(layers.map((w) => distinctUnitsOf(w, net.runs)))]);
  return Array.from({ length: net.runs }, (_, r) =>
    layers.map((w, i) => {
      const at = (k: number) => stats[(i * STATS_PER_LAYER + k) * net.runs + r];
      return {
        layer: w.layerIndex + 1,
        label: w.labels[r],
        units: unitsOf(w.specs[r]),
        gradNorm: at(0),
        weightNorm: at(1),
        activationMean: at(2),
        activationStd: at(3),
        deadFraction: at(4),
        distinctUnits: distinct[i][r],
      };
    }),
  );
}

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** Each run's count of distinct units in a stacked layer. */
async function distinctUnitsOf(w: WeightedLayer, runs: number): Promise<number[]> {
  const [kernel, bias] = (await Promise.all([w.kernel.data(), w.bias.data()])) as Float32Array[];
  const units = unitsOf(w.specs[0]);
  const perKernel = kernel.length / runs;
  return Array.from({ length: runs }, (_, r) =>
    countDistinctUnits(kernel.subarray(r * perKernel, (r + 1) * perKernel), bias.subarray(r * units, (r + 1) * units), units),
  );
}

/**
 * Which units of a layer are copies of each other: for each unit, the index of the first unit it
 * copies (itself if none). `kernel` is laid out [fanIn, units] row-major (as a dense kernel is, and a
 * conv kernel [k, k, in, out] flattens to); unit u's incoming weights are column u. Greedy grouping
 * against representatives, each comparison stopping at the first difference, so that distinct random
 * units cost a comparison or two each.
 */
export function unitGroups(kernel: Float32Array, bias: Float32Array, units: number, relTolerance = DISTINCT_TOLERANCE): Int32Array {
  const fanIn = kernel.length / units;
  let largest = 0;
  for (let i = 0; i < kernel.length; i++) largest = Math.max(largest, Math.abs(kernel[i]));
  for (let i = 0; i < bias.length; i++) largest = Math.max(largest, Math.abs(bias[i]));
  const tol = relTolerance * largest;
  const representatives: number[] = [];
  const groups = new Int32Array(units);
  for (let u = 0; u < units; u++) {
    const copyOf = representatives.find((r) => {
      if (Math.abs(bias[u] - bias[r]) > tol) return false;
      for (let i = 0; i < fanIn; i++) {
        if (Math.abs(kernel[i * units + u] - kernel[i * units + r]) > tol) return false;
      }
      return true;
    });
    if (copyOf === undefined) representatives.push(u);
    groups[u] = copyOf ?? u;
  }
  return groups;
}

/** How many different units a layer really has (see unitGroups). */
export function countDistinctUnits(kernel: Float32Array, bias: Float32Array, units: number, relTolerance = DISTINCT_TOLERANCE): number {
  const groups = unitGroups(kernel, bias, units, relTolerance);
  return groups.filter((g, u) => g === u).length;
}
