import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axisBounds, chooseScale, niceLinearBounds, niceLogBounds, robustExtent, spansDecades, TEXTURE_REACH, valueStats } from '../../src/charts/axis-range';
import { DEFAULT_SMOOTHING, emaDebiased } from '../../src/charts/smoothing';
import type { MetricsEvent } from '../../src/core/events';
import { parseEvents } from '../support/events-jsonl';

const lr = parseEvents(readFileSync(new URL('./fixtures/learning-rate.jsonl', import.meta.url), 'utf8'));
const losses = (run: string) => lr.filter((e): e is MetricsEvent => e.type === 'metrics' && e.run === run).map((e) => e.loss);

describe('the y range of the learning-rate lesson', () => {
  it('comes from the runs that did not diverge, so lr 30 (8e35 before step 13) does not flatten them', () => {
    const healthy = [...losses('too low (1e-5)'), ...losses('good (0.1)')];
    const diverged = losses('too high (30)');
    expect(Math.max(...diverged)).toBeGreaterThan(1e35);
    const linear = axisBounds(healthy, 'linear');
    expect(linear).not.toBeNull();
    expect(linear!.min).toBe(0);
    expect(linear!.max).toBeGreaterThanOrEqual(Math.max(...healthy));
    expect(linear!.max).toBeLessThanOrEqual(3);
    // The controls: fitting everything runs to 8e35, and the outlier fence alone still leaves 8e22
    // (a dozen diverging steps are too many to be "a spike"): leaving the diverged run out is needed.
    expect(Math.max(...healthy, ...diverged)).toBeGreaterThan(8e35);
    expect(axisBounds([...healthy, ...diverged], 'linear')!.max).toBeGreaterThan(1e20);
    const log = axisBounds(healthy, 'logarithmic')!;
    expect(log.min).toBeLessThanOrEqual(Math.min(...healthy));
    expect(log.max).toBeGreaterThanOrEqual(Math.max(...healthy));
    expect(log.max / log.min).toBeLessThan(100);
  });

  it('does not go log on its own for these healthy curves (they span one decade), and would for all three', () => {
    const healthy = [...losses('too low (1e-5)'), ...losses('good (0.1)')];
    expect(spansDecades(valueStats(healthy))).toBe(false);
    expect(spansDecades(valueStats([...healthy, ...losses('too high (30)')]))).toBe(true);
  });
});

const zc = parseEvents(readFileSync(new URL('./fixtures/zero-centred-inputs.jsonl', import.meta.url), 'utf8'));
const zcRuns = ['raw pixels', 'centred', 'standardised per pixel'];
const zcLosses = (run: string) => zc.filter((e): e is MetricsEvent => e.type === 'metrics' && e.run === run).map((e) => e.loss);
/** Each run's losses as its chart line draws them bold, smoothed with the default weight. */
const zcSmoothed = zcRuns.flatMap((run) => {
  const ys = zcLosses(run);
  return Array.from(emaDebiased(ys, ys.length, DEFAULT_SMOOTHING));
});

describe('the log axis of the zero-centred lesson (smoothed lines over faint raw batch losses)', () => {
  const raw = zcRuns.flatMap(zcLosses);

  it('reaches at most a decade below the smoothed lines, though single batches reach 1.6e-7', () => {
    expect(spansDecades(valueStats(raw))).toBe(true);
    expect(Math.min(...raw)).toBeLessThan(1e-6);
    expect(Math.min(...zcSmoothed)).toBeGreaterThan(1e-2);
    const bounds = axisBounds(raw, 'logarithmic', { bold: zcSmoothed })!;
    expect(bounds.min).toBeGreaterThanOrEqual(Math.min(...zcSmoothed) / TEXTURE_REACH / 10); // nice bounds round out by at most a decade
    expect(bounds.min).toBeLessThanOrEqual(Math.min(...zcSmoothed));
    expect(bounds.max).toBeGreaterThanOrEqual(Math.max(...zcSmoothed));
    expect(Math.log10(bounds.max / bounds.min)).toBeLessThanOrEqual(5);
    // The control: the raw values alone stretch it to 1e-7, nine decades, most of them empty of bold line.
    const unfenced = axisBounds(raw, 'logarithmic')!;
    expect(unfenced.min).toBeLessThanOrEqual(1e-6);
    expect(Math.log10(unfenced.max / unfenced.min)).toBeGreaterThanOrEqual(8);
  });

  it('leaves unsmoothed lines and linear axes as they were', () => {
    // Unsmoothed, the raw values are the bold lines: they keep the whole axis.
    expect(axisBounds(raw, 'logarithmic', { bold: raw })).toEqual(axisBounds(raw, 'logarithmic'));
    expect(axisBounds(raw, 'linear', { bold: zcSmoothed })).toEqual(axisBounds(raw, 'linear'));
  });
});

describe('robust extent', () => {
  it('fences out an isolated spike but keeps the start of a falling curve', () => {
    const curve = Array.from({ length: 500 }, (_, i) => 2.3 * Math.exp(-i / 60) + 0.05);
    expect(robustExtent(curve, 'linear')).toEqual({ lo: Math.min(...curve), hi: curve[0] });
    const spiky = [...curve];
    spiky[250] = 1e6;
    expect(robustExtent(spiky, 'linear')!.hi).toBe(curve[0]);
    // A real swing (many points up there, like momentum 0.99999) is not an outlier.
    const swing = curve.map((v, i) => (i > 200 && i < 260 ? 8 + v : v));
    expect(robustExtent(swing, 'linear')!.hi).toBeGreaterThan(8);
  });

  it('keeps all of a handful of values, and ignores non-finite ones', () => {
    expect(robustExtent([1, 2, 1e9], 'linear')).toEqual({ lo: 1, hi: 1e9 });
    expect(robustExtent([Number.NaN, Infinity, 3], 'linear')).toEqual({ lo: 3, hi: 3 });
    expect(robustExtent([], 'linear')).toBeNull();
    expect(robustExtent([0, -1], 'logarithmic')).toBeNull();
  });
});

describe('nice bounds', () => {
  it('rounds a linear range out to a 1-2-5 step, never below zero for positive data', () => {
    expect(niceLinearBounds(0.31, 2.34)).toEqual({ min: 0, max: 2.5, stepSize: 0.5 });
    expect(niceLinearBounds(-0.12, 0.4)).toEqual({ min: -0.2, max: 0.4, stepSize: 0.2 });
    expect(niceLinearBounds(0.02, 0.3, { includeZero: true }).min).toBe(0);
    const flat = niceLinearBounds(64, 64);
    expect(flat.min).toBeLessThan(64);
    expect(flat.max).toBeGreaterThan(64);
  });

  it('puts log bounds at 1, 2 or 5 times a power of ten', () => {
    expect(niceLogBounds(0.31, 2.34)).toEqual({ min: 0.2, max: 5 });
    expect(niceLogBounds(2.6e-6, 0.99)).toEqual({ min: 2e-6, max: 1 });
    expect(niceLogBounds(1, 1).max).toBeGreaterThan(1);
  });
});

describe('choosing the scale', () => {
  const wide = valueStats([1e-6, 1e-3, 0.5]);
  const narrow = valueStats([0.2, 2.3]);

  it('goes log where the values span more than three decades, with some hysteresis', () => {
    expect(spansDecades(wide)).toBe(true);
    expect(spansDecades(narrow)).toBe(false);
    const between = valueStats([1, 500]); // 2.7 decades: linear from linear, stays log once log
    expect(spansDecades(between, false)).toBe(false);
    expect(spansDecades(between, true)).toBe(true);
    expect(spansDecades(valueStats([-1, 1e-6, 1]))).toBe(false); // negatives: a log axis cannot show them
    expect(spansDecades(valueStats([0, 0, 0, 1e-6, 1]))).toBe(false); // mostly zeros
  });

  it('lets the user win over the lesson, and the lesson over the data', () => {
    expect(chooseScale({ preferred: 'auto', stats: wide, previous: 'linear' })).toBe('logarithmic');
    expect(chooseScale({ preferred: 'auto', stats: narrow, previous: 'linear' })).toBe('linear');
    expect(chooseScale({ config: 'logarithmic', preferred: 'auto', stats: narrow, previous: 'linear' })).toBe('logarithmic');
    expect(chooseScale({ user: 'linear', config: 'logarithmic', preferred: 'auto', stats: wide, previous: 'logarithmic' })).toBe('linear');
    expect(chooseScale({ preferred: 'linear', stats: wide, previous: 'linear' })).toBe('linear');
  });
});

describe('the step axis', () => {
  it('leaves room ahead of the data in a few jumps, up to the step budget', async () => {
    const { stepAxisMax } = await import('../../src/charts/chart-group');
    expect(stepAxisMax(150, 5000)).toBe(200);
    expect(stepAxisMax(201, 5000)).toBe(500);
    expect(stepAxisMax(1700, 5000)).toBe(5000);
    expect(stepAxisMax(200, 200)).toBe(200); // a finished lesson fills the width
    expect(stepAxisMax(12, 200)).toBe(20);
    expect(stepAxisMax(999, 0)).toBe(999); // no budget known: the data
    // Over a 5,000-step run the axis changes only a handful of times.
    const ends = new Set(Array.from({ length: 5000 }, (_, i) => stepAxisMax(i + 1, 5000)));
    expect(ends.size).toBeLessThanOrEqual(12);
  });
});
