// The helpers claims are built from, on hand-made curves whose answers are known, each with an edge case.
import { describe, expect, it } from 'vitest';
import { overshoots, settleStep, type ValleyPath, type ValleySpec } from '../../src/core/valley';
import { allOf, check } from '../../src/lessons/lesson';
import { largestRebound, mean, trainTestGap, windowMeans } from '../../src/lessons/outcome';
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
