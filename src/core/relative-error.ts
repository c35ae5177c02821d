// The relative error of a numerical derivative against an analytic one: pure numbers, so that
// claims can judge a gradient check without loading tfjs.

/** ‖a − n‖ / (‖a‖ + ‖n‖), 0 when both are 0: 0 is perfect, 1 is unrelated (or opposite signs). */
export function relativeError(analytic: readonly number[], numerical: readonly number[]): number {
  let diff = 0;
  let a = 0;
  let n = 0;
  analytic.forEach((v, i) => {
    diff += (v - numerical[i]) ** 2;
    a += v * v;
    n += numerical[i] ** 2;
  });
  const scale = Math.sqrt(a) + Math.sqrt(n);
  return scale === 0 ? 0 : Math.sqrt(diff) / scale;
}
