// Turns an experiment's task and data options into ready-to-train float arrays.
import type { DataOptions, Task } from '../core/experiment-types';
import type { MnistDigits } from './mnist-format';
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

function buildMnist(data: DataOptions, mnist: MnistDigits): Dataset {
  if (!Number.isInteger(data.trainSize) || data.trainSize < 1) {
    throw new Error(`MNIST: trainSize must be a positive integer, got ${data.trainSize}.`);
  }
  if (data.trainSize + data.testSize > mnist.count) {
    throw new Error(
      `MNIST: trainSize ${data.trainSize} + testSize ${data.testSize} = ${data.trainSize + data.testSize} exceeds the ${mnist.count} digits available; lower the sizes.`,
    );
  }
  const split = stratifiedSplit(mnist.labels, 10, data.trainSize, data.testSize, data.seed);
  return {
    task: 'mnist',
    featureShape: [mnist.rows, mnist.cols, 1],
    numClasses: 10,
    train: gather(mnist, split.train),
    test: gather(mnist, split.test),
    classNames: Array.from({ length: 10 }, (_, d) => String(d)),
  };
}

function gather(mnist: MnistDigits, indices: Int32Array): DataSplit {
  const size = mnist.rows * mnist.cols;
  const x = new Float32Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const src = indices[k] * size;
    const dst = k * size;
    for (let p = 0; p < size; p++) x[dst + p] = UNIT_SCALE[mnist.pixels[src + p]];
    labels[k] = mnist.labels[indices[k]];
  }
  return { x, labels, count: indices.length };
}
