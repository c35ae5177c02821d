import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { clampSmoothing, emaDebiased, MAX_SMOOTHING } from '../../src/charts/smoothing';
import { Series } from '../../src/charts/series';
import { parseEvents } from '../support/events-jsonl';

describe('debiased EMA (TensorBoard smoothing)', () => {
  it('matches the recurrence by hand, and starts at the first value instead of near zero', () => {
    const s = emaDebiased([1, 2, 3], 3, 0.5);
    // s1 = 0.5·1 / (1 − 0.5); s2 = (0.25 + 1) / 0.75; s3 = (0.625 + 1.5) / 0.875
    expect([...s]).toEqual([1, 1.25 / 0.75, 2.125 / 0.875]);
    // The control: without debiasing the first value would be (1 − w)·y1 = 0.5.
    expect(0.5 * 1).not.toBeCloseTo(s[0]);
  });

  it('leaves a constant curve constant and weight 0 the raw values', () => {
    expect([...emaDebiased([2, 2, 2, 2], 4, 0.9)].every((v) => Math.abs(v - 2) < 1e-12)).toBe(true);
    expect([...emaDebiased([3, 1, 4], 3, 0)]).toEqual([3, 1, 4]);
  });

  it('passes a non-finite value through without poisoning the average', () => {
    const s = emaDebiased([1, Number.NaN, 1, Infinity, 1], 5, 0.6);
    expect(s[1]).toBeNaN();
    expect(s[3]).toBe(Infinity);
    expect(s[4]).toBeCloseTo(1, 12);
  });

  it('clamps the weight to 0..0.99', () => {
    expect(clampSmoothing(-1)).toBe(0);
    expect(clampSmoothing(Number.NaN)).toBe(0);
    expect(clampSmoothing(1)).toBe(MAX_SMOOTHING);
    expect(clampSmoothing(0.6)).toBe(0.6);
  });

  it('quiets a real noisy MNIST loss curve while following its trend', () => {
    const events = parseEvents(readFileSync(new URL('./fixtures/dropout.jsonl', import.meta.url), 'utf8'));
    const losses = events.filter((e) => e.type === 'metrics' && e.run === 'dropout 0.5').map((e) => (e as { loss: number }).loss);
    expect(losses.length).toBe(800);
    const smooth = emaDebiased(losses, losses.length, 0.6);
    const roughness = (v: ArrayLike<number>) => {
      let sum = 0;
      for (let i = 1; i < v.length; i++) sum += Math.abs(v[i] - v[i - 1]);
      return sum / (v.length - 1);
    };
    expect(roughness(smooth)).toBeLessThan(0.5 * roughness(losses));
    // Same trend: the last hundred steps' means agree within 10%.
    const mean = (v: ArrayLike<number>, from: number) => Array.from(v).slice(from).reduce((a, b) => a + b, 0) / (v.length - from);
    expect(Math.abs(mean(smooth, 700) - mean(losses, 700)) / mean(losses, 700)).toBeLessThan(0.1);
  });

  it('is what a Series view draws, cut at a divergence and decimated', () => {
    const s = Series.from({ x: [1, 2, 3, 4, 5], y: [4, 2, 6, 1e30, Number.NaN] });
    const raw = s.view({ before: 4 });
    expect(raw).toEqual([{ x: 1, y: 4 }, { x: 2, y: 2 }, { x: 3, y: 6 }]);
    const smooth = s.view({ before: 4, smoothing: 0.5 });
    const expected = emaDebiased([4, 2, 6], 3, 0.5);
    expect(smooth.map((p) => p.y)).toEqual([...expected]);
    expect(s.smoothedAt(2, 0.5)).toBe(expected[2]);
  });
});
