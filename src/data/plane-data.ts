// The points of every 2-D task, from the document alone: the XOR table and cloud, the Playground
// generators, and drawn points. Pure and seeded, so the page draws exactly the points the worker
// trains on (before training too), and per-run input features are a function of them.
import type { DataOptions, Task } from '../core/experiment-types';
import type { DataSplit } from './dataset';
import { drawnPoints, planarFeatures, planarPoints, type PlanarFeature, type PlanarKind } from './planar';
import { stratifiedSplit } from './split';
import { xorCloud, xorTable } from './xor';

export interface PlaneData {
  numClasses: number;
  /** x holds the raw (x, y) pairs. */
  train: DataSplit;
  test: DataSplit;
  /** False when the test set is the training set (the XOR table, a drawing with nothing held out). */
  heldOut: boolean;
  /** The square the view draws: [lo, hi]² holds the noiseless points. */
  extent: { lo: number; hi: number };
}

export const UNIT_EXTENT = { lo: -0.5, hi: 1.5 };
export const PLAYGROUND_EXTENT = { lo: -6, hi: 6 };

export function planeData(task: Task, data: DataOptions): PlaneData {
  const noise = data.noise;
  const seed = data.seed;
  const generated = (kind: PlanarKind, classes = 2): PlaneData => ({
    numClasses: classes,
    train: planarPoints(kind, data.trainSize, { noise, seed, stream: 'train', classes }),
    test: planarPoints(kind, data.testSize, { noise, seed, stream: 'test', classes }),
    heldOut: true,
    extent: PLAYGROUND_EXTENT,
  });
  switch (task) {
    case 'xor':
      if (data.xorPoints === 'quadrants') return generated('xor');
      if (data.xorPoints === 'table') {
        // The truth table has exactly four points: the sizes are ignored, and the test set is the
        // training set, because the question XOR asks is whether the network can fit these four at all.
        return { numClasses: 2, train: xorTable(), test: xorTable(), heldOut: false, extent: UNIT_EXTENT };
      }
      if (!Number.isInteger(data.trainSize) || data.trainSize < 1) throw new Error(`XOR cloud: trainSize must be a positive integer, got ${data.trainSize}.`);
      return { numClasses: 2, train: xorCloud(data.trainSize, noise, seed, 'train'), test: xorCloud(data.testSize, noise, seed, 'test'), heldOut: true, extent: UNIT_EXTENT };
    case 'circle':
    case 'gaussians':
      return generated(task);
    case 'spiral':
      return generated('spiral', data.classes ?? 2);
    case 'points': {
      const classes = data.classes ?? 2;
      const all = drawnPoints((data.points ?? []).map(([x, y, label]) => ({ x, y, label })), classes);
      const split = splitCounted(all.labels, classes, data.testFraction ?? 0, seed);
      const train = take(all, split.train, 2);
      return { numClasses: classes, train, test: split.heldOut ? take(all, split.test, 2) : train, heldOut: split.heldOut, extent: PLAYGROUND_EXTENT };
    }
    default:
      throw new Error(`${task} is not a 2-D task.`);
  }
}

/**
 * Positions of the training and test examples of a counted set (drawn points, a file): round(n × f)
 * held out, stratified by class and seeded; with none held out, the test set is the training set.
 */
export function splitCounted(labels: Uint8Array, numClasses: number, testFraction: number, seed: number): { train: Int32Array; test: Int32Array; heldOut: boolean } {
  const n = labels.length;
  const testSize = Math.round(n * testFraction);
  if (n - testSize < 1) throw new Error(`A test share of ${testFraction} holds out all ${n} examples; lower it.`);
  const { train, test } = stratifiedSplit(labels, numClasses, n - testSize, testSize, seed);
  return testSize > 0 ? { train, test, heldOut: true } : { train, test: train, heldOut: false };
}

/** The examples at `rows` of a flat set with `size` floats each. */
export function take(set: DataSplit, rows: Int32Array, size: number): DataSplit {
  const x = new Float32Array(rows.length * size);
  rows.forEach((r, k) => x.set(set.x.subarray(r * size, (r + 1) * size), k * size));
  return { x, labels: Uint8Array.from(rows, (r) => set.labels[r]), count: rows.length };
}

/** A split's points mapped to a run's input features (x and y: the split itself). */
export function featureSplit(split: DataSplit, features: readonly PlanarFeature[]): DataSplit {
  if (features.length === 2 && features[0] === 'x' && features[1] === 'y') return split;
  return { x: planarFeatures(split.x, features), labels: split.labels, count: split.count };
}
