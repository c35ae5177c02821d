import { describe, expect, it } from 'vitest';
import { drawnPoints, planarDataset, planarFeatures, planarPoints, PLANAR_KINDS, splitSizes, type PlanarKind } from '../../src/data/planar';

const opts = (kind: PlanarKind, extra: Partial<{ noise: number; seed: number; stream: string; classes: number }> = {}) => ({
  noise: 0,
  seed: 1,
  stream: 'train',
  classes: kind === 'spiral' ? 3 : 2,
  ...extra,
});
const counts = (labels: Uint8Array, k: number) => labels.reduce((c, l) => (c[l]++, c), new Array(k).fill(0));
const pointsOf = (split: { x: Float32Array; labels: Uint8Array; count: number }) =>
  Array.from({ length: split.count }, (_, i) => ({ x: split.x[2 * i], y: split.x[2 * i + 1], label: split.labels[i] }));

describe('planarPoints', () => {
  it('balances the classes to within one point for every kind and size', () => {
    for (const kind of PLANAR_KINDS) {
      for (const n of [1, 7, 100, 1001]) {
        const k = kind === 'spiral' ? 3 : 2;
        const c = counts(planarPoints(kind, n, opts(kind)).labels, k);
        expect(c.reduce((a, b) => a + b)).toBe(n);
        expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is the same for the same seed and stream, and differs across seeds and between train and test', () => {
    for (const kind of PLANAR_KINDS) {
      const a = planarPoints(kind, 200, opts(kind, { noise: 0.3 }));
      expect(planarPoints(kind, 200, opts(kind, { noise: 0.3 })).x).toEqual(a.x);
      expect(planarPoints(kind, 200, opts(kind, { noise: 0.3, seed: 2 })).x).not.toEqual(a.x);
      const test = planarPoints(kind, 200, opts(kind, { noise: 0.3, stream: 'test' }));
      expect(test.x).not.toEqual(a.x);
      // Independent draws, not shifted copies: no test point coincides with a training point.
      const train = new Set(pointsOf(a).map((p) => `${p.x},${p.y}`));
      expect(pointsOf(test).some((p) => train.has(`${p.x},${p.y}`))).toBe(false);
      // More points only add points.
      expect(planarPoints(kind, 50, opts(kind, { noise: 0.3 })).x).toEqual(a.x.subarray(0, 100));
    }
  });

  it('draws the noiseless shapes where they belong', () => {
    const circle = pointsOf(planarPoints('circle', 2000, opts('circle')));
    for (const p of circle) {
      const r = Math.hypot(p.x, p.y);
      if (p.label === 0) expect(r).toBeLessThanOrEqual(2.5 + 1e-5);
      else expect(r >= 3.5 - 1e-5 && r <= 5 + 1e-5).toBe(true);
    }
    const xor = pointsOf(planarPoints('xor', 2000, opts('xor')));
    for (const p of xor) {
      expect(Math.min(Math.abs(p.x), Math.abs(p.y))).toBeGreaterThanOrEqual(0.3 - 1e-6);
      expect(Math.max(Math.abs(p.x), Math.abs(p.y))).toBeLessThanOrEqual(5 + 1e-6);
      expect(p.label).toBe(Math.sign(p.x) === Math.sign(p.y) ? 0 : 1);
    }
    // All four quadrants are used.
    expect(new Set(xor.map((p) => `${Math.sign(p.x)}${Math.sign(p.y)}`)).size).toBe(4);
  });

  it('spiral: each of k arms is the same curve rotated by 1/k of a turn', () => {
    for (const arms of [2, 3, 5]) {
      const points = pointsOf(planarPoints('spiral', 500, opts('spiral', { classes: arms })));
      expect(counts(Uint8Array.from(points.map((p) => p.label)), arms).every((c) => c >= Math.floor(500 / arms))).toBe(true);
      for (const p of points) {
        const r = Math.hypot(p.x, p.y);
        expect(r).toBeLessThanOrEqual(5 + 1e-5);
        if (r < 1e-3) continue;
        const expected = 1.75 * 2 * Math.PI * (r / 5) + (2 * Math.PI * p.label) / arms;
        const gap = Math.atan2(p.y, p.x) - expected;
        expect(Math.abs(Math.atan2(Math.sin(gap), Math.cos(gap)))).toBeLessThan(1e-3);
      }
    }
  });

  it('gaussians: unit-variance blobs at (2, 2) and (-2, -2)', () => {
    const points = pointsOf(planarPoints('gaussians', 4000, opts('gaussians')));
    for (const [label, centre] of [[0, 2], [1, -2]]) {
      const mine = points.filter((p) => p.label === label);
      const mean = mine.reduce((s, p) => s + p.x + p.y, 0) / (2 * mine.length);
      const variance = mine.reduce((s, p) => s + (p.x - mean) ** 2 + (p.y - mean) ** 2, 0) / (2 * mine.length);
      expect(Math.abs(mean - centre)).toBeLessThan(0.06);
      expect(Math.abs(Math.sqrt(variance) - 1)).toBeLessThan(0.05);
    }
  });

  it('noise is Gaussian jitter with the stated standard deviation, on top of the same shape', () => {
    const clean = planarPoints('spiral', 4000, opts('spiral'));
    const noisy = planarPoints('spiral', 4000, opts('spiral', { noise: 0.5 }));
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < clean.x.length; i++) {
      const d = noisy.x[i] - clean.x[i];
      sum += d;
      sumSq += d * d;
    }
    const mean = sum / clean.x.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(sumSq / clean.x.length - mean * mean) - 0.5)).toBeLessThan(0.02);
    expect(noisy.labels).toEqual(clean.labels);
  });

  it('rejects impossible options with a message naming the option', () => {
    expect(() => planarPoints('moons' as PlanarKind, 10, opts('circle'))).toThrow('Unknown 2-D dataset "moons"; expected one of circle, gaussians, spiral, xor.');
    expect(() => planarPoints('circle', -1, opts('circle'))).toThrow('circle: the number of points must be an integer from 0 to 100000, got -1.');
    expect(() => planarPoints('circle', 10, opts('circle', { noise: 4 }))).toThrow('circle: noise must be a number from 0 to 3, got 4.');
    expect(() => planarPoints('circle', 10, opts('circle', { noise: Number.NaN }))).toThrow('noise must be a number');
    expect(() => planarPoints('spiral', 10, opts('spiral', { classes: 9 }))).toThrow('spiral: the number of arms (classes) must be an integer from 2 to 8, got 9.');
    expect(() => planarPoints('xor', 10, opts('xor', { classes: 3 }))).toThrow('xor has exactly 2 classes, got classes = 3; only the spiral takes more.');
  });
});

describe('planarFeatures', () => {
  it('maps points to the listed features in order', () => {
    const points = Float32Array.from([1, 2, -0.5, 3]);
    const all = planarFeatures(points, ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny']);
    const expected = [
      [1, 2, 1, 4, 2, Math.sin(1), Math.sin(2)],
      [-0.5, 3, 0.25, 9, -1.5, Math.sin(-0.5), Math.sin(3)],
    ].flat();
    expect(all.length).toBe(14);
    all.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    expect(Array.from(planarFeatures(points, ['xy', 'x']))).toEqual([2, 1, -1.5, -0.5]);
  });

  it('explains bad feature lists', () => {
    const points = new Float32Array(2);
    expect(() => planarFeatures(points, [])).toThrow('Pick at least one input feature');
    expect(() => planarFeatures(points, ['z' as 'x'])).toThrow('Unknown input feature "z"; expected one of x, y, x2, y2, xy, sinx, siny.');
    expect(() => planarFeatures(points, ['x', 'x'])).toThrow('Input features are listed twice: x, x.');
  });
});

describe('planarDataset', () => {
  it('builds train and test from independent streams, mapped to the features, with the raw points kept', () => {
    const ds = planarDataset({ kind: 'spiral', classes: 4, trainSize: 400, testSize: 100, noise: 0.2, seed: 3, features: ['x', 'y', 'x2'] });
    expect(ds.featureShape).toEqual([3]);
    expect(ds.numClasses).toBe(4);
    expect(ds.classNames).toEqual(['0', '1', '2', '3']);
    expect([ds.train.count, ds.train.x.length, ds.test.count]).toEqual([400, 1200, 100]);
    expect(ds.points.train.length).toBe(800);
    expect(ds.train.x[2]).toBeCloseTo(ds.points.train[0] ** 2, 5);
    expect(ds.points.train).toEqual(planarPoints('spiral', 400, { noise: 0.2, seed: 3, stream: 'train', classes: 4 }).x);
    expect(ds.points.test).toEqual(planarPoints('spiral', 100, { noise: 0.2, seed: 3, stream: 'test', classes: 4 }).x);
    expect(planarDataset({ kind: 'circle', trainSize: 10, testSize: 10, noise: 0, seed: 1 }).featureShape).toEqual([2]);
  });

  it('splits a total by a training share', () => {
    expect(splitSizes(500, 0.5)).toEqual({ trainSize: 250, testSize: 250 });
    expect(splitSizes(7, 0.8)).toEqual({ trainSize: 6, testSize: 1 });
    expect(splitSizes(2, 0.99)).toEqual({ trainSize: 1, testSize: 1 });
    expect(() => splitSizes(1, 0.5)).toThrow('at least 2');
    expect(() => splitSizes(10, 1)).toThrow('The training share must be between 0 and 1 (exclusive), got 1.');
  });
});

describe('drawnPoints', () => {
  it('packs valid points and names the bad one', () => {
    const split = drawnPoints([{ x: 1, y: -2, label: 1 }, { x: 0.5, y: 0, label: 0 }], 2);
    expect(Array.from(split.x)).toEqual([1, -2, 0.5, 0]);
    expect(Array.from(split.labels)).toEqual([1, 0]);
    expect(() => drawnPoints([{ x: 1, y: 1, label: 0 }, { x: Number.NaN, y: 0, label: 0 }], 2)).toThrow('Drawn point 2 has a coordinate that is not a finite number (NaN, 0).');
    expect(() => drawnPoints([{ x: 1, y: 1, label: 2 }], 2)).toThrow('Drawn point 1 has class 2; classes are 0 to 1.');
  });
});
