import { describe, expect, it } from 'vitest';
import { decimateMinMax, Series, type Point } from '../../src/charts/series';
import { rawPoints } from '../support/series-points';

function noisy(n: number, seed = 1): { xs: number[]; ys: number[] } {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    xs.push(i);
    ys.push(Math.exp(-i / 2000) + 0.1 * rand());
  }
  return { xs, ys };
}

describe('Series growth', () => {
  it('keeps every appended point, in order, across many capacity doublings', () => {
    const s = new Series();
    let accepted = 0;
    for (let i = 0; i < 100_000; i++) if (s.append(i, i * 2)) accepted++;
    expect(accepted).toBe(100_000);
    expect(s.length).toBe(100_000);
    expect(s.xAt(0)).toBe(0);
    expect(s.xAt(65_537)).toBe(65_537);
    expect(s.yAt(99_999)).toBe(199_998);
  });

  it('appends a million points in well under a second (amortised O(1))', () => {
    const s = new Series();
    const t0 = performance.now();
    for (let i = 0; i < 1_000_000; i++) s.append(i, Math.sin(i));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(s.length).toBe(1_000_000);
  });

  it('refuses points whose x goes backwards or is not finite, and accepts equal x', () => {
    const s = new Series();
    expect(s.append(5, 1)).toBe(true);
    expect(s.append(4, 1)).toBe(false);
    expect(s.append(Number.NaN, 1)).toBe(false);
    expect(s.append(Infinity, 1)).toBe(false);
    expect(s.append(5, 2)).toBe(true);
    expect(s.length).toBe(2);
  });

  it('bumps its version on every change, and clear empties it', () => {
    const s = new Series();
    const v0 = s.version;
    s.append(0, 1);
    expect(s.version).toBeGreaterThan(v0);
    const v1 = s.version;
    s.clear();
    expect(s.length).toBe(0);
    expect(s.version).toBeGreaterThan(v1);
    expect(s.append(-10, 1)).toBe(true); // a cleared series starts over
  });

  it('copies its input: later changes to the source arrays do not leak in', () => {
    const xs = [0, 1, 2];
    const ys = [3, 4, 5];
    const s = Series.from({ x: xs, y: ys });
    xs[0] = 99;
    ys[0] = 99;
    expect(rawPoints(s)).toEqual([{ x: 0, y: 3 }, { x: 1, y: 4 }, { x: 2, y: 5 }]);
    const pts: Point[] = [{ x: 1, y: 1 }];
    const t = Series.from(pts);
    pts[0].y = 7;
    expect(t.yAt(0)).toBe(1);
  });

  it('rejects parallel arrays of different lengths', () => {
    expect(() => new Series().appendMany([1, 2], [1])).toThrow(/lengths differ/);
  });
});

describe('views and decimation', () => {
  it('returns short series whole, minus non-finite points', () => {
    const s = Series.from({ x: [0, 1, 2, 3, 4], y: [1, Number.NaN, 3, Infinity, -Infinity] });
    expect(s.view()).toEqual([{ x: 0, y: 1 }, { x: 2, y: 3 }]);
    expect(rawPoints(s)).toHaveLength(5); // the raw data keeps them
  });

  it('drops zero and negative values for a log axis', () => {
    const s = Series.from({ x: [0, 1, 2, 3], y: [0, -1, 1e-9, 2] });
    expect(s.view({ positiveOnly: true })).toEqual([{ x: 2, y: 1e-9 }, { x: 3, y: 2 }]);
    expect(s.view()).toHaveLength(4);
  });

  it('bounds a long series to maxPoints, sorted by x, keeping both ends', () => {
    const { xs, ys } = noisy(50_000);
    const view = Series.from({ x: xs, y: ys }).view({ maxPoints: 1000 });
    expect(view.length).toBeLessThanOrEqual(1000);
    expect(view.length).toBeGreaterThan(900);
    expect(view[0]).toEqual({ x: 0, y: ys[0] });
    expect(view[view.length - 1]).toEqual({ x: 49_999, y: ys[49_999] });
    for (let i = 1; i < view.length; i++) expect(view[i].x).toBeGreaterThan(view[i - 1].x);
  });

  it('keeps the minimum and the maximum of every bucket, and the global extremes', () => {
    const { xs, ys } = noisy(10_000, 7);
    ys[4321] = 50; // a spike: a diverging step must survive decimation
    ys[777] = -3;
    const max = 200;
    const view = decimateMinMax(xs, ys, xs.length, max);
    const buckets = Math.floor((max - 2) / 2);
    const size = Math.ceil(xs.length / buckets);
    const kept = new Set(view.map((p) => p.x));
    for (let start = 0; start < xs.length; start += size) {
      const slice = ys.slice(start, start + size);
      const lo = start + slice.indexOf(Math.min(...slice));
      const hi = start + slice.indexOf(Math.max(...slice));
      expect(kept.has(lo), `bucket at ${start} lost its min`).toBe(true);
      expect(kept.has(hi), `bucket at ${start} lost its max`).toBe(true);
    }
    expect(view.some((p) => p.x === 4321 && p.y === 50)).toBe(true);
    expect(view.some((p) => p.x === 777 && p.y === -3)).toBe(true);
    // Only real points come out.
    for (const p of view) expect(p.y).toBe(ys[p.x]);
  });

  it('skips NaN runs inside buckets and keeps the last finite point of a diverged run', () => {
    const n = 5000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const ys = xs.map((i) => (i < 3000 ? 1 / (i + 1) : Number.NaN));
    const view = decimateMinMax(xs, ys, n, 100);
    expect(view.length).toBeLessThanOrEqual(100);
    expect(view.every((p) => Number.isFinite(p.y))).toBe(true);
    expect(view[view.length - 1].x).toBe(2999);
    expect(decimateMinMax(xs, xs.map(() => Number.NaN), n, 100)).toEqual([]);
  });

  it('applies the log filter before decimating, so no non-positive point reaches a log axis', () => {
    const n = 20_000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const ys = xs.map((i) => (i % 3 === 0 ? 0 : i % 3 === 1 ? -1 : 1e-3 * (i + 1)));
    const view = Series.from({ x: xs, y: ys }).view({ maxPoints: 500, positiveOnly: true });
    expect(view.length).toBeGreaterThan(0);
    expect(view.length).toBeLessThanOrEqual(500);
    expect(view.every((p) => p.y > 0)).toBe(true);
    expect(view[0].x).toBe(2);
    expect(view[view.length - 1].x).toBe(19_997); // the last i with i % 3 === 2
  });

  it('caches the view until the series or the options change', () => {
    const s = Series.from({ x: [0, 1, 2], y: [1, 2, 3] });
    const a = s.view();
    expect(s.view()).toBe(a);
    expect(s.view({ positiveOnly: true })).not.toBe(a);
    s.append(3, 4);
    const b = s.view();
    expect(b).not.toBe(a);
    expect(b).toHaveLength(4);
  });

  it('never returns more than maxPoints for any size (floor of 4)', () => {
    for (const n of [0, 1, 4, 5, 9, 10, 11, 999, 1000, 1001, 1002, 4097]) {
      const xs = Array.from({ length: n }, (_, i) => i);
      const ys = xs.map((i) => Math.cos(i));
      for (const max of [4, 5, 10, 1000]) {
        const v = decimateMinMax(xs, ys, n, max);
        expect(v.length).toBeLessThanOrEqual(Math.max(max, 0));
        if (n > 0) expect(v[0].x).toBe(0);
        if (n > 0) expect(v[v.length - 1].x).toBe(n - 1);
      }
    }
  });
});
