// Turns an experiment's task and data options into ready-to-train float arrays: generated or drawn
// points, the MNIST digits, or a user's file that the page or `lab run` made into examples.
import type { DataOptions, RunSpec, Task } from '../core/experiment-types';
import { withInputScaling, type AppliedScaling } from './input-scaling';
import { isPlaneTask } from '../core/tasks';
import { chunksFor, MNIST_SIZES, poolSize, type DigitSet, type MnistDigits, type MnistSplitName } from './mnist';
import { featureSplit, planeData, splitCounted, take } from './plane-data';
import type { PlanarFeature } from './planar';
import { checkSource } from './source';
import { stratifiedSplit } from './split';
import { applyStandardization, featureStats } from './table';
import { examplesProblem, type UserExamples } from './user-examples';

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
  /** 2-D tasks: x holds the raw (x, y) points; a run's own input features come from withFeatures. */
  plane?: boolean;
  /** A run's input preprocessing (withInputScaling): the statistics every later input goes through. */
  inputScaling?: AppliedScaling;
  /** Before that preprocessing: the examples as the student sees them. */
  unscaled?: Dataset;
}

/** The dataset one run trains on: its input features (2-D tasks), then its input preprocessing. */
export function runDataset(dataset: Dataset, run: Pick<RunSpec, 'features' | 'training'>): Dataset {
  return withInputScaling(withFeatures(dataset, run.features), run.training.inputs);
}

export { runDataKey } from '../core/data-rules';

/**
 * The dataset of a (validated) document. MNIST needs its digits loaded (loadMnist), a file task the
 * examples made from the user's file (user-examples.ts), checked here against what the document names.
 */
export function buildDataset(task: Task, data: DataOptions, mnist?: MnistDigits, examples?: UserExamples): Dataset {
  if (isPlaneTask(task)) {
    const plane = planeData(task, data);
    return { task, featureShape: [2], numClasses: plane.numClasses, train: plane.train, test: plane.test, classNames: classNumbers(plane.numClasses), plane: true };
  }
  switch (task) {
    case 'mnist':
      if (!mnist) throw new Error('The MNIST task needs the digits: load them with loadMnist() first.');
      return buildMnist(data, mnist);
    case 'csv':
    case 'images':
      return buildFromFile(task, data, examples);
    default:
      throw new Error(`Unknown task ${JSON.stringify(task)}.`);
  }
}

/** The dataset a run with these input features trains on (2-D tasks; any other dataset as it is). */
export function withFeatures(dataset: Dataset, features: readonly PlanarFeature[] | undefined): Dataset {
  if (!dataset.plane || !features) return dataset;
  const train = featureSplit(dataset.train, features);
  if (train === dataset.train) return dataset;
  return { ...dataset, featureShape: [features.length], train, test: featureSplit(dataset.test, features), plane: false };
}

const classNumbers = (n: number) => Array.from({ length: n }, (_, c) => String(c));

function buildFromFile(task: 'csv' | 'images', data: DataOptions, examples: UserExamples | undefined): Dataset {
  const source = data.source;
  if (!source) throw new Error(`The ${task} task needs data.source: the file to train on.`);
  if (!examples) throw new Error(`Load the ${task === 'csv' ? 'CSV file' : 'images'} ${JSON.stringify(source.name)} to train on it: a document names its file but cannot carry it.`);
  const problem = examplesProblem(examples);
  if (problem) throw new Error(`The examples of ${source.name} are damaged: ${problem}.`);
  const check = checkSource(source, examples.source);
  if (!check.ok) throw new Error(check.message);
  const found = examples.source;
  const differs = [
    found.examples !== source.examples && `${found.examples} examples, not ${source.examples}`,
    found.classes !== source.classes && `${found.classes} classes, not ${source.classes}`,
    task === 'csv' && found.features !== source.features && `${found.features} feature columns, not ${source.features}`,
  ].filter(Boolean);
  if (differs.length) throw new Error(`${source.name} as read now holds ${differs.join(', ')} as data.source says: load the file again (a different label column?).`);
  if (task === 'images') {
    const side = data.imageSize ?? 28;
    const want = [side, side, data.color === 'rgb' ? 3 : 1];
    if (examples.featureShape.join('x') !== want.join('x')) {
      throw new Error(`The images were prepared as ${examples.featureShape.join('x')} but the document asks for ${want.join('x')}: prepare them again.`);
    }
  }
  const size = examples.featureShape.reduce((a, b) => a * b, 1);
  const split = splitCounted(examples.labels, examples.classNames.length, data.testFraction ?? 0, data.seed);
  const train = take(examples, split.train, size);
  const test = split.heldOut ? take(examples, split.test, size) : train;
  if (task === 'csv' && data.standardize) {
    // The training rows' statistics only: the test rows must not leak into them.
    const stats = featureStats(train.x, size);
    applyStandardization(train.x, size, stats);
    if (test !== train) applyStandardization(test.x, size, stats);
  }
  return { task, featureShape: [...examples.featureShape], numClasses: examples.classNames.length, train, test, classNames: [...examples.classNames] };
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
