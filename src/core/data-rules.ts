// What a document's data means for its runs, and the rules across data fields: how many examples
// train and test (given, or counted from drawn points or a file), how many classes and which input
// shapes fit, defaults for the fields of the task at hand, and each rule's message naming its field.
import { MNIST_SIZES } from '../data/mnist';
import { PLANAR_MAX_NOISE, type PlanarFeature } from '../data/planar';
import { appliesTo, DATA_FIELD_KEYS, DATA_FIELDS, NOISY_TASKS, tasksText, type DataField } from './data-fields';
import type { DataOptions, RunSpec, Task } from './experiment-types';
import { isPlaneTask, TASK_INFO } from './tasks';

export const DEFAULT_FEATURES: readonly PlanarFeature[] = ['x', 'y'];

/** A run's input features on a 2-D task (x and y unless it says otherwise). */
export const featuresOf = (run: Pick<RunSpec, 'features'>): readonly PlanarFeature[] => run.features ?? DEFAULT_FEATURES;

/** Runs with equal keys train on the same data: the same input features, the same preprocessing (one upload). */
export const runDataKey = (run: Pick<RunSpec, 'features' | 'training'>): string => `${featuresOf(run).join(',')}|${run.training.inputs}`;

/** The number of classes, or null while the file that decides it is missing. */
export function classCount(task: Task, data: DataOptions): number | null {
  const fixed = TASK_INFO[task].numClasses;
  if (fixed !== null) return fixed;
  if (task === 'spiral' || task === 'points') return data.classes ?? 2;
  return data.source?.classes ?? null;
}

/** Output widths that fit: one unit per class, or a single logistic unit for two classes. */
export const outputUnitsFor = (classes: number): number[] => (classes === 2 ? [1, 2] : [classes]);

/** Input shapes a run's model may declare, or null while the file that decides them is missing. */
export function inputShapesFor(task: Task, data: DataOptions, features: readonly PlanarFeature[] = DEFAULT_FEATURES): number[][] | null {
  if (isPlaneTask(task)) return [[features.length]];
  if (task === 'mnist') return [[784], [28, 28, 1]];
  if (task === 'images') {
    const side = data.imageSize ?? 28;
    const channels = data.color === 'rgb' ? 3 : 1;
    return [[side * side * channels], [side, side, channels]];
  }
  return data.source?.features === undefined ? null : [[data.source.features]];
}

export interface ExampleCounts {
  train: number;
  test: number;
  /** False when no example is held out and the test set is the training set (the XOR table, a tiny drawing). */
  heldOut: boolean;
}

/** Examples of a counted task (drawn points, a file): how many, or null while unknown. */
function countedExamples(task: Task, data: DataOptions): number | null {
  if (task === 'points') return data.points?.length ?? 0;
  return data.source?.examples ?? null;
}

/**
 * The split sizes: the document's for generated data; for drawn points and files, round(n × testFraction)
 * examples held out (stratified; splitCounts in data/dataset.ts makes the same numbers).
 */
export function exampleCounts(task: Task, data: DataOptions): ExampleCounts {
  if (task === 'xor' && data.xorPoints === 'table') return { train: 4, test: 4, heldOut: false };
  const n = TASK_INFO[task].countedSizes ? countedExamples(task, data) : null;
  if (n === null) return TASK_INFO[task].countedSizes ? { train: 0, test: 0, heldOut: false } : { train: data.trainSize, test: data.testSize, heldOut: true };
  const test = Math.round(n * (data.testFraction ?? 0));
  return test > 0 ? { train: n - test, test, heldOut: true } : { train: n, test: n, heldOut: false };
}

/** Steps in one pass over the training set (the last batch of an epoch runs into the next epoch). */
export const stepsPerEpoch = (trainExamples: number, batchSize: number): number => Math.max(1, Math.ceil(trainExamples / batchSize));

/** The epoch length every run of a document shares, or null when their batch sizes make them differ (or no data is counted yet). */
export function sharedStepsPerEpoch(doc: { task: Task; data: DataOptions; runs: readonly Pick<RunSpec, 'training'>[] }): number | null {
  const train = exampleCounts(doc.task, doc.data).train;
  const lengths = new Set(doc.runs.map((r) => stepsPerEpoch(train, r.training.batchSize)));
  return lengths.size === 1 && train > 0 ? [...lengths][0] : null;
}

/**
 * The data options with the defaults of the task's own fields filled in and counted sizes counted.
 * Fields of other tasks are left out (the rules below refuse them when the document gave them).
 */
export function completeData(task: Task, parsed: Record<string, unknown>): DataOptions {
  const info = TASK_INFO[task];
  const data: Record<string, unknown> = {};
  for (const key of DATA_FIELD_KEYS) {
    const field = DATA_FIELDS[key] as DataField;
    if (!appliesTo(key, task)) continue;
    const value = parsed[key] ?? ('default' in field ? field.default : undefined);
    // A copy: a table default (the empty drawing) must never be shared between documents.
    if (value !== undefined) data[key] = typeof value === 'object' && value !== null ? JSON.parse(JSON.stringify(value)) : value;
  }
  data.trainSize ??= info.defaultData.trainSize;
  data.testSize ??= info.defaultData.testSize;
  const complete = data as unknown as DataOptions;
  if (info.countedSizes) {
    const counts = exampleCounts(task, complete);
    if (counts.train > 0) Object.assign(complete, { trainSize: counts.train, testSize: counts.test });
  }
  return complete;
}

type Add = (path: string, message: string) => void;

/** The cross-field rules of the data options; `parsed` is what the document gave (after the schema). */
export function checkData(task: Task, parsed: Record<string, unknown>, data: DataOptions, add: Add): void {
  for (const key of DATA_FIELD_KEYS) {
    const tasks = (DATA_FIELDS[key] as DataField).tasks;
    if (tasks !== 'all' && parsed[key] !== undefined && !tasks.includes(task)) {
      add(`data.${key}`, `data.${key} applies to the ${tasksText(tasks)} task${tasks.length > 1 ? 's' : ''} only, not ${task}`);
    }
  }
  if (task === 'mnist') checkMnistSizes(data, add);
  if (data.noise !== 0 && !NOISY_TASKS.includes(task)) add('data.noise', `data.noise applies to the ${tasksText(NOISY_TASKS)} tasks only, got ${data.noise} for ${task}`);
  const planarNoise = task !== 'xor' || data.xorPoints === 'quadrants';
  if (NOISY_TASKS.includes(task) && planarNoise && data.noise > PLANAR_MAX_NOISE) {
    add('data.noise', `data.noise must be at most ${PLANAR_MAX_NOISE} for ${task === 'xor' ? 'the xor quadrants' : task}, got ${data.noise}`);
  }
  if (task === 'points') checkPoints(data, add);
  if (TASK_INFO[task].file) checkSource(task, data, add);
  const classes = classCount(task, data);
  if (classes !== null && data.firstClass >= classes) add('data.firstClass', `data.firstClass must be below ${classes} for ${task}, got ${data.firstClass}`);
  if (TASK_INFO[task].countedSizes) {
    const n = countedExamples(task, data);
    const counts = exampleCounts(task, data);
    if (n !== null && n > 0 && counts.train < 1) {
      add('data.testFraction', `data.testFraction ${data.testFraction} holds out all ${n} examples; lower it so that some are left to train on`);
    }
  }
}

function checkMnistSizes({ trainSize, testSize }: DataOptions, add: Add): void {
  // The official split: training examples come from its training set, test examples from its test set.
  if (trainSize > MNIST_SIZES.train) add('data.trainSize', `data.trainSize must be at most ${MNIST_SIZES.train} for mnist (the official training digits), got ${trainSize}`);
  if (testSize > MNIST_SIZES.test) add('data.testSize', `data.testSize must be at most ${MNIST_SIZES.test} for mnist (the official test digits), got ${testSize}`);
}

function checkPoints(data: DataOptions, add: Add): void {
  const points = data.points ?? [];
  const classes = data.classes ?? 2;
  if (points.length === 0) return add('data.points', 'data.points is empty: click on the plane to add points of each class');
  points.forEach(([, , label], i) => {
    if (label >= classes) add(`data.points[${i}][2]`, `data.points[${i}][2] is class ${label}, but data.classes is ${classes} (classes 0 to ${classes - 1})`);
  });
  const present = new Set(points.map((p) => p[2]));
  if (present.size < 2) add('data.points', `data.points holds only class ${[...present][0]}: a classifier needs points of at least two classes`);
}

const SOURCE_KINDS_OF: Record<string, readonly string[]> = { csv: ['csv'], images: ['image-zip', 'image-folder'] };

function checkSource(task: Task, data: DataOptions, add: Add): void {
  const source = data.source;
  const what = task === 'csv' ? 'a CSV file' : 'a folder or zip of images';
  if (!source) return add('data.source', `data.source is required for the ${task} task: load ${what} in the data panel (or give \`lab run --data FILE\`)`);
  if (!SOURCE_KINDS_OF[task].includes(source.kind)) {
    add('data.source.kind', `data.source.kind must be ${SOURCE_KINDS_OF[task].map((k) => JSON.stringify(k)).join(' or ')} for ${task}, got ${JSON.stringify(source.kind)}`);
  }
  if (task === 'csv' && source.features === undefined) add('data.source.features', 'data.source.features is required for a CSV file: the number of feature columns (every column but the label)');
  if (task === 'images' && source.features !== undefined) add('data.source.features', 'data.source.features applies to CSV files only: an image\'s inputs are data.imageSize² × channels');
}
