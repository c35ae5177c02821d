import { describe, it, expect } from 'vitest';
import { xorCloud, xorTable } from '../../src/data/xor';

describe('xorTable', () => {
  it('is the truth table', () => {
    const table = xorTable();
    expect(table.count).toBe(4);
    expect(Array.from(table.x)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
    expect(Array.from(table.labels)).toEqual([0, 1, 1, 0]);
    expect(table.x).toBeInstanceOf(Float32Array);
    expect(table.labels).toBeInstanceOf(Uint8Array);
  });
});

describe('xorCloud', () => {
  const n = 4000;
  const noise = 0.2;
  const cloud = xorCloud(n, noise, 7, 'train');

  /** The corner each point was drawn around: the cloud cycles through the corners in order. */
  const corner = (i: number) => [[0, 0], [0, 1], [1, 0], [1, 1]][i % 4];

  it('has n points of two floats and balanced corners with XOR labels', () => {
    expect(cloud.count).toBe(n);
    expect(cloud.x.length).toBe(2 * n);
    expect(cloud.labels.length).toBe(n);
    const perCorner = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const [a, b] = corner(i);
      perCorner[2 * a + b]++;
      expect(cloud.labels[i]).toBe(a ^ b);
    }
    expect(perCorner).toEqual([1000, 1000, 1000, 1000]);
    const ones = cloud.labels.reduce((s, l) => s + l, 0);
    expect(ones).toBe(n / 2);
  });

  it('balances sizes that are not a multiple of four to within one point', () => {
    const odd = xorCloud(7, 0.1, 1, 'test');
    expect(Array.from(odd.labels)).toEqual([0, 1, 1, 0, 0, 1, 1]);
  });

  it('spreads each coordinate around its corner with standard deviation about σ and mean about 0', () => {
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const [a, b] = corner(i);
      for (const d of [cloud.x[2 * i] - a, cloud.x[2 * i + 1] - b]) {
        sum += d;
        sumSq += d * d;
      }
    }
    const mean = sum / (2 * n);
    const sd = Math.sqrt(sumSq / (2 * n) - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(sd).toBeGreaterThan(noise * 0.95);
    expect(sd).toBeLessThan(noise * 1.05);
  });

  it('is exact with zero noise', () => {
    const exact = xorCloud(8, 0, 3, 'train');
    expect(Array.from(exact.x)).toEqual([0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1]);
  });

  it('is deterministic per (seed, stream) and independent across streams and seeds', () => {
    expect(xorCloud(100, noise, 7, 'train').x).toEqual(xorCloud(100, noise, 7, 'train').x);
    expect(xorCloud(100, noise, 7, 'test').x).not.toEqual(xorCloud(100, noise, 7, 'train').x);
    expect(xorCloud(100, noise, 8, 'train').x).not.toEqual(xorCloud(100, noise, 7, 'train').x);
    // A prefix does not depend on n: growing the set only adds points.
    expect(xorCloud(10, noise, 7, 'train').x).toEqual(cloud.x.subarray(0, 20));
  });

  it('rejects impossible options', () => {
    expect(() => xorCloud(-1, 0.1, 0, 'train')).toThrow(/non-negative integer/);
    expect(() => xorCloud(10, -0.1, 0, 'train')).toThrow(/noise must be a finite number >= 0/);
    expect(() => xorCloud(10, Number.NaN, 0, 'train')).toThrow(/noise/);
  });
});
