// Smoothing of noisy per-step curves, as TensorBoard does it: an exponential moving average
// s_i = w·s_(i-1) + (1 − w)·y_i over the points in order, divided by (1 − w^k) after k points.
// Without that debiasing the curve would start at (1 − w)·y_1, far below the data (an EMA started
// at 0); with it the first smoothed value is y_1 itself and the bias fades as points arrive.
// The average runs over points, not steps: per-step training curves have one point per step.

/** The slider's range and the default for per-step loss and accuracy. */
export const MAX_SMOOTHING = 0.99;
export const DEFAULT_SMOOTHING = 0.6;

/** A weight the EMA can use: a number in [0, MAX_SMOOTHING]; anything else is clamped or 0. */
export function clampSmoothing(weight: number): number {
  if (!Number.isFinite(weight) || weight <= 0) return 0;
  return Math.min(MAX_SMOOTHING, weight);
}

/**
 * The debiased EMA of the first n values. A non-finite value (a diverged step) is passed through
 * as it is and leaves the average untouched, so views that skip non-finite points skip it too.
 * Writes into `out` when it is long enough (no allocation per redraw).
 */
export function emaDebiased(ys: ArrayLike<number>, n: number, weight: number, out?: Float64Array): Float64Array {
  const w = clampSmoothing(weight);
  const result = out && out.length >= n ? out : new Float64Array(n);
  let last = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const y = ys[i];
    if (!Number.isFinite(y)) {
      result[i] = y;
      continue;
    }
    last = w * last + (1 - w) * y;
    count++;
    // w^count underflows to 0 after a few thousand points, where the debiasing is 1 anyway.
    result[i] = w === 0 ? y : last / (1 - w ** count);
  }
  return result;
}
