// The helpers claims are built from, on hand-made curves whose answers are known, each with an edge case.
import { describe, expect, it } from 'vitest';
import { overshoots, settleStep, type ValleyPath, type ValleySpec } from '../../src/core/valley';
import { allOf, check } from '../../src/lessons/lesson';
import { parseNotation } from '../../src/core/notation';
import { summarize } from '../../src/core/summary';
import { handReceptiveField } from '../../src/lessons/conv-arithmetic';
import { deadUnits, eluNegativeShare } from '../../src/lessons/dying-relu';
import { gainAfter, measureMomentum, valleyGradient } from '../../src/lessons/momentum-velocity';
import { atLeastPct, largestRebound, mean, swings, trainTestGap, windowMeans } from '../../src/lessons/outcome';
import { curve, syntheticOutcome } from './synthetic';

describe('Outcome.stepsToLoss', () => {
  it('is the first step whose trailing mean reaches the threshold', () => {
    // 1/step: the mean of steps 1..4 is 0.521, of steps 2..5 0.321, of 3..6 0.238.
    const o = syntheticOutcome([{ name: 'a', losses: curve(20, (s) => 1 / s) }]);
    expect(o.stepsToLoss('a', 0.53, 4)).toBe(4);
    expect(o.stepsToLoss('a', 0.52, 4)).toBe(5);
    expect(o.stepsToLoss('a', 0.3, 4)).toBe(6);
    expect(o.stepsToLoss('a', 0.5, 1)).toBe(2);
  });

  it('ignores a single lucky batch and answers null when never reached, or with fewer steps than the window', () => {
    const spiky = [1, 1, 0, 1, 1, 1];
    const o = syntheticOutcome([{ name: 'a', losses: spiky }, { name: 'short', losses: [0, 0] }]);
    expect(o.stepsToLoss('a', 0.5, 1)).toBe(3);
    expect(o.stepsToLoss('a', 0.5, 3)).toBeNull();
    expect(o.stepsToLoss('short', 1, 3)).toBeNull();
  });
});

describe('Outcome.finalLoss', () => {
  it('is the mean of the last window of steps', () => {
    const o = syntheticOutcome([{ name: 'a', losses: [9, 9, 9, 1, 2, 3] }]);
    expect(o.finalLoss('a', 3)).toBe(2);
  });

  it('uses every step when there are fewer than the window, and is NaN without steps', () => {
    const o = syntheticOutcome([{ name: 'a', losses: [4, 2] }, { name: 'none', losses: [NaN] }]);
    expect(o.finalLoss('a', 20)).toBe(3);
    expect(o.finalLoss('none')).toBeNaN();
  });
});

describe('Outcome.layers', () => {
  const o = syntheticOutcome([
    {
      name: 'a',
      losses: [1, 1],
      layers: [
        { step: 0, layers: [{ deadFraction: 0.1 }, { deadFraction: 0 }] },
        { step: 2, layers: [{ deadFraction: 0.7 }, { deadFraction: 0.2 }] },
      ],
    },
  ]);

  it('gives the last diagnostics, or those of a step', () => {
    expect(o.layers('a').map((l) => l.deadFraction)).toEqual([0.7, 0.2]);
    expect(o.layers('a', 0)[0].deadFraction).toBe(0.1);
    expect(o.layerSeries('a', 1).map((p) => [p.step, p.stats.deadFraction])).toEqual([
      [0, 0],
      [2, 0.2],
    ]);
  });

  it('throws, naming the run and step, when there are none', () => {
    expect(() => o.layers('a', 1)).toThrow('no layer diagnostics for a at step 1');
    expect(() => o.layers('b')).toThrow('no layer diagnostics for b');
  });
});

describe('Outcome.diverged', () => {
  it('is the step whose loss stopped being finite, and null for a run that never diverged', () => {
    const o = syntheticOutcome([
      { name: 'blows up', losses: [1, 10, 1e30, Infinity, 1] },
      { name: 'nan', losses: [NaN] },
      { name: 'calm', losses: [1, 0.5] },
    ]);
    expect(o.diverged('blows up')).toBe(4);
    expect(o.diverged('nan')).toBe(1);
    expect(o.diverged('calm')).toBeNull();
    expect(o.done('blows up').diverged).toBe(true);
  });
});

describe('largestRebound and windowMeans', () => {
  it('measures the largest climb above the lowest point so far, relative to it', () => {
    expect(largestRebound([4, 2, 3, 1, 1.5, 1.2])).toBe(0.5);
    expect(largestRebound([5, 4, 3, 2, 1])).toBe(0);
  });

  it('is 0 for an empty or constant curve, and a later rebound counts from the later low', () => {
    expect(largestRebound([])).toBe(0);
    expect(largestRebound([2, 2, 2])).toBe(0);
    expect(largestRebound([10, 1, 2, 0.5, 2])).toBe(3);
  });

  it('averages non-overlapping windows, dropping a partial last one', () => {
    expect(windowMeans([1, 3, 5, 7, 9], 2)).toEqual([2, 6]);
    expect(windowMeans([1], 2)).toEqual([]);
    expect(mean([])).toBeNaN();
  });
});

describe('trainTestGap', () => {
  it('is the last evaluation test loss minus training-set loss', () => {
    const o = syntheticOutcome([{ name: 'a', losses: [1], evals: [{ step: 1, testLoss: 2, trainSetLoss: 1 }, { step: 2, testLoss: 0.5, trainSetLoss: 0.25 }] }]);
    expect(trainTestGap(o, 'a')).toBe(0.25);
  });

  it('throws for a run without evaluations', () => {
    expect(() => trainTestGap(syntheticOutcome([{ name: 'a', losses: [1] }]), 'a')).toThrow(/no evaluation/);
  });
});

describe('allOf', () => {
  it('holds when every check holds, and names the parts that did not', () => {
    expect(allOf(check('a', true, 'x'), check('b', true, 'y'))).toMatchObject({ held: true, detail: 'x; y' });
    const failed = allOf(check('a', true, 'x'), check('b', false, 'y'));
    expect(failed.held).toBe(false);
    expect(failed.detail).toBe('x; y (this part did NOT hold)');
    expect(failed.checks.filter((c) => !c.held).map((c) => c.id)).toEqual(['b']);
  });
});

describe('valley: settleStep and overshoots', () => {
  const path = (losses: number[], along: number[] = losses.map(() => 1)): ValleyPath => ({ name: 'p', xs: along, ys: along.map(() => 0), losses });
  const spec: ValleySpec = { curvatures: [1, 100], angleDegrees: 0, start: [1, 0], steps: 1, paths: [] };

  it('settles at the first step after which the loss stays at or below the fraction of its start', () => {
    expect(settleStep(path([100, 50, 0.5, 2, 1, 0.9]), 0.01)).toBe(4);
  });

  it('does not settle when the last loss is above the limit; a path that starts at 0 settles at once', () => {
    expect(settleStep(path([100, 0.1, 0.1, 5]), 0.01)).toBeNull();
    expect(settleStep(path([0, 0, 0]), 0.01)).toBe(0);
    expect(settleStep(path([1, NaN]), 0.01)).toBeNull();
  });

  it('counts sign changes along the floor, skipping points exactly at the minimum', () => {
    expect(overshoots(spec, path([1, 1, 1, 1, 1, 1], [2, -1, 0, 0.5, 0.4, -0.1]))).toBe(3);
    expect(overshoots(spec, path([1, 1, 1], [2, 1, 0.5]))).toBe(0);
    expect(overshoots(spec, path([1, 1], [0, 0]))).toBe(0);
  });
});

describe('swings', () => {
  it('counts climbs that come back down: an oscillation swings again and again', () => {
    expect(swings([10, 5, 8, 4, 7, 3, 6, 2], 0.2)).toBe(3);
  });

  it('is 0 for a curve that falls, or climbs and never comes back (divergence), or wobbles below the fraction', () => {
    expect(swings([5, 4, 3, 2], 0.1)).toBe(0);
    expect(swings([5, 2, 4, 8, 16, 32], 0.1)).toBe(0);
    expect(swings([5, 5.2, 5, 5.2, 5], 0.1)).toBe(0);
    expect(swings([], 0.1)).toBe(0);
  });
});

describe('atLeastPct', () => {
  it('rounds down, so that "at least" stays true', () => {
    expect(atLeastPct(0.9996)).toBe('99.9%');
    expect(atLeastPct(0.5)).toBe('50.0%');
  });
});

describe('dead units and ELU', () => {
  const o = syntheticOutcome([
    {
      name: 'relu',
      losses: [1],
      layers: [
        { step: 0, layers: [{ deadFraction: 0 }] },
        { step: 50, layers: [{ deadFraction: 0.5 }] },
        { step: 100, layers: [{ deadFraction: 0.4 }] },
      ],
    },
    { name: 'elu', losses: [1], layers: [{ step: 0, layers: [{ activationMean: -0.7 }] }] },
    { name: 'elu up', losses: [1], layers: [{ step: 0, layers: [{ activationMean: 0.3 }] }] },
  ]);

  it('finds the final and the largest dead fraction and when it was largest', () => {
    expect(deadUnits(o, 'relu')).toEqual({ final: 0.4, peak: 0.5, peakStep: 50 });
  });

  it('bounds the share of negative ELU outputs by minus the mean (outputs lie above −1), 0 for a positive mean', () => {
    expect(eluNegativeShare(o, 'elu')).toBeCloseTo(0.7, 12);
    expect(eluNegativeShare(o, 'elu up')).toBe(0);
  });
});

describe('momentum read back from a path', () => {
  const spec: ValleySpec = { curvatures: [1, 100], angleDegrees: 30, start: [-3.76, -1.48], steps: 60, paths: [] };
  /** v ← β·v + g; w ← w − lr·v, in float64: the rule the engine's trace is checked against. */
  const traced = (beta: number, lr: number, steps = 60): ValleyPath => {
    const xs = [spec.start[0]];
    const ys = [spec.start[1]];
    let v = [0, 0];
    for (let k = 0; k < steps; k++) {
      const g = valleyGradient(spec, xs[k], ys[k]);
      v = [beta * v[0] + g[0], beta * v[1] + g[1]];
      xs.push(xs[k] - lr * v[0]);
      ys.push(ys[k] - lr * v[1]);
    }
    return { name: 'p', xs, ys, losses: xs.map(() => 1) };
  };

  it('recovers the β a path was made with, and its terminal gain 1/(1 − β)', () => {
    const m = measureMomentum(spec, traced(0.9, 0.018), 0.018);
    expect(m.beta).toBeCloseTo(0.9, 9);
    expect(m.residual).toBeLessThan(1e-9);
    expect(m.terminalGain).toBeCloseTo(10, 6);
    expect(measureMomentum(spec, traced(0, 0.018), 0.018).beta).toBeCloseTo(0, 9);
  });

  it('does not fit a path made with another rule (velocity scaled by 1 − β), and gains approach the limit', () => {
    const lr = 0.018;
    const xs = [spec.start[0]];
    const ys = [spec.start[1]];
    let v = [0, 0];
    for (let k = 0; k < 60; k++) {
      const g = valleyGradient(spec, xs[k], ys[k]);
      v = [0.9 * v[0] + 0.1 * g[0], 0.9 * v[1] + 0.1 * g[1]];
      xs.push(xs[k] - lr * v[0]);
      ys.push(ys[k] - lr * v[1]);
    }
    const m = measureMomentum(spec, { name: 'p', xs, ys, losses: xs.map(() => 1) }, lr);
    expect(Math.abs(m.beta - 0.9) > 1e-3 || m.residual > 1e-3).toBe(true);
    expect(gainAfter(0.9, 1)).toBeCloseTo(1, 12);
    expect(gainAfter(0.9, 10)).toBeCloseTo(6.513, 3);
    expect(gainAfter(1, 7)).toBe(7);
  });

  it('takes the gradient of ½(a·u² + b·v²) in the turned axes', () => {
    const flat: ValleySpec = { ...spec, angleDegrees: 0 };
    expect(valleyGradient(flat, 2, 3)).toEqual([2, 300]);
    const [gx, gy] = valleyGradient({ ...spec, angleDegrees: 90 }, 2, 3);
    expect(gx).toBeCloseTo(200, 9);
    expect(gy).toBeCloseTo(3, 9);
  });
});

describe('handReceptiveField', () => {
  const model = (notation: string) => {
    const parsed = parseNotation(notation);
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    return parsed.model;
  };

  it('works n = k + s·(m − 1) from the top down and agrees with the summary table layer by layer', () => {
    const m = model('INPUT 28x28x1, CONV5-8, POOL2, CONV5-16, POOL3, FC-10');
    expect(m.layers.map((_, i) => handReceptiveField(m, i + 1))).toEqual([5, 6, 14, 18, 28]);
    expect(summarize(m).layers.map((l) => l.receptiveField)).toEqual([1, 5, 6, 14, 18, 28]);
  });

  it('is 1 at the input, and sees all features of a flat input through a dense layer', () => {
    const flat = model('INPUT 784, FC-10');
    expect(handReceptiveField(flat, 0)).toBe(1);
    expect(handReceptiveField(flat, 1)).toBe(784);
    const strided = model('INPUT 32x32x1, CONV3-4 S2 P0, CONV3-4 S2 P0');
    expect(handReceptiveField(strided, 2)).toBe(3 + 2 * (3 - 1));
  });
});
