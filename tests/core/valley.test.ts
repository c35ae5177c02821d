// The two-parameter valley: its formula, the paths the engine's optimizers take over it (checked
// against the update rules computed by hand, in float64), and the measures the momentum claim uses.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { overshoots, parseValley, settleStep, valleyBounds, valleyLoss, type ValleyPath, type ValleySpec } from '../../src/core/valley';
import { traceValley } from '../../src/core/valley-trace';
import { backend } from '../support/engine';

beforeAll(() => backend('cpu'));

const spec = (paths: ValleySpec['paths'], steps = 30): ValleySpec => ({ curvatures: [1, 100], angleDegrees: 30, start: [-3.76, -1.48], steps, paths });

/** The gradient of ½(a u² + b v²) with (u, v) = R(−θ) w, by hand: Rᵀ diag(a, b) R w. */
function gradient(s: ValleySpec, x: number, y: number): [number, number] {
  const t = (s.angleDegrees * Math.PI) / 180;
  const [c, sn] = [Math.cos(t), Math.sin(t)];
  const [u, v] = [c * x + sn * y, -sn * x + c * y];
  const [gu, gv] = [s.curvatures[0] * u, s.curvatures[1] * v];
  return [c * gu - sn * gv, sn * gu + c * gv];
}

describe('the valley surface', () => {
  it('is ½(a u² + b v²) in the valley’s own axes: a along the floor, b across it', () => {
    const s = spec([]);
    const t = Math.PI / 6;
    // One unit along the floor costs a/2, one unit across it b/2; the minimum is at the origin.
    expect(valleyLoss(s, Math.cos(t), Math.sin(t))).toBeCloseTo(0.5, 10);
    expect(valleyLoss(s, -Math.sin(t), Math.cos(t))).toBeCloseTo(50, 10);
    expect(valleyLoss(s, 0, 0)).toBe(0);
  });

  it('frames the minimum and every path in a square window', () => {
    const path: ValleyPath = { name: 'p', xs: [-4, 2], ys: [1, 3], losses: [1, 1] };
    const b = valleyBounds([path], 0);
    expect(b.xMax - b.xMin).toBeCloseTo(b.yMax - b.yMin, 10);
    expect(b.xMin).toBeLessThanOrEqual(-4);
    expect(b.xMax).toBeGreaterThanOrEqual(2);
    expect(b.yMin).toBeLessThanOrEqual(0);
    expect(b.yMax).toBeGreaterThanOrEqual(3);
  });
});

describe('optimizer paths over the valley', () => {
  it('follow plain gradient descent and momentum step by step', async () => {
    const s = spec([
      { name: 'sgd', optimizer: { name: 'sgd', learningRate: 0.018 } },
      { name: 'momentum', optimizer: { name: 'momentum', learningRate: 0.018, momentum: 0.9 } },
    ]);
    const trace = await traceValley(s, 8);
    for (const [k, beta] of [0, 0.9].entries()) {
      let [x, y] = s.start;
      let [vx, vy] = [0, 0];
      const path = trace.paths[k];
      expect(path.xs).toHaveLength(s.steps + 1);
      for (let step = 1; step <= s.steps; step++) {
        const [gx, gy] = gradient(s, x, y);
        [vx, vy] = [beta * vx + gx, beta * vy + gy];
        [x, y] = [x - 0.018 * vx, y - 0.018 * vy];
        expect(path.xs[step]).toBeCloseTo(x, 3);
        expect(path.ys[step]).toBeCloseTo(y, 3);
        expect(path.losses[step]).toBeCloseTo(valleyLoss(s, path.xs[step], path.ys[step]), 10);
      }
    }
    expect(trace.values).toHaveLength(64);
  });

  it('leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await traceValley(spec([{ name: 'adam', optimizer: { name: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } }]), 4);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('measures of a path', () => {
  const path = (losses: number[], xs = losses.map(() => 1)): ValleyPath => ({ name: 'p', xs, ys: xs.map(() => 0), losses });

  it('settles at the first step after which the loss stays below the fraction of its start', () => {
    expect(settleStep(path([10, 0.5, 0.001, 0.02, 0.005, 0.001]), 0.001)).toBe(4);
    expect(settleStep(path([10, 0.001, 20]), 0.001)).toBeNull();
  });

  it('counts the passes over the minimum along the floor', () => {
    const s = spec([]);
    s.angleDegrees = 0;
    expect(overshoots(s, path([1, 1, 1, 1, 1], [-2, 1, -0.5, -0.1, 0.2]))).toBe(3);
  });
});

describe('parseValley', () => {
  it('names every problem with its field', () => {
    const result = parseValley({
      curvatures: [1, -3],
      angleDegrees: 30,
      start: [0, 0],
      steps: 0,
      paths: [{ name: 'x', optimizer: { name: 'momentum', learningRate: 0.1, momentum: 1.5 } }],
      colour: 'red',
    });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.some((e) => e.startsWith('curvatures[1] must be in (0, 10000], got -3'))).toBe(true);
    expect(errors.some((e) => e.startsWith('steps must be an integer'))).toBe(true);
    expect(errors.some((e) => e.startsWith('paths[0].optimizer.momentum must be in [0, 1), got 1.5'))).toBe(true);
    expect(errors.some((e) => e.includes('colour'))).toBe(true);
  });

  it('accepts the momentum lesson’s valley', async () => {
    const { momentum } = await import('../../src/lessons/momentum');
    expect(parseValley(momentum.valley).ok).toBe(true);
  });
});
