// Turns an experiment's task and data options into ready-to-train float arrays.
import type { DataOptions, Task } from '../core/experiment-types';
import { chunksFor, MNIST_SIZES, poolSize, type DigitSet, type MnistDigits, type MnistSplitName } from './mnist';
import { stratifiedSplit } from './split';
import { xorCloud, xorTable } from './xor';

export interface DataSplit {
  /** count examples, each featureShape's product of floats, example after example. */
  x: Float32Array;
  labels: Uint8Array;
  count: number;
}

export interface Dataset {
  task: Task;
  featureShape: number[];
  numClasses: number;
  train: DataSplit;
  test: DataSplit;
  classNames: string[];
}

export function buildDataset(task: Task, data: DataOptions, mnist?: MnistDigits): Dataset {
  switch (task) {
    case 'xor':
      return buildXor(data);
    case 'mnist':
      if (!mnist) throw new Error('The MNIST task needs the digits: load them with loadMnist() first.');
      return buildMnist(data, mnist);
    default: {
      const unknown: never = task;
      throw new Error(`Unknown task ${JSON.stringify(unknown)}.`);
    }
  }
}

function buildXor(data: DataOptions): Dataset {
  const base = { task: 'xor' as const, featureShape: [2], numClasses: 2, classNames: ['0', '1'] };
  if (data.xorPoints === 'table') {
    // The truth table has exactly four points: trainSize and testSize are ignored, and the test set is
    // the training set, because the question XOR asks is whether the network can fit these four at all.
    return { ...base, train: xorTable(), test: xorTable() };
  }
  if (!Number.isInteger(data.trainSize) || data.trainSize < 1) {
    throw new Error(`XOR cloud: trainSize must be a positive integer, got ${data.trainSize}.`);
  }
  return {
    ...base,
    train: xorCloud(data.trainSize, data.noise, data.seed, 'train'),
    test: xorCloud(data.testSize, data.noise, data.seed, 'test'),
  };
}

/** pixel byte -> [0, 1] float, computed once instead of a division per pixel. */
const UNIT_SCALE = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/**
 * Training examples come from the official training set and test examples from the official test set.
 * Each is a stratified, seeded draw from the first chunks that hold its size (see chunksFor), never from
 * whatever else happens to be loaded: Node (which may load everything) and the page (which loads only
 * those chunks) therefore train on the same digits for the same document.
 */
function buildMnist(data: DataOptions, mnist: MnistDigits): Dataset {
  if (!Number.isInteger(data.trainSize) || data.trainSize < 1 || data.trainSize > MNIST_SIZES.train) {
    throw new Error(`MNIST: trainSize must be an integer from 1 to ${MNIST_SIZES.train} (the official training set), got ${data.trainSize}.`);
  }
  if (!Number.isInteger(data.testSize) || data.testSize < 0 || data.testSize > MNIST_SIZES.test) {
    throw new Error(`MNIST: testSize must be an integer from 0 to ${MNIST_SIZES.test} (the official test set), got ${data.testSize}.`);
  }
  const { rows, cols } = mnist.train;
  return {
    task: 'mnist',
    featureShape: [rows, cols, 1],
    numClasses: 10,
    train: gather(mnist.train, draw(mnist.train, 'train', data.trainSize, data.seed)),
    test: gather(mnist.test, draw(mnist.test, 'test', data.testSize, data.seed)),
    classNames: Array.from({ length: 10 }, (_, d) => String(d)),
  };
}

/** `size` positions into `set`, stratified by class and seeded, from the pool of the first chunks that hold size digits. */
function draw(set: DigitSet, split: MnistSplitName, size: number, seed: number): Int32Array {
  const pool = poolSize(split, chunksFor(split, size));
  if (set.count < pool) {
    throw new Error(
      `MNIST: ${size} ${split} digits need the first ${pool} of the official ${split} set, but only ${set.count} are loaded; load them with loadMnist(fetchBytes, { ${split}: ${size} }).`,
    );
  }
  const labels = set.labels.subarray(0, pool);
  // The test draw is the "test" part of a split with no training part, so the two draws use different streams.
  return split === 'train' ? stratifiedSplit(labels, 10, size, 0, seed).train : stratifiedSplit(labels, 10, 0, size, seed).test;
}

function gather(set: DigitSet, indices: Int32Array): DataSplit {
  const size = set.rows * set.cols;
  const x = new Float32Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const src = indices[k] * size;
    const dst = k * size;
    for (let p = 0; p < size; p++) x[dst + p] = UNIT_SCALE[set.pixels[src + p]];
    labels[k] = set.labels[indices[k]];
  }
  return { x, labels, count: indices.length };
}
