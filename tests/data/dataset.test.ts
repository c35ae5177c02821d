import { describe, it, expect, beforeAll } from 'vitest';
import type { DataOptions } from '../../src/core/experiment-types';
import { buildDataset } from '../../src/data/dataset';
import type { MnistDigits } from '../../src/data/mnist-format';
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

describe('buildDataset: MNIST', () => {
  let mnist: MnistDigits;
  beforeAll(async () => {
    mnist = await readMnistFile();
  });

  it('scales pixels to [0, 1] floats in the split’s order, shaped 28x28x1', () => {
    const ds = buildDataset('mnist', OPTIONS, mnist);
    expect(ds.featureShape).toEqual([28, 28, 1]);
    expect(ds.numClasses).toBe(10);
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(ds.train.count).toBe(1000);
    expect(ds.train.x.length).toBe(1000 * 784);
    expect(ds.test.count).toBe(200);
    let max = 0;
    for (const v of ds.train.x) max = Math.max(max, v);
    expect(max).toBe(1);
    expect(Math.min(...ds.test.x.subarray(0, 784))).toBe(0);
    // Every example is some digit of the source, scaled, with its label.
    const example = ds.train.x.subarray(0, 784);
    const match = [...Array(mnist.count).keys()].find((i) =>
      mnist.pixels.subarray(i * 784, (i + 1) * 784).every((p, k) => Math.abs(p / 255 - example[k]) < 1e-7),
    );
    expect(match).toBeDefined();
    expect(ds.train.labels[0]).toBe(mnist.labels[match!]);
  });

  it('is stratified and deterministic per seed', () => {
    const a = buildDataset('mnist', OPTIONS, mnist);
    const b = buildDataset('mnist', OPTIONS, mnist);
    const c = buildDataset('mnist', { ...OPTIONS, seed: 6 }, mnist);
    expect(b.train.labels).toEqual(a.train.labels);
    expect(c.train.labels).not.toEqual(a.train.labels);
    const perClass = new Array(10).fill(0);
    for (const l of a.train.labels) perClass[l]++;
    expect(perClass).toEqual([100, 113, 99, 103, 98, 86, 102, 107, 94, 98]);
  });

  it('builds the full 10,000 quickly', () => {
    const started = performance.now();
    const ds = buildDataset('mnist', { ...OPTIONS, trainSize: 8000, testSize: 2000 }, mnist);
    expect(ds.train.count + ds.test.count).toBe(10000);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('explains impossible options', () => {
    expect(() => buildDataset('mnist', OPTIONS)).toThrow(/needs the digits.*loadMnist/);
    expect(() => buildDataset('mnist', { ...OPTIONS, trainSize: 9000, testSize: 2000 }, mnist)).toThrow(
      /11000 exceeds the 10000 digits available/,
    );
    expect(() => buildDataset('mnist', { ...OPTIONS, trainSize: 0 }, mnist)).toThrow(/trainSize must be a positive integer/);
  });
});
