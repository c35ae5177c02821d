// The y axis of a comparison chart: which scale, and which range. Pure functions, tested in Node.
//
// Why the chart picks its own range instead of Chart.js's fit-everything: one run whose loss
// reaches 2e36 before it diverges would squash every other curve into the bottom pixel row. The
// range comes from the healthy runs (those that did not diverge); within those, a point far outside
// the bulk of the values (an isolated spike) is fenced out too, and is drawn clipped at the edge.

export type Scale = 'linear' | 'logarithmic';

/** Healthy values spanning more than this ratio (max/min of the positive ones) get a log axis. */
export const LOG_RATIO = 1e3;
/** Once on a log axis, the chart goes back to linear only below this ratio (no flicker near 1e3). */
export const LOG_RATIO_BACK = 1e2;

export interface ValueStats {
  /** Finite values seen. */
  count: number;
  negatives: number;
  zeros: number;
  minPositive: number;
  maxPositive: number;
}

export function valueStats(values: Iterable<number>): ValueStats {
  const s: ValueStats = { count: 0, negatives: 0, zeros: 0, minPositive: Infinity, maxPositive: -Infinity };
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    s.count++;
    if (v < 0) s.negatives++;
    else if (v === 0) s.zeros++;
    else {
      if (v < s.minPositive) s.minPositive = v;
      if (v > s.maxPositive) s.maxPositive = v;
    }
  }
  return s;
}

/**
 * Whether the values span decades, so that a log axis shows them all: their positive values span
 * more than LOG_RATIO (LOG_RATIO_BACK if the axis is already logarithmic), none is negative (a log
 * axis cannot show them) and at most a tenth are zero (a log axis leaves those out).
 */
export function spansDecades(stats: ValueStats, wasLog = false): boolean {
  if (stats.count === 0 || stats.negatives > 0 || stats.zeros > 0.1 * stats.count) return false;
  if (!(stats.maxPositive > 0)) return false;
  return stats.maxPositive / stats.minPositive > (wasLog ? LOG_RATIO_BACK : LOG_RATIO);
}

/**
 * The scale a chart uses. The user's checkbox wins over the lesson's (or stage's) choice, which
 * wins over the data; a chart without either follows its metric's default, 'auto' meaning the data.
 */
export function chooseScale(input: {
  user?: Scale | null;
  config?: Scale | null;
  preferred: Scale | 'auto';
  stats: ValueStats;
  previous: Scale;
}): Scale {
  if (input.user) return input.user;
  if (input.config) return input.config;
  if (input.preferred !== 'auto') return input.preferred;
  return spansDecades(input.stats, input.previous === 'logarithmic') ? 'logarithmic' : 'linear';
}

const Q = 0.01; // the quantiles that bound "the bulk" of the values
const FENCE = 3; // how many bulk widths beyond the bulk a value may lie and still count
const MIN_FOR_FENCE = 20; // too few values to tell a spike from the curve: keep them all

function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const i = Math.floor(pos);
  const j = Math.min(sorted.length - 1, i + 1);
  return sorted[i] + (sorted[j] - sorted[i]) * (pos - i);
}

/**
 * The extent of the values that are not outliers: min and max of those within FENCE bulk widths of
 * the bulk (the 1st to 99th percentile). On a log axis the rule applies to log10 of the positive
 * values. Non-finite values are ignored; null when nothing is left.
 */
export function robustExtent(values: ArrayLike<number>, scale: Scale): { lo: number; hi: number } | null {
  const log = scale === 'logarithmic';
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    kept.push(log ? Math.log10(v) : v);
  }
  if (kept.length === 0) return null;
  const sorted = Float64Array.from(kept).sort();
  let lo = sorted[0];
  let hi = sorted[sorted.length - 1];
  if (sorted.length >= MIN_FOR_FENCE) {
    const qLo = quantile(sorted, Q);
    const qHi = quantile(sorted, 1 - Q);
    const width = qHi - qLo || Math.abs(qHi) || 1;
    lo = Math.max(lo, qLo - FENCE * width);
    hi = Math.min(hi, qHi + FENCE * width);
    // The extremes actually kept, not the fence itself.
    lo = sorted.find((v) => v >= lo) ?? lo;
    for (let i = sorted.length - 1; i >= 0; i--) {
      if (sorted[i] <= hi) {
        hi = sorted[i];
        break;
      }
    }
  }
  return log ? { lo: 10 ** lo, hi: 10 ** hi } : { lo, hi };
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * power;
}

export interface AxisBounds {
  min: number;
  max: number;
  /** Tick spacing of a linear axis, so that the bounds are ticks (no odd label at the top). */
  stepSize?: number;
}

const TARGET_TICKS = 5;

/**
 * Bounds on multiples of a 1-2-5 step around [lo, hi]. A range that does not reach below zero
 * stays at or above zero (a loss axis shows no negative band); a flat curve gets a band around it.
 */
export function niceLinearBounds(lo: number, hi: number, options: { includeZero?: boolean } = {}): AxisBounds {
  if (options.includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (hi - lo <= 0) {
    const pad = Math.abs(hi) * 0.1 || 1;
    const nonNegative = lo >= 0;
    lo -= pad;
    hi += pad;
    if (nonNegative) lo = Math.max(0, lo);
  }
  const step = niceStep((hi - lo) / TARGET_TICKS);
  let min = Math.floor(lo / step + 1e-9) * step;
  let max = Math.ceil(hi / step - 1e-9) * step;
  if (lo >= 0 && min < 0) min = 0;
  // Strip binary noise (0.30000000000000004) so that tick labels and tests read cleanly.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  min = Number(min.toFixed(digits));
  max = Number(max.toFixed(digits));
  return { min, max, stepSize: step };
}

/** Bounds at 1, 2 or 5 times powers of ten around [lo, hi] (both > 0): Chart.js labels those. */
export function niceLogBounds(lo: number, hi: number): AxisBounds {
  const down = (v: number) => {
    const p = 10 ** Math.floor(Math.log10(v));
    const f = v / p;
    return (f >= 5 ? 5 : f >= 2 ? 2 : 1) * p;
  };
  const up = (v: number) => {
    const p = 10 ** Math.floor(Math.log10(v));
    const f = v / p;
    return (f <= 1 + 1e-9 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  };
  let min = down(lo);
  let max = up(hi);
  if (max <= min) max = up(min * 1.5);
  min = Number(min.toPrecision(1));
  max = Number(max.toPrecision(1));
  return { min, max };
}

/** On a log axis, how far (a factor) faint raw values may reach beyond the extent of the bold lines. */
export const TEXTURE_REACH = 10;

/**
 * The range of an axis that is not fixed by its metric: robust extent, then nice bounds.
 *
 * `bold` are the values drawn as bold lines (a smoothed line's smoothed values; an unsmoothed line's
 * own). Behind a smoothed line its raw values are faint texture, and on a log axis they may lie many
 * decades below it: a batch of eight digits a confident network gets right has a loss of 1e-7, and
 * such batches stretched the zero-centred lesson's loss axis from 10 down to 1e-7 while every bold
 * line lay between 0.1 and 10. On a log axis the texture reaches at most TEXTURE_REACH beyond the
 * bold lines, and is clipped at the edge past that; a linear axis has no such stretch (a loss near
 * zero sits near zero) and keeps the extent of every value.
 */
export function axisBounds(values: ArrayLike<number>, scale: Scale, options: { includeZero?: boolean; bold?: ArrayLike<number> } = {}): AxisBounds | null {
  const extent = robustExtent(values, scale);
  if (!extent) return null;
  if (scale !== 'logarithmic') return niceLinearBounds(extent.lo, extent.hi, options);
  const bold = options.bold ? robustExtent(options.bold, scale) : null;
  if (bold) {
    extent.lo = Math.min(Math.max(extent.lo, bold.lo / TEXTURE_REACH), bold.lo);
    extent.hi = Math.max(Math.min(extent.hi, bold.hi * TEXTURE_REACH), bold.hi);
  }
  return niceLogBounds(extent.lo, extent.hi);
}
