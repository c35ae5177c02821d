// The slice's two directions and the projection of the training path onto them: host arithmetic on
// one run's parameters (Float32Arrays, Network.variables() order, no run axis), no tfjs.
//
// Filter normalisation (Li et al. 2018): a random direction is drawn from N(0, 1), then each of its
// filters is scaled to the norm of the same filter of the trained weights. A filter is one output
// unit's incoming weights: the kernel's last axis indexes them, for a dense [in, units] and a conv
// [k, k, in, out] kernel alike. Without it, a network whose weights are small looks sharper than the
// same function with large weights (ReLU nets do not change when a layer is scaled up and the next
// down), and two runs' pictures could not be compared. Biases and batch norm's parameters and
// statistics get no direction (Li et al. set them to zero too): they have no filters to normalise by.
import { rngFor } from './rng';

/** One parameter tensor of a run: its values, its shape (no run axis), and whether it is a kernel. */
export interface Parameter {
  values: Float32Array;
  shape: readonly number[];
  kernel: boolean;
}

/** A direction in parameter space: one array per parameter (zeros where the direction does not go). */
export type Direction = Float32Array[];

/** A seeded random direction, each kernel filter scaled to the norm of the same filter of `at`; zero elsewhere. */
export function filterNormalisedDirection(at: readonly Parameter[], seed: number, which: number): Direction {
  return at.map((p, index) => {
    const d = new Float32Array(p.values.length);
    if (!p.kernel) return d;
    const rng = rngFor(seed, 'landscape-direction', which, index);
    for (let i = 0; i < d.length; i++) d[i] = rng.normal();
    const filters = p.shape[p.shape.length - 1];
    const own = filterNorms(p.values, filters);
    const drawn = filterNorms(d, filters);
    // A filter of all zeros (a dead unit cut to nothing) gets no component: its norm is 0.
    for (let i = 0; i < d.length; i++) {
      const f = i % filters;
      d[i] = drawn[f] > 0 ? (d[i] * own[f]) / drawn[f] : 0;
    }
    return d;
  });
}

/** The Euclidean norm of each filter (the elements at one index of the last axis). */
export function filterNorms(values: Float32Array, filters: number): Float64Array {
  const sums = new Float64Array(filters);
  for (let i = 0; i < values.length; i++) sums[i % filters] += values[i] * values[i];
  return sums.map(Math.sqrt);
}

/** Σ a·b over every parameter, in double precision. */
export function dot(a: Direction, b: Direction): number {
  let sum = 0;
  for (let p = 0; p < a.length; p++) {
    const x = a[p];
    const y = b[p];
    for (let i = 0; i < x.length; i++) sum += x[i] * y[i];
  }
  return sum;
}

/** point − origin, parameter by parameter. */
export function difference(point: readonly Float32Array[], origin: readonly Float32Array[]): Direction {
  return point.map((values, p) => {
    const o = origin[p];
    const out = new Float32Array(values.length);
    for (let i = 0; i < out.length; i++) out[i] = values[i] - o[i];
    return out;
  });
}

/**
 * The least-squares coordinates (α, β) of `displacement` in the plane of d1 and d2: the α and β that
 * make α·d1 + β·d2 closest to it. The 2×2 normal equations, solved directly.
 */
export function project(displacement: Direction, d1: Direction, d2: Direction): { alpha: number; beta: number } {
  const [a, b, c] = [dot(d1, d1), dot(d1, d2), dot(d2, d2)];
  const [u, v] = [dot(d1, displacement), dot(d2, displacement)];
  const det = a * c - b * b;
  if (!(Math.abs(det) > 1e-12 * a * c)) throw new Error('the two directions are parallel (or zero): no plane to project onto');
  return { alpha: (c * u - b * v) / det, beta: (a * v - b * u) / det };
}
