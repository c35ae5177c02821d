// A two-parameter loss surface small enough to draw: a long, narrow quadratic valley,
//   f(w) = ½ (a·u² + b·v²),   (u, v) = w rotated by −angle,
// with curvature a along the valley floor and b ≫ a across it. Its condition number b/a is what
// makes plain gradient descent zig-zag across the valley while it crawls along it, and what
// momentum fixes; the paths of real optimizers over it are drawn on its contour plot.
//
// Pure numbers (no tfjs): the spec is JSON data, like an experiment document, and the surface is a
// formula, so the page can draw it and the claims can measure paths without a backend.
import { z } from 'zod';
import type { OptimizerSpec } from './experiment-types';
import { optimizerSchema } from './experiment-schema';

export interface ValleySpec {
  /** [a, b]: the curvature along the valley floor and across it. */
  curvatures: [number, number];
  /** How far the valley floor is turned from the w₁ axis, in degrees. */
  angleDegrees: number;
  /** Where every optimizer starts. */
  start: [number, number];
  steps: number;
  /** One path per optimizer; names match the lesson's runs so that colours match too. */
  paths: { name: string; optimizer: OptimizerSpec }[];
}

/** Where an optimizer went: positions[0] is the start, positions[k] the weights after step k. */
export interface ValleyPath {
  name: string;
  xs: number[];
  ys: number[];
  losses: number[];
}

export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** The paths and the surface sampled on a grid, everything the contour plot draws. */
export interface ValleyTrace {
  spec: ValleySpec;
  paths: ValleyPath[];
  bounds: Bounds;
  resolution: number;
  /** f on a resolution × resolution grid spanning the bounds corner to corner, row 0 at yMax (the top of the picture), row-major. */
  values: Float32Array;
}

const finite = (lo: number, hi: number) =>
  z.number().refine((v) => Number.isFinite(v) && v >= lo && v <= hi, { error: (i) => `must be a number in [${lo}, ${hi}], got ${String(i.input)}` });
const positive = () => z.number().refine((v) => Number.isFinite(v) && v > 0 && v <= 1e4, { error: (i) => `must be in (0, 10000], got ${String(i.input)}` });

const valleySchema = z.strictObject({
  curvatures: z.tuple([positive(), positive()]),
  angleDegrees: finite(-360, 360),
  start: z.tuple([finite(-1e3, 1e3), finite(-1e3, 1e3)]),
  steps: z.number().refine((v) => Number.isInteger(v) && v >= 1 && v <= 5000, { error: (i) => `must be an integer from 1 to 5000, got ${String(i.input)}` }),
  paths: z.array(z.strictObject({ name: z.string().trim().min(1).max(60), optimizer: optimizerSchema })).min(1).max(8),
});

export type ValleyParse = { ok: true; spec: ValleySpec } | { ok: false; errors: string[] };

/** Checks a spec that crossed a boundary (the worker's message): every problem, each with its field. */
export function parseValley(input: unknown): ValleyParse {
  const parsed = valleySchema.safeParse(input);
  if (parsed.success) return { ok: true, spec: parsed.data as ValleySpec };
  const errors = parsed.error.issues.map((issue) => {
    const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
    return `${path || 'the valley'} ${issue.message}`;
  });
  return { ok: false, errors };
}

/** The rotation that takes w₁, w₂ to the valley's own axes (along, across). */
export function valleyAxes(spec: ValleySpec): (x: number, y: number) => [number, number] {
  const angle = (spec.angleDegrees * Math.PI) / 180;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return (x, y) => [c * x + s * y, -s * x + c * y];
}

export function valleyLoss(spec: ValleySpec, x: number, y: number): number {
  const [u, v] = valleyAxes(spec)(x, y);
  const [a, b] = spec.curvatures;
  return 0.5 * (a * u * u + b * v * v);
}

/** A square window (so the valley keeps its true shape) around the minimum and every path, with a margin. */
export function valleyBounds(paths: readonly ValleyPath[], margin = 0.12): Bounds {
  const xs = [0, ...paths.flatMap((p) => p.xs)].filter(Number.isFinite);
  const ys = [0, ...paths.flatMap((p) => p.ys)].filter(Number.isFinite);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const half = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1e-6) * (0.5 + margin);
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

export function sampleSurface(spec: ValleySpec, bounds: Bounds, resolution: number): Float32Array {
  const values = new Float32Array(resolution * resolution);
  for (let row = 0; row < resolution; row++) {
    const y = bounds.yMax - (row / (resolution - 1)) * (bounds.yMax - bounds.yMin);
    for (let col = 0; col < resolution; col++) {
      const x = bounds.xMin + (col / (resolution - 1)) * (bounds.xMax - bounds.xMin);
      values[row * resolution + col] = valleyLoss(spec, x, y);
    }
  }
  return values;
}

/** The first step after which the loss stays at or below `fraction` of the start's, or null if it never settles. */
export function settleStep(path: ValleyPath, fraction: number): number | null {
  const limit = fraction * path.losses[0];
  let k = path.losses.length - 1;
  if (!(path.losses[k] <= limit)) return null;
  while (k > 0 && path.losses[k - 1] <= limit) k--;
  return k;
}

/** How often the path crosses the valley floor's minimum, i.e. overshoots along the valley. */
export function overshoots(spec: ValleySpec, path: ValleyPath): number {
  const along = valleyAxes(spec);
  let crossings = 0;
  let previous = Math.sign(along(path.xs[0], path.ys[0])[0]);
  for (let k = 1; k < path.xs.length; k++) {
    const sign = Math.sign(along(path.xs[k], path.ys[k])[0]);
    if (sign !== 0 && previous !== 0 && sign !== previous) crossings++;
    if (sign !== 0) previous = sign;
  }
  return crossings;
}
