// A growing (x, y) series and its decimated view for drawing.
//
// Why our own decimation rather than Chart.js's Decimation plugin:
// - the plugin sizes its output from the canvas width at each update, and rescans the whole raw
//   series every update; here the view is computed once per change of the series (cached by version)
//   and has a bound that does not depend on layout, so it can be tested in Node;
// - it cannot drop non-finite points (a diverged run) or non-positive ones (log axis) for us, and we
//   must filter those anyway, so filtering and decimating are one pass;
// - it swaps `dataset.data` for its own array behind a property, which makes what Chart.js holds
//   harder to reason about. Here Chart.js only ever gets a small plain array we built.
// The algorithm is min/max per bucket (like the plugin's 'min-max'): spikes such as a loss blowing up
// survive decimation, which LTTB's area heuristic can smooth away.

import { clampSmoothing, emaDebiased } from './smoothing';

export interface Point {
  x: number;
  y: number;
}

export interface ViewOptions {
  /** Upper bound on the points returned (at least 4). */
  maxPoints?: number;
  /** Keep only y > 0, for a logarithmic axis. */
  positiveOnly?: boolean;
  /** The debiased EMA of the raw values with this weight (0: the raw values). See smoothing.ts. */
  smoothing?: number;
  /** Keep only points with x < before: a diverged run is drawn up to its divergence. */
  before?: number;
}

export const DEFAULT_MAX_POINTS = 1000;
// Views a chart asks of one series per redraw: raw and smoothed, for one axis type.
const VIEW_CACHE_SIZE = 4;

/** Parallel arrays, the shape the engine's readback naturally produces. */
export interface ColumnInput {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export class Series {
  // Typed arrays doubled on demand: O(1) amortised appends, no per-point objects.
  private xs = new Float64Array(64);
  private ys = new Float64Array(64);
  private n = 0;
  private rev = 0;
  private readonly cache = new Map<string, Point[]>();
  private cacheRev = -1;
  private smooth: { rev: number; weight: number; ys: Float64Array } | null = null;

  /** Copies points or parallel arrays (never keeps a reference to the caller's arrays). */
  static from(input: readonly Point[] | ColumnInput): Series {
    const s = new Series();
    if (isColumns(input)) s.appendMany(input.x, input.y);
    else for (const p of input) s.append(p.x, p.y);
    return s;
  }

  get length(): number {
    return this.n;
  }

  /** Changes on every mutation; lets a view or a chart skip work when nothing changed. */
  get version(): number {
    return this.rev;
  }

  xAt(i: number): number {
    return this.xs[i];
  }

  yAt(i: number): number {
    return this.ys[i];
  }

  /** The index of the point whose x is nearest `x` (ties to the earlier point); -1 when empty. */
  nearestIndex(x: number): number {
    if (this.n === 0 || Number.isNaN(x)) return -1;
    let lo = 0;
    let hi = this.n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.xs[mid] <= x) lo = mid;
      else hi = mid;
    }
    return Math.abs(this.xs[lo] - x) <= Math.abs(this.xs[hi] - x) ? lo : hi;
  }

  /** The smoothed value at index i (see smoothing.ts); the raw value when weight is 0. */
  smoothedAt(i: number, weight: number): number {
    return clampSmoothing(weight) === 0 ? this.ys[i] : this.smoothed(weight)[i];
  }

  /**
   * Adds a point. x must be finite and not smaller than the last x (steps only grow; a restarted run
   * is cleared first): a point out of order is refused and false is returned. y may be NaN or
   * Infinity: it is kept, so the raw data stays honest, and left out of every view.
   */
  append(x: number, y: number): boolean {
    if (!Number.isFinite(x) || (this.n > 0 && x < this.xs[this.n - 1])) return false;
    if (this.n === this.xs.length) this.grow(this.n * 2);
    this.xs[this.n] = x;
    this.ys[this.n] = y;
    this.n++;
    this.rev++;
    return true;
  }

  /** Appends parallel arrays; returns how many points were accepted. */
  appendMany(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
    if (xs.length !== ys.length) throw new Error(`x and y lengths differ: ${xs.length} vs ${ys.length}`);
    if (this.n + xs.length > this.xs.length) this.grow(Math.max(this.n + xs.length, this.xs.length * 2));
    let accepted = 0;
    for (let i = 0; i < xs.length; i++) if (this.append(xs[i], ys[i])) accepted++;
    return accepted;
  }

  clear(): void {
    this.n = 0;
    this.rev++;
  }

  /**
   * The drawable view: finite points only (and positive only if asked), smoothed if asked, cut at
   * `before` if asked, min/max-decimated to at most maxPoints. The returned array is shared until the
   * series changes: treat it as read-only.
   */
  view(options: ViewOptions = {}): Point[] {
    const max = Math.max(4, Math.floor(options.maxPoints ?? DEFAULT_MAX_POINTS));
    const positive = options.positiveOnly ?? false;
    const weight = clampSmoothing(options.smoothing ?? 0);
    const before = options.before ?? Infinity;
    if (this.cacheRev !== this.rev) {
      this.cache.clear();
      this.cacheRev = this.rev;
    }
    const key = `${max}|${positive}|${weight}|${before}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    // Steps only grow, so the points before the cut are a prefix.
    let n = this.n;
    if (before !== Infinity) while (n > 0 && !(this.xs[n - 1] < before)) n--;
    const ys = weight === 0 ? this.ys : this.smoothed(weight);
    const points = decimateMinMax(this.xs, ys, n, max, positive);
    if (this.cache.size >= VIEW_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, points);
    return points;
  }

  private smoothed(weight: number): Float64Array {
    const s = this.smooth;
    if (s && s.rev === this.rev && s.weight === weight) return s.ys;
    const ys = emaDebiased(this.ys, this.n, weight, s && s.ys.length >= this.n ? s.ys : new Float64Array(this.xs.length));
    this.smooth = { rev: this.rev, weight, ys };
    return ys;
  }

  private grow(capacity: number): void {
    const xs = new Float64Array(capacity);
    const ys = new Float64Array(capacity);
    xs.set(this.xs.subarray(0, this.n));
    ys.set(this.ys.subarray(0, this.n));
    this.xs = xs;
    this.ys = ys;
  }
}

function isColumns(input: readonly Point[] | ColumnInput): input is ColumnInput {
  return !Array.isArray(input);
}

/**
 * Min/max decimation over the first n points of parallel arrays. Points with a non-finite y (or a
 * non-positive one when positiveOnly) are skipped. If more than maxPoints remain candidates, the index
 * range is cut into equal buckets and each bucket contributes its lowest and its highest point, in x
 * order; the first and last kept points are always included, so the curve's ends never move.
 * The result has at most maxPoints points (maxPoints >= 4).
 */
export function decimateMinMax(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  n: number,
  maxPoints: number,
  positiveOnly = false,
): Point[] {
  const keep = (y: number) => Number.isFinite(y) && (!positiveOnly || y > 0);
  const out: Point[] = [];
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) if (keep(ys[i])) out.push({ x: xs[i], y: ys[i] });
    return out;
  }
  let first = -1;
  let last = -1;
  for (let i = 0; i < n && first < 0; i++) if (keep(ys[i])) first = i;
  for (let i = n - 1; i >= 0 && last < 0; i--) if (keep(ys[i])) last = i;
  if (first < 0) return out;

  // Two points per bucket plus the two ends stay within maxPoints.
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const size = Math.ceil(n / buckets);
  let lastPushed = -1;
  const push = (i: number) => {
    if (i > lastPushed) {
      out.push({ x: xs[i], y: ys[i] });
      lastPushed = i;
    }
  };
  push(first);
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const y = ys[i];
      if (!keep(y)) continue;
      if (lo < 0 || y < ys[lo]) lo = i;
      if (hi < 0 || y > ys[hi]) hi = i;
    }
    if (lo < 0) continue;
    push(Math.min(lo, hi));
    push(Math.max(lo, hi));
  }
  push(last);
  return out;
}
