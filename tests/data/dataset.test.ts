import { createHash } from 'node:crypto';
import { describe, it, expect, beforeAll } from 'vitest';
import type { DataOptions } from '../../src/core/experiment-types';
import { buildDataset } from '../../src/data/dataset';
import { MNIST_MANIFEST, type MnistDigits } from '../../src/data/mnist';
import { readMnistFile } from '../../src/data/node-source';

const OPTIONS: DataOptions = {
  trainSize: 1000,
  testSize: 200,
  noise: 0.1,
  xorPoints: 'cloud',
  order: 'shuffled',
  firstClass: 0,
  seed: 5,
};

describe('buildDataset: XOR', () => {
  it('table: train and test are the four corners, whatever the sizes say', () => {
    const ds = buildDataset('xor', { ...OPTIONS, xorPoints: 'table', trainSize: 999, testSize: 0 });
    expect(ds.featureShape).toEqual([2]);
    expect(ds.numClasses).toBe(2);
    expect(ds.classNames).toEqual(['0', '1']);
    for (const split of [ds.train, ds.test]) {
      expect(split.count).toBe(4);
      expect(Array.from(split.x)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
      expect(Array.from(split.labels)).toEqual([0, 1, 1, 0]);
    }
  });

  it('cloud: train and test have the requested sizes and independent noise', () => {
    const ds = buildDataset('xor', OPTIONS);
    expect(ds.train.count).toBe(1000);
    expect(ds.train.x.length).toBe(2000);
    expect(ds.test.count).toBe(200);
    expect(ds.test.x).not.toEqual(ds.train.x.subarray(0, 400));
  });

  it('rejects impossible cloud options', () => {
    expect(() => buildDataset('xor', { ...OPTIONS, trainSize: 0 })).toThrow(/trainSize must be a positive integer/);
    expect(() => buildDataset('xor', { ...OPTIONS, noise: -1 })).toThrow(/noise/);
  });
});

describe('buildDataset: MNIST (the official split)', () => {
  let full: MnistDigits;
  beforeAll(async () => {
    full = await readMnistFile();
  });
  const hashes = (pixels: Uint8Array, count: number) =>
    new Set(Array.from({ length: count }, (_, i) => createHash('sha1').update(pixels.subarray(i * 784, (i + 1) * 784)).digest('hex')));
  /** Typed-array equality without vitest's element-by-element diffing (millions of floats). */
  const sameBytes = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  const exampleHashes = (split: { x: Float32Array; count: number }) =>
    hashes(Uint8Array.from(split.x, (v) => Math.round(v * 255)), split.count);

  it('scales pixels to [0, 1] floats, shaped 28x28x1, with the requested sizes', () => {
    const ds = buildDataset('mnist', OPTIONS, full);
    expect(ds.featureShape).toEqual([28, 28, 1]);
    expect(ds.numClasses).toBe(10);
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect([ds.train.count, ds.train.x.length, ds.test.count]).toEqual([1000, 1000 * 784, 200]);
    expect(Math.max(...ds.train.x.subarray(0, 784 * 20))).toBe(1);
    expect(Math.min(...ds.test.x.subarray(0, 784))).toBe(0);
  });

  it('draws training examples only from the official training set and test examples only from the test set', () => {
    const ds = buildDataset('mnist', { ...OPTIONS, trainSize: 3000, testSize: 1500 }, full);
    const train = hashes(full.train.pixels, full.train.count);
    const test = hashes(full.test.pixels, full.test.count);
    const drawnTrain = exampleHashes(ds.train);
    const drawnTest = exampleHashes(ds.test);
    expect(drawnTrain.size).toBe(3000);
    expect(drawnTest.size).toBe(1500);
    expect([...drawnTrain].every((h) => train.has(h) && !test.has(h))).toBe(true);
    expect([...drawnTest].every((h) => test.has(h) && !train.has(h))).toBe(true);
  });

  it('trains on the same digits whether everything or only the needed chunks are loaded (Node and the page agree)', async () => {
    const few = await readMnistFile({ train: 5000, test: 1000 });
    expect([few.train.count, few.test.count]).toEqual([6000, 1000]);
    const options = { ...OPTIONS, trainSize: 5000, testSize: 1000 };
    const a = buildDataset('mnist', options, full);
    const b = buildDataset('mnist', options, few);
    expect(sameBytes(b.train.x, a.train.x)).toBe(true);
    expect(b.train.labels).toEqual(a.train.labels);
    expect(sameBytes(b.test.x, a.test.x)).toBe(true);
    // Control: the comparison does see a different draw.
    expect(sameBytes(buildDataset('mnist', { ...options, seed: 99 }, few).train.x, a.train.x)).toBe(false);
  });

  it('is stratified and deterministic per seed; the seed picks the digits within the chunks', () => {
    const a = buildDataset('mnist', OPTIONS, full);
    const b = buildDataset('mnist', OPTIONS, full);
    const c = buildDataset('mnist', { ...OPTIONS, seed: 6 }, full);
    expect(b.train.labels).toEqual(a.train.labels);
    expect(sameBytes(b.train.x, a.train.x)).toBe(true);
    expect(c.train.labels).not.toEqual(a.train.labels);
    // 1000 of the first chunk's 2000 digits: another seed picks other digits, not just another order.
    expect(exampleHashes(c.train)).not.toEqual(exampleHashes(a.train));
    // Each class within one example of its share of the first chunk (176 zeros, 225 ones, ... of 2000).
    const perClass = new Array(10).fill(0);
    for (const l of a.train.labels) perClass[l]++;
    const chunkCounts = MNIST_MANIFEST.splits.train.chunks[0].classCounts;
    perClass.forEach((n, k) => expect(Math.abs(n - chunkCounts[k] / 2)).toBeLessThanOrEqual(1));
  });

  it('takes sizes up to the official 60,000 and 10,000', () => {
    const ds = buildDataset('mnist', { ...OPTIONS, trainSize: 60000, testSize: 10000 }, full);
    expect([ds.train.count, ds.test.count]).toEqual([60000, 10000]);
  });

  it('explains impossible options', async () => {
    expect(() => buildDataset('mnist', OPTIONS)).toThrow(/needs the digits.*loadMnist/);
    expect(() => buildDataset('mnist', { ...OPTIONS, trainSize: 60001 }, full)).toThrow(
      'MNIST: trainSize must be an integer from 1 to 60000 (the official training set), got 60001.',
    );
    expect(() => buildDataset('mnist', { ...OPTIONS, testSize: 10001 }, full)).toThrow(
      'MNIST: testSize must be an integer from 0 to 10000 (the official test set), got 10001.',
    );
    expect(() => buildDataset('mnist', { ...OPTIONS, trainSize: 0 }, full)).toThrow(/trainSize must be an integer from 1/);
    const few = await readMnistFile({ train: 2000, test: 1000 });
    expect(() => buildDataset('mnist', { ...OPTIONS, trainSize: 2001 }, few)).toThrow(
      'MNIST: 2001 train digits need the first 4000 of the official train set, but only 2000 are loaded; load them with loadMnist(fetchBytes, { train: 2001 }).',
    );
  });
});

describe('buildDataset: 2-D tasks and files', () => {
  it('gives a 2-D task its raw points; a run\'s features map them', async () => {
    const { experiment } = await import('../../src/core/experiment');
    const { withFeatures } = await import('../../src/data/dataset');
    const doc = experiment({ task: 'spiral', data: { classes: 3, trainSize: 30, testSize: 12 }, runs: [{ model: 'INPUT 2, FC-3' }] });
    const ds = buildDataset(doc.task, doc.data);
    expect(ds).toMatchObject({ featureShape: [2], numClasses: 3, plane: true, train: { count: 30 }, test: { count: 12 } });
    const mapped = withFeatures(ds, ['x', 'xy', 'siny']);
    expect(mapped.featureShape).toEqual([3]);
    const [x, y] = [ds.train.x[0], ds.train.x[1]];
    expect([...mapped.train.x.subarray(0, 3)]).toEqual([x, Math.fround(x * y), Math.fround(Math.sin(y))]);
    expect(withFeatures(ds, ['x', 'y'])).toBe(ds); // the default is the upload itself
  });

  it('splits a drawing by its test share, or tests on the training points when none is held out', async () => {
    const { experiment } = await import('../../src/core/experiment');
    const points = Array.from({ length: 20 }, (_, i) => [i / 4 - 2, (i % 5) - 2, i % 2]);
    const held = experiment({ task: 'points', data: { points, testFraction: 0.25 }, runs: [{}] });
    const ds = buildDataset(held.task, held.data);
    expect([ds.train.count, ds.test.count]).toEqual([15, 5]);
    const none = experiment({ task: 'points', data: { points, testFraction: 0 }, runs: [{}] });
    const same = buildDataset(none.task, none.data);
    expect(same.test).toBe(same.train);
  });

  it('trains a file only on the examples made of that very file, standardised with the training rows', async () => {
    const { experiment } = await import('../../src/core/experiment');
    const { csvExamples } = await import('../../src/data/user-examples');
    const { irisCsv } = await import('../support/user-files');
    const examples = await csvExamples(irisCsv(), 'iris.csv');
    const doc = experiment({ task: 'csv', data: { source: examples.source }, runs: [{}] });
    expect(() => buildDataset('csv', doc.data)).toThrow('Load the CSV file "iris.csv" to train on it: a document names its file but cannot carry it.');
    const other = await csvExamples(new TextEncoder().encode('a,b,c\n1,2,x\n3,4,y\n'), 'other.csv');
    expect(() => buildDataset('csv', doc.data, undefined, other)).toThrow(/^This is not the CSV file "iris\.csv" \(3,716 bytes, sha256 91eb642c3adb…\): it is named "other\.csv"; it has 18 bytes instead of 3,716 bytes; its contents differ/);
    const ds = buildDataset('csv', doc.data, undefined, examples);
    expect([ds.train.count, ds.test.count, ds.numClasses]).toEqual([120, 30, 3]);
    const mean = (f: number) => Array.from({ length: 120 }, (_, i) => ds.train.x[i * 4 + f]).reduce((a, b) => a + b, 0) / 120;
    for (let f = 0; f < 4; f++) expect(Math.abs(mean(f))).toBeLessThan(1e-5);
    // Control: without standardisation the first feature (sepal length, in cm) has its own mean, about 5.8.
    const raw = buildDataset('csv', { ...doc.data, standardize: false }, undefined, examples);
    expect(Array.from({ length: 120 }, (_, i) => raw.train.x[i * 4]).reduce((a, b) => a + b, 0) / 120).toBeGreaterThan(5);
  });
});
