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

export async function layerDiagnostics(net: Network, probeX: tf.Tensor, probeTargets: tf.Tensor2D, loss: LossName): Promise<LayerStats[]> {
  const layers = net.weighted;
  const packed = tf.tidy(() => {
    let activations: tf.Tensor[] = [];
    const vars = layers.flatMap((w) => [w.kernel, w.bias]);
    const { grads } = tf.variableGrads(() => {
      const result = net.forward(probeX, { training: false });
      activations = result.activations.map((a) => tf.keep(a));
      return computeLoss(loss, result.scores, result.outputs, probeTargets);
    }, vars);
    const rows = layers.map((w, i) => {
      const a = activations[i];
      const { mean, variance } = tf.moments(a);
      const unitAxes = a.shape.slice(0, -1).map((_, k) => k);
      const silent = tf.equal(tf.max(tf.abs(a), unitAxes), 0);
      return tf.stack([
        tf.sqrt(tf.add(tf.sum(tf.square(grads[w.kernel.name])), tf.sum(tf.square(grads[w.bias.name])))),
        tf.norm(w.kernel),
        mean,
        tf.sqrt(variance),
        tf.mean(tf.cast(silent, 'float32')),
      ]);
    });
    activations.forEach((a) => a.dispose());
    return tf.stack(rows);
  });
  const [stats, distinct] = await Promise.all([readAndDispose(packed), Promise.all(layers.map(distinctUnitsOf))]);
  return layers.map((w, i) => {
    const s = stats.subarray(i * STATS_PER_LAYER, (i + 1) * STATS_PER_LAYER);
    return {
      layer: w.layerIndex + 1,
      label: w.label,
      units: unitsOf(w.spec),
      gradNorm: s[0],
      weightNorm: s[1],
      activationMean: s[2],
      activationStd: s[3],
      deadFraction: s[4],
      distinctUnits: distinct[i],
    };
  });
}

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}


async function distinctUnitsOf(w: WeightedLayer): Promise<number> {
  const [kernel, bias] = await Promise.all([w.kernel.data(), w.bias.data()]);
  return countDistinctUnits(kernel as Float32Array, bias as Float32Array, unitsOf(w.spec));
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
