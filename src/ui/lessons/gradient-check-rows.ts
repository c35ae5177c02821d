// What the gradient check's table and plot show, from the compute step's plain result: per run and
// layer, the best centred and one-sided errors with their h, the error at the smallest h, and how
// often x ± h crossed a kink. Only types from the engine: the page never loads tfjs.
import type { GradientCheck } from '../../core/gradient-check';
import type { ErrorLine } from '../../charts/error-h-chart';

export interface CheckRow {
  run: string;
  layer: string;
  bestCentred: number;
  bestCentredH: number;
  bestOneSided: number;
  bestOneSidedH: number;
  /** The centred error at the smallest h (float32's rounding dominates there). */
  smallestH: number;
  atSmallestH: number;
  /** Fraction of (weight, h) checks whose x ± h crossed a kink. */
  kinkShare: number;
}

/** The result as the lesson's compute step sends it, or null when it is not a list of checks. */
export function asChecks(result: unknown): GradientCheck[] | null {
  if (!Array.isArray(result)) return null;
  const ok = result.every((c: Partial<GradientCheck>) => typeof c?.run === 'string' && Array.isArray(c.hs) && Array.isArray(c.layers));
  return ok ? (result as GradientCheck[]) : null;
}

/** The smallest finite value and the h it was found at (NaN for none). */
function best(errors: readonly number[], hs: readonly number[]): [number, number] {
  let at = -1;
  errors.forEach((e, i) => {
    if (Number.isFinite(e) && (at < 0 || e < errors[at])) at = i;
  });
  return at < 0 ? [NaN, NaN] : [errors[at], hs[at]];
}

export function checkRows(checks: readonly GradientCheck[]): CheckRow[] {
  return checks.flatMap((c) =>
    c.layers.map((l) => {
      const [bestCentred, bestCentredH] = best(l.centredError, c.hs);
      const [bestOneSided, bestOneSidedH] = best(l.oneSidedError, c.hs);
      const last = c.hs.length - 1;
      const share = l.crossedFraction.length ? l.crossedFraction.reduce((a, b) => a + b, 0) / l.crossedFraction.length : NaN;
      return { run: c.run, layer: l.label, bestCentred, bestCentredH, bestOneSided, bestOneSidedH, smallestH: c.hs[last], atSmallestH: l.centredError[last], kinkShare: share };
    }),
  );
}

/** One run's lines: a colour per layer (dark first), centred solid and one-sided dashed. */
export function errorLines(check: GradientCheck, colorOf: (layer: number, layers: number) => string, dashes: { solid: readonly number[]; dashed: readonly number[] }): ErrorLine[] {
  return check.layers.flatMap((l, i) => {
    const color = colorOf(i, check.layers.length);
    const points = (errors: readonly number[]) => check.hs.map((h, j) => ({ x: h, y: errors[j] }));
    return [
      { label: `${l.label} centred`, color, dash: dashes.solid, points: points(l.centredError) },
      { label: `${l.label} one-sided`, color, dash: dashes.dashed, points: points(l.oneSidedError) },
    ];
  });
}

/** A step size as the axis writes it: 1e-4. */
export const hText = (h: number): string => (Number.isFinite(h) ? h.toExponential(0).replace('e+', 'e') : '—');

/** Errors as a table prints them: two significant digits in exponent form. */
export const sci = (x: number): string => (x === 0 ? '0' : Number.isFinite(x) ? x.toExponential(1) : '—');
