// The hover (and keyboard) readout: at one step, each line's value at its nearest point. Pure over
// Series, so the rules are tested in Node: a line that ended earlier is left out, a diverged run says
// where it diverged, a sparse line (test loss every 50 steps) names the step its value is from.
import type { Series } from './series';

export interface ReadoutLine {
  id: string;
  label: string;
  color: string;
  series: Series;
  /** The EMA weight the line is drawn with; the readout then gives the smoothed and the raw value. */
  smoothing: number;
  /** Points at or after this x are not drawn (the run diverged there). */
  before?: number;
}

export interface ReadoutRow {
  id: string;
  label: string;
  color: string;
  /** The step of the value shown (the line's nearest point). */
  x: number;
  value: number;
  /** The unsmoothed value, when the line is smoothed. */
  raw?: number;
  /** Set when the line has no value here: "diverged at step 13". */
  diverged?: number;
}

/** How many points of the series are drawn: those before the cut (steps only grow). */
function drawnLength(line: ReadoutLine): number {
  const s = line.series;
  let n = s.length;
  if (line.before !== undefined) while (n > 0 && !(s.xAt(n - 1) < line.before)) n--;
  return n;
}

/**
 * Each line's value at its point nearest x. `slack` is how far (in steps) past a line's ends the
 * pointer may be and still read it. Rows are sorted by value, highest first, as the lines lie on the
 * plot; diverged runs come last.
 */
export function readoutAt(lines: readonly ReadoutLine[], x: number, slack: number): ReadoutRow[] {
  const rows: ReadoutRow[] = [];
  for (const line of lines) {
    const n = drawnLength(line);
    const s = line.series;
    const diverged = line.before;
    if (n === 0 || x > s.xAt(n - 1) + slack) {
      if (diverged !== undefined && Number.isFinite(diverged) && x >= diverged - slack) {
        rows.push({ id: line.id, label: line.label, color: line.color, x: diverged, value: Number.NaN, diverged });
      }
      continue;
    }
    if (x < s.xAt(0) - slack) continue;
    const i = Math.min(s.nearestIndex(x), n - 1);
    const raw = s.yAt(i);
    const row: ReadoutRow = { id: line.id, label: line.label, color: line.color, x: s.xAt(i), value: s.smoothedAt(i, line.smoothing) };
    if (line.smoothing > 0) row.raw = raw;
    rows.push(row);
  }
  const rank = (r: ReadoutRow) => (r.diverged !== undefined ? -Infinity : Number.isNaN(r.value) ? -Number.MAX_VALUE : r.value);
  return rows.sort((a, b) => rank(b) - rank(a));
}

/** The data step nearest x over all lines (the readout snaps to real points). NaN if none. */
export function snapX(lines: readonly ReadoutLine[], x: number): number {
  let best = Number.NaN;
  for (const line of lines) {
    const n = drawnLength(line);
    if (n === 0) continue;
    const i = Math.min(line.series.nearestIndex(x), n - 1);
    const candidate = line.series.xAt(i);
    if (Number.isNaN(best) || Math.abs(candidate - x) < Math.abs(best - x)) best = candidate;
  }
  return best;
}

/**
 * The next data step after x (dir 1) or before it (dir -1) over all lines: what an arrow key moves
 * the readout to. `stride` (in steps) skips ahead for long runs; x itself when there is none.
 */
export function neighbourX(lines: readonly ReadoutLine[], x: number, dir: 1 | -1, stride = 0): number {
  const target = x + dir * stride;
  let best = Number.NaN;
  for (const line of lines) {
    const n = drawnLength(line);
    const s = line.series;
    if (n === 0) continue;
    let i = Math.min(s.nearestIndex(target), n - 1);
    // The first point strictly beyond x in the direction of travel, at or beyond the stride.
    while (i >= 0 && i < n && (dir > 0 ? s.xAt(i) <= x || s.xAt(i) < target : s.xAt(i) >= x || s.xAt(i) > target)) i += dir;
    if (i < 0 || i >= n) continue;
    const candidate = s.xAt(i);
    if (Number.isNaN(best) || (dir > 0 ? candidate < best : candidate > best)) best = candidate;
  }
  return Number.isNaN(best) ? x : best;
}
