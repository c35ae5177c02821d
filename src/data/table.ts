// A parsed table (csv.ts) made ready to train: a seeded, stratified train/test split and optional
// standardisation with the training rows' statistics (the test rows must not leak into them).
import type { CsvTable } from './csv';
import type { DataSplit } from './dataset';
import { stratifiedSplit } from './split';

export interface TableSplitOptions {
  /** Share of the rows held out for testing (default 0.2), stratified by class. */
  testFraction?: number;
  seed: number;
  /** Scale each feature to mean 0 and standard deviation 1, with the mean and deviation of the training rows. */
  standardize?: boolean;
}

export interface Standardization {
  mean: number[];
  std: number[];
}

export interface TableDataset {
  featureShape: number[];
  numClasses: number;
  classNames: string[];
  train: DataSplit;
  test: DataSplit;
  /** What standardisation used (for showing it and for new points); null when off. */
  standardization: Standardization | null;
}

/** Splits a table into seeded, stratified training and test sets, optionally standardised. */
export function splitTable(table: CsvTable, options: TableSplitOptions): TableDataset {
  const fraction = options.testFraction ?? 0.2;
  if (!(fraction >= 0 && fraction < 1)) throw new Error(`The test fraction must be at least 0 and below 1, got ${fraction}.`);
  const testSize = Math.round(table.count * fraction);
  const trainSize = table.count - testSize;
  if (trainSize < 1) throw new Error(`${table.count} rows leave none for training; lower the test fraction.`);
  const { train, test } = stratifiedSplit(table.labels, table.classNames.length, trainSize, testSize, options.seed);
  const f = table.featureNames.length;
  const take = (rows: Int32Array): DataSplit => {
    const x = new Float32Array(rows.length * f);
    rows.forEach((r, k) => x.set(table.x.subarray(r * f, (r + 1) * f), k * f));
    return { x, labels: Uint8Array.from(rows, (r) => table.labels[r]), count: rows.length };
  };
  const trainSplit = take(train);
  const testSplit = take(test);
  const standardization = options.standardize ? featureStats(trainSplit.x, f) : null;
  if (standardization) for (const split of [trainSplit, testSplit]) applyStandardization(split.x, f, standardization);
  return { featureShape: [f], numClasses: table.classNames.length, classNames: table.classNames, train: trainSplit, test: testSplit, standardization };
}

/** Mean and (population) standard deviation per feature; a constant feature gets std 1 so it maps to 0. */
export function featureStats(x: Float32Array, numFeatures: number): Standardization {
  const n = x.length / numFeatures;
  const mean = new Array<number>(numFeatures).fill(0);
  const sq = new Array<number>(numFeatures).fill(0);
  for (let i = 0; i < n; i++) for (let f = 0; f < numFeatures; f++) mean[f] += x[i * numFeatures + f];
  for (let f = 0; f < numFeatures; f++) mean[f] /= Math.max(n, 1);
  for (let i = 0; i < n; i++) for (let f = 0; f < numFeatures; f++) sq[f] += (x[i * numFeatures + f] - mean[f]) ** 2;
  const std = sq.map((s) => Math.sqrt(s / Math.max(n, 1))).map((s) => (s > 1e-12 ? s : 1));
  return { mean, std };
}

/** (x - mean) / std per feature, in place. */
export function applyStandardization(x: Float32Array, numFeatures: number, stats: Standardization): Float32Array {
  for (let i = 0; i < x.length; i++) {
    const f = i % numFeatures;
    x[i] = (x[i] - stats.mean[f]) / stats.std[f];
  }
  return x;
}
