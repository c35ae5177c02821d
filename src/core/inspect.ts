// Read-only questions about a trained (or training) network, for the app's views: the XOR decision
// boundary, predictions for drawn or test digits, the confusion matrix, first-layer filters,
// activation maps and histograms. Each runs its ops in a tidy and reads back with `await data()`.
// Safe between training chunks: the trainer awaits only outside its tidies, and these only read.
import * as tf from '@tensorflow/tfjs';
import type { DeviceData } from './device-data';
import { kindOf } from './layers';
import { predictedClasses } from './losses';
import { planarFeatures, type PlanarFeature } from '../data/planar';
import type { Network } from './model';

async function read(t: tf.Tensor): Promise<Float32Array> {
  try {
    return Float32Array.from(await t.data());
  } finally {
    t.dispose();
  }
}

/** Class probabilities [n x classes] for n inputs laid out flat (a single logistic unit gives [1 - p, p]). */
export async function predict(net: Network, x: Float32Array, n: number): Promise<Float32Array> {
  return read(
    tf.tidy(() => {
      const input = tf.tensor(x, [n, ...net.spec.input]);
      const out = net.forward(input, { training: false }).outputs;
      return out.shape[1] === 1 ? tf.concat([tf.sub(1, out), out], 1) : out;
    }),
  );
}

/** The centres of a resolution x resolution grid over [lo, hi]^2 as (x, y) pairs, row by row from the top (y = hi). */
export function gridPoints(resolution: number, lo: number, hi: number): Float32Array {
  const points = new Float32Array(resolution * resolution * 2);
  for (let row = 0; row < resolution; row++) {
    for (let col = 0; col < resolution; col++) {
      const i = row * resolution + col;
      points[2 * i] = lo + ((hi - lo) * col) / (resolution - 1);
      points[2 * i + 1] = hi - ((hi - lo) * row) / (resolution - 1);
    }
  }
  return points;
}

export interface DecisionGrid {
  /** Per grid cell (row by row from the top), the probability of each class: cells x classes. */
  probabilities: Float32Array;
  classes: number;
  /** The predicted class of each of the extra points asked about, in order. */
  predicted: Int32Array;
}

/**
 * Class probabilities over the plane of a 2-D task, and the predicted class of some points (the
 * training and test points, to mark the misclassified ones). Both go through the run's input features.
 */
export async function decisionGrid(net: Network, resolution: number, lo: number, hi: number, features: readonly PlanarFeature[], points: Float32Array = new Float32Array(0)): Promise<DecisionGrid> {
  const cells = resolution * resolution;
  const extra = points.length >> 1;
  const all = new Float32Array(2 * (cells + extra));
  all.set(gridPoints(resolution, lo, hi));
  all.set(points.subarray(0, 2 * extra), 2 * cells);
  const probabilities = await predict(net, planarFeatures(all, features), cells + extra);
  const classes = probabilities.length / (cells + extra);
  const predicted = new Int32Array(extra);
  for (let i = 0; i < extra; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probabilities[(cells + i) * classes + c] > probabilities[(cells + i) * classes + best]) best = c;
    predicted[i] = best;
  }
  return { probabilities: probabilities.slice(0, cells * classes), classes, predicted };
}

export interface TestPredictions {
  /** Predicted class of every test example, in test order. */
  predicted: Int32Array;
  /** confusion[actual][predicted] counts over the test split. */
  confusion: number[][];
}

export async function testPredictions(net: Network, data: DeviceData, numClasses: number): Promise<TestPredictions> {
  const predicted = Int32Array.from(
    await read(
      tf.tidy(() => {
        const x = data.inputs('test', net.spec.input);
        return tf.cast(predictedClasses(net.forward(x, { training: false }).scores), 'float32');
      }),
    ),
  );
  const labels = data.dataset.test.labels;
  const confusion = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  predicted.forEach((p, i) => confusion[labels[i]][p]++);
  return { predicted, confusion };
}

export interface FilterBank {
  /** [kernelSize, kernelSize, inChannels, filters], row-major as tfjs stores conv kernels. */
  shape: number[];
  values: Float32Array;
}

/** The first layer of image filters (they tend to become edge detectors), or null without one. */
export async function firstLayerFilters(net: Network): Promise<FilterBank | null> {
  const conv = net.weighted.find((w) => kindOf(w.spec.type).imageFilters);
  if (!conv) return null;
  return { shape: conv.kernel.shape, values: Float32Array.from(await conv.kernel.data()) };
}

export interface ActivationMap {
  layer: number;
  label: string;
  /** [height, width, channels] of one example's activations. */
  shape: number[];
  values: Float32Array;
}

/** Each filter layer's activations for one input example (flat, in the model's input layout). */
export async function activationMaps(net: Network, example: Float32Array): Promise<ActivationMap[]> {
  const convIndices = net.weighted.map((w, i) => (kindOf(w.spec.type).imageFilters ? i : -1)).filter((i) => i >= 0);
  const tensors = tf.tidy(() => {
    const { activations } = net.forward(tf.tensor(example, [1, ...net.spec.input]), { training: false });
    return convIndices.map((i) => activations[i]);
  });
  return Promise.all(
    tensors.map(async (t, k) => {
      const w = net.weighted[convIndices[k]];
      return { layer: w.layerIndex + 1, label: w.label, shape: t.shape.slice(1), values: await read(t) };
    }),
  );
}

export interface Histogram {
  layer: number;
  label: string;
  /** Bin edges (bins + 1 values) and counts per bin. */
  edges: number[];
  counts: number[];
}

/** Histogram of every weighted layer's outputs on the given examples (e.g. the probe batch). */
export async function activationHistograms(net: Network, x: tf.Tensor, bins = 30): Promise<Histogram[]> {
  const flat = tf.tidy(() => net.forward(x, { training: false }).activations.map((a) => tf.reshape(a, [-1])));
  const values = await Promise.all(flat.map(read));
  return values.map((v, i) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const a of v) {
      lo = Math.min(lo, a);
      hi = Math.max(hi, a);
    }
    if (hi === lo) hi = lo + 1e-6;
    const counts = new Array<number>(bins).fill(0);
    for (const a of v) counts[Math.min(bins - 1, Math.floor(((a - lo) / (hi - lo)) * bins))]++;
    const edges = Array.from({ length: bins + 1 }, (_, k) => lo + ((hi - lo) * k) / bins);
    const w = net.weighted[i];
    return { layer: w.layerIndex + 1, label: w.label, edges, counts };
  });
}
