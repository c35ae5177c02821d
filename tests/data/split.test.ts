import { describe, it, expect } from 'vitest';
import { stratifiedSplit } from '../../src/data/split';

/** MNIST-like class sizes, labels in class blocks like mnist.bin. */
const COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
const LABELS = Uint8Array.from(COUNTS.flatMap((n, c) => new Array<number>(n).fill(c)));

function classCounts(labels: Uint8Array, indices: Int32Array, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const i of indices) counts[labels[i]]++;
  return counts;
}

function expectStratified(labels: Uint8Array, indices: Int32Array, numClasses: number, size: number) {
  const total = new Array<number>(numClasses).fill(0);
  for (const l of labels) total[l]++;
  const got = classCounts(labels, indices, numClasses);
  for (let c = 0; c < numClasses; c++) {
    expect(Math.abs(got[c] - (size * total[c]) / labels.length)).toBeLessThan(1);
  }
}

describe('stratifiedSplit', () => {
  it('returns exact sizes of disjoint, in-range indices', () => {
    const { train, test } = stratifiedSplit(LABELS, 10, 2000, 500, 1);
    expect(train).toBeInstanceOf(Int32Array);
    expect(train.length).toBe(2000);
    expect(test.length).toBe(500);
    const all = new Set([...train, ...test]);
    expect(all.size).toBe(2500);
    for (const i of all) expect(i >= 0 && i < LABELS.length).toBe(true);
  });

  it('keeps every class within one example of its share, for awkward sizes too', () => {
    for (const [trainSize, testSize] of [[2000, 500], [37, 13], [10, 0], [9999, 1], [1, 1], [5000, 5000]]) {
      const { train, test } = stratifiedSplit(LABELS, 10, trainSize, testSize, 3);
      expect(train.length).toBe(trainSize);
      expect(test.length).toBe(testSize);
      expectStratified(LABELS, train, 10, trainSize);
      expectStratified(LABELS, test, 10, testSize);
    }
  });

  it('uses every example exactly once when the sizes add up to the whole set', () => {
    const { train, test } = stratifiedSplit(LABELS, 10, 7000, 3000, 9);
    expect(new Set([...train, ...test]).size).toBe(10000);
  });

  it('stays exact and disjoint where rounding fights the capacity of small classes', () => {
    const labels = Uint8Array.from([0, 1, 2]);
    const { train, test } = stratifiedSplit(labels, 3, 2, 1, 0);
    expect(new Set([...train, ...test]).size).toBe(3);
    const skewed = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1, 2, 2]);
    for (let seed = 0; seed < 20; seed++) {
      const s = stratifiedSplit(skewed, 3, 6, 4, seed);
      expect(new Set([...s.train, ...s.test]).size).toBe(10);
    }
  });

  it('is deterministic per seed and differs across seeds', () => {
    const a = stratifiedSplit(LABELS, 10, 1000, 200, 42);
    const b = stratifiedSplit(LABELS, 10, 1000, 200, 42);
    const c = stratifiedSplit(LABELS, 10, 1000, 200, 43);
    expect(b.train).toEqual(a.train);
    expect(b.test).toEqual(a.test);
    expect(c.train).not.toEqual(a.train);
    expect(c.test).not.toEqual(a.test);
    // Not just a reordering: a different seed picks different examples.
    expect(new Set(c.train)).not.toEqual(new Set(a.train));
  });

  it('shuffles the classes together instead of leaving them in blocks', () => {
    const { train } = stratifiedSplit(LABELS, 10, 1000, 0, 5);
    const firstHundred = classCounts(LABELS, train.subarray(0, 100), 10);
    expect(firstHundred.filter((n) => n > 0).length).toBeGreaterThanOrEqual(8);
  });

  it('keeps the train set when only the test size changes', () => {
    const a = stratifiedSplit(LABELS, 10, 500, 100, 8);
    const b = stratifiedSplit(LABELS, 10, 500, 900, 8);
    expect(b.train).toEqual(a.train);
  });

  it('explains impossible sizes and bad labels', () => {
    expect(() => stratifiedSplit(LABELS, 10, 9000, 1001, 0)).toThrow(/Cannot split 10000 examples into 9000 for training and 1001 for testing/);
    expect(() => stratifiedSplit(LABELS, 10, -1, 10, 0)).toThrow(/train size must be a non-negative integer/);
    expect(() => stratifiedSplit(LABELS, 10, 10, 2.5, 0)).toThrow(/test size must be a non-negative integer/);
    expect(() => stratifiedSplit(Uint8Array.from([0, 1, 5]), 3, 1, 1, 0)).toThrow(/Label 5 at index 2/);
  });
});
