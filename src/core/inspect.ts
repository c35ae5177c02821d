// Read-only questions about a trained (or training) network, for the app's views: the XOR decision
// boundary, predictions for drawn or test digits, the confusion matrix, first-layer filters,
// activation maps and histograms. Each runs its ops in a tidy and reads back with `await data()`.
// Safe between training chunks: the trainer awaits only outside its tidies, and these only read.
import * as tf from '@tensorflow/tfjs';
import type { DeviceData } from './device-data';
import { kindOf, unitsOf } from './layers';
import { unitGroups } from './metrics';
import { predictedClasses } from './losses';
import { scaleInputs, type AppliedScaling } from '../data/input-scaling';
import { planarFeatures, type PlanarFeature } from '../data/planar';
import type { RunNetwork } from './model';

async function read(t: tf.Tensor): Promise<Float32Array> {
  try {
    return Float32Array.from(await t.data());
  } finally {
    t.dispose();
  }
}

/** Class probabilities [n x classes] for n inputs laid out flat (a single logistic unit gives [1 - p, p]). */
export async function predict(net: RunNetwork, x: Float32Array, n: number): Promise<Float32Array> {
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
export async function decisionGrid(
  net: RunNetwork,
  resolution: number,
  lo: number,
  hi: number,
  features: readonly PlanarFeature[],
  points: Float32Array = new Float32Array(0),
  scaling?: AppliedScaling,
): Promise<DecisionGrid> {
  const cells = resolution * resolution;
  const extra = points.length >> 1;
  const all = new Float32Array(2 * (cells + extra));
  all.set(gridPoints(resolution, lo, hi));
  all.set(points.subarray(0, 2 * extra), 2 * cells);
  const probabilities = await predict(net, scaleInputs(planarFeatures(all, features), scaling), cells + extra);
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

export async function testPredictions(net: RunNetwork, data: DeviceData, numClasses: number): Promise<TestPredictions> {
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
export async function firstLayerFilters(net: RunNetwork): Promise<FilterBank | null> {
  const conv = net.weighted.find((w) => kindOf(w.spec.type).imageFilters);
  if (!conv) return null;
  const kernel = conv.kernel();
  return { shape: kernel.shape, values: await read(kernel) };
}

export interface ActivationMap {
  layer: number;
  label: string;
  /** [height, width, channels] of one example's activations. */
  shape: number[];
  values: Float32Array;
}

/** Each filter layer's activations for one input example (flat, in the model's input layout). */
export async function activationMaps(net: RunNetwork, example: Float32Array): Promise<ActivationMap[]> {
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
export async function activationHistograms(net: RunNetwork, x: tf.Tensor, bins = 30): Promise<Histogram[]> {
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

/** One layer of the network picture: what each unit does on the probe batch. */
export interface PictureLayer {
  /** The summary table's row (0 is the input). */
  layer: number;
  label: string;
  units: number;
  /** Mean activation of each unit over the probe examples (the input's mean value, for layer 0). */
  meanActivation: Float32Array;
  /** 1 where the unit output 0 for every probe example (a dead ReLU), else 0. */
  dead: Uint8Array;
  /** For each unit, the first unit whose incoming weights it copies (itself if none). */
  copyOf: Int32Array;
  /** The incoming weights [previous units, units] row-major, when small enough to draw as edges. */
  weights: Float32Array | null;
}

/** Dense layers of at most this many units are drawn unit by unit; larger ones are not pictured. */
export const PICTURE_MAX_UNITS = 256;
/** Edges are sent (and drawn) only for layers with at most this many incoming weights. */
export const PICTURE_MAX_EDGES = 4096;

/**
 * The network as a picture: every weighted layer's units (mean activation, dead, copies) on the probe
 * batch, and the input's features when they are few enough to draw. Null when the network is not
 * a small stack of dense layers (a CNN, or a layer wider than PICTURE_MAX_UNITS).
 */
export async function networkPicture(net: RunNetwork, probeX: tf.Tensor): Promise<PictureLayer[] | null> {
  const dense = net.weighted.every((w) => !kindOf(w.spec.type).imageFilters && unitsOf(w.spec) <= PICTURE_MAX_UNITS);
  if (!dense || net.spec.input.length !== 1) return null;
  const [means, silent] = tf.tidy(() => {
    const { activations } = net.forward(probeX, { training: false });
    const flat = [tf.reshape(probeX, [probeX.shape[0], -1]), ...activations];
    return [tf.concat(flat.map((a) => tf.mean(a, 0))), tf.concat(activations.map((a) => tf.cast(tf.equal(tf.max(tf.abs(a), 0), 0), 'float32')))];
  });
  const [meanValues, silentValues] = await Promise.all([read(means), read(silent)]);
  const inputs = net.spec.input[0];
  const layers: PictureLayer[] = [
    { layer: 0, label: `INPUT ${inputs}`, units: inputs, meanActivation: meanValues.slice(0, inputs), dead: new Uint8Array(inputs), copyOf: Int32Array.from({ length: inputs }, (_, i) => i), weights: null },
  ];
  let offset = inputs;
  let deadOffset = 0;
  for (const w of net.weighted) {
    const units = unitsOf(w.spec);
    const [kernel, bias] = await Promise.all([read(w.kernel()), read(w.bias())]);
    layers.push({
      layer: w.layerIndex + 1,
      label: w.label,
      units,
      meanActivation: meanValues.slice(offset, offset + units),
      dead: Uint8Array.from(silentValues.subarray(deadOffset, deadOffset + units)),
      copyOf: unitGroups(kernel, bias, units),
      weights: kernel.length <= PICTURE_MAX_EDGES ? kernel : null,
    });
    offset += units;
    deadOffset += units;
  }
  return layers;
}
