// Momentum's velocity read back from a traced valley path: the engine's optimizer moved the
// weights, and the valley's formula gives the gradient at every point, so the velocity the
// optimizer kept, v_k = (w_{k−1} − w_k)/lr, can be compared with the rule v_k = β·v_{k−1} + g_k.
// Fitting β to the path measures the rule the engine really applies; on a steady gradient g that
// rule sums to g·(1 + β + β² + …) = g/(1 − β): the terminal velocity, ten times g at β 0.9.
import { valleyAxes, type ValleyPath, type ValleySpec } from '../core/valley';

/** ∇f at (x, y) for f = ½(a·u² + b·v²) in the valley's turned axes. */
export function valleyGradient(spec: ValleySpec, x: number, y: number): [number, number] {
  const angle = (spec.angleDegrees * Math.PI) / 180;
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  const [u, v] = valleyAxes(spec)(x, y);
  const [a, b] = spec.curvatures;
  return [a * u * c - b * v * s, a * u * s + b * v * c];
}

export interface MeasuredMomentum {
  /** β fitted by least squares to v_k − g_k = β·v_{k−1} over the steps used. */
  beta: number;
  /** The largest |v_k − (β̂·v_{k−1} + g_k)| over those steps, relative to the largest |g_k|. */
  residual: number;
  /** 1/(1 − β̂): how many times the gradient the velocity reaches on a steady slope. */
  terminalGain: number;
}

/**
 * Fits β over the first `steps` steps of a path traced with learning rate `lr` (the start, where
 * the steps are large, so that float32 positions resolve them well).
 */
export function measureMomentum(spec: ValleySpec, path: ValleyPath, lr: number, steps = 40): MeasuredMomentum {
  const n = Math.min(steps, path.xs.length - 1);
  const v: [number, number][] = [];
  const g: [number, number][] = [];
  for (let k = 1; k <= n; k++) {
    v.push([(path.xs[k - 1] - path.xs[k]) / lr, (path.ys[k - 1] - path.ys[k]) / lr]);
    g.push(valleyGradient(spec, path.xs[k - 1], path.ys[k - 1]));
  }
  let num = 0;
  let den = 0;
  for (let k = 1; k < v.length; k++) {
    num += (v[k][0] - g[k][0]) * v[k - 1][0] + (v[k][1] - g[k][1]) * v[k - 1][1];
    den += v[k - 1][0] ** 2 + v[k - 1][1] ** 2;
  }
  const beta = den > 0 ? num / den : NaN;
  let worst = 0;
  let largest = 0;
  for (let k = 1; k < v.length; k++) {
    worst = Math.max(worst, Math.hypot(v[k][0] - beta * v[k - 1][0] - g[k][0], v[k][1] - beta * v[k - 1][1] - g[k][1]));
    largest = Math.max(largest, Math.hypot(g[k][0], g[k][1]));
  }
  return { beta, residual: largest > 0 ? worst / largest : NaN, terminalGain: 1 / (1 - beta) };
}

/** (1 − β^k)/(1 − β): the velocity after k steps of a steady gradient, in gradients. */
export const gainAfter = (beta: number, k: number) => (beta === 1 ? k : (1 - beta ** k) / (1 - beta));
