import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../src/core/events';
import { feedAccuracy, feedDivergence, feedGap, feedLearningRate, feedLoss, type SeriesSink } from '../../src/charts/feed';
import { formatPercent, formatStep, formatTick, formatValue, uniqueTickLabels } from '../../src/charts/format';
import { Series } from '../../src/charts/series';
import { rawPoints } from '../support/series-points';

/** A sink that stores Series per run and key, as a state module could. */
class Store implements SeriesSink {
  readonly map = new Map<string, Series>();
  append(runId: string, key: string, x: number, y: number): boolean {
    const id = `${runId}/${key}`;
    let s = this.map.get(id);
    if (!s) this.map.set(id, (s = new Series()));
    return s.append(x, y);
  }
  points(id: string) {
    return rawPoints(this.map.get(id));
  }
}

describe('feeding engine events', () => {
  it('routes training and test loss to train and test series', () => {
    const store = new Store();
    const events: TrainEvent[] = [
      { type: 'metrics', run: 'a', step: 1, loss: 2.3, accuracy: 0.1 },
      { type: 'metrics', run: 'a', step: 2, loss: 2.1, accuracy: 0.2 },
      { type: 'eval', run: 'a', step: 2, testLoss: 2.2, testAccuracy: 0.15, trainSetLoss: 0.1, trainSetAccuracy: 0.99 },
      { type: 'timing', run: 'a', step: 2, msPerStep: 1, msPerInference: 1, examplesPerSecond: 1, kernelsPerInference: 5 },
      { type: 'metrics', run: 'b', step: 1, loss: Number.NaN, accuracy: 0 },
    ];
    const accepted = events.map((e) => feedLoss(store, e));
    expect(accepted).toEqual([1, 1, 1, 0, 1]);
    expect(store.points('a/train')).toEqual([{ x: 1, y: 2.3 }, { x: 2, y: 2.1 }]);
    expect(store.points('a/test')).toEqual([{ x: 2, y: 2.2 }]);
    expect(store.map.get('b/train')?.view()).toEqual([]); // a diverged value is kept raw, never drawn
  });

  it('routes accuracies the same way', () => {
    const store = new Store();
    feedAccuracy(store, { type: 'metrics', run: 'a', step: 1, loss: 2, accuracy: 0.25 });
    feedAccuracy(store, { type: 'eval', run: 'a', step: 1, testLoss: 2, testAccuracy: 0.5, trainSetLoss: 0.1, trainSetAccuracy: 0.99 });
    expect(store.points('a/train')).toEqual([{ x: 1, y: 0.25 }]);
    expect(store.points('a/test')).toEqual([{ x: 1, y: 0.5 }]);
  });

  it('feeds the gap as test loss minus training-set loss, per evaluation only', () => {
    const store = new Store();
    const evalEvent: TrainEvent = { type: 'eval', run: 'a', step: 100, testLoss: 0.5, testAccuracy: 0.9, trainSetLoss: 0.2, trainSetAccuracy: 0.95 };
    expect(feedGap(store, evalEvent)).toBe(1);
    expect(feedGap(store, { type: 'metrics', run: 'a', step: 100, loss: 0.1, accuracy: 1 })).toBe(0);
    expect(store.points('a/gap')).toEqual([{ x: 100, y: 0.5 - 0.2 }]);
  });

  it('feeds the learning rate each step used, and nothing from events that do not carry one', () => {
    const store = new Store();
    expect(feedLearningRate(store, { type: 'metrics', run: 'a', step: 1, loss: 2, accuracy: 0.1, learningRate: 0.5 })).toBe(1);
    expect(feedLearningRate(store, { type: 'metrics', run: 'a', step: 2, loss: 2, accuracy: 0.1, learningRate: 0.05 })).toBe(1);
    // A recording made before schedules: no rate, no point (not a rate of 0).
    expect(feedLearningRate(store, { type: 'metrics', run: 'a', step: 3, loss: 2, accuracy: 0.1 })).toBe(0);
    expect(feedLearningRate(store, { type: 'eval', run: 'a', step: 2, testLoss: 2, testAccuracy: 0.5, trainSetLoss: 0.1, trainSetAccuracy: 0.99 })).toBe(0);
    expect(store.points('a/rate')).toEqual([{ x: 1, y: 0.5 }, { x: 2, y: 0.05 }]);
  });

  it('keeps a JSON null (a NaN the engine sent through JSON) as NaN, never as 0', () => {
    const store = new Store();
    const fromJson = JSON.parse('{"type":"eval","run":"a","step":13,"testLoss":null,"testAccuracy":null,"trainSetLoss":null,"trainSetAccuracy":null}') as TrainEvent;
    feedLoss(store, fromJson);
    feedGap(store, fromJson);
    expect(store.map.get('a/test')?.yAt(0)).toBeNaN();
    expect(store.map.get('a/gap')?.yAt(0)).toBeNaN();
    // The control: a plain Number() of null is 0, the bug this guards against.
    expect(Number(null)).toBe(0);
  });

  it('marks a diverged run and ignores other events', () => {
    const marks: [string, number][] = [];
    const sink = { markDiverged: (run: string, step: number) => void marks.push([run, step]) };
    expect(feedDivergence(sink, { type: 'diverged', run: 'too high', step: 13 })).toBe(true);
    expect(feedDivergence(sink, { type: 'metrics', run: 'a', step: 1, loss: 1, accuracy: 0 })).toBe(false);
    expect(marks).toEqual([['too high', 13]]);
  });
});

describe('formats', () => {
  it('formats values compactly and non-finite values readably', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(2.5)).toBe('2.5');
    expect(formatValue(1e-7)).toBe('1.00e-7');
    expect(formatValue(123456)).toBe('1.23e+5');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('-∞');
    expect(formatPercent(0.9731)).toBe('97.3%');
    expect(formatStep(120000)).toBe('120,000');
  });

  it('formats axis ticks without padding', () => {
    expect(formatTick(0.4)).toBe('0.4');
    expect(formatTick(4)).toBe('4');
    expect(formatTick(0.0001)).toBe('1e-4');
    expect(formatTick(0.00015)).toBe('1.5e-4');
    expect(formatTick(2e6)).toBe('2e6');
    expect(formatTick(0.002)).toBe('0.002');
    expect(formatTick(0)).toBe('0');
  });

  it('gives every labelled tick of an axis a different label, with no more digits than that takes', () => {
    expect(uniqueTickLabels([0, 0.5, 1, 1.5])).toEqual(['0', '0.5', '1', '1.5']);
    // A narrow range: three significant digits would print 2 three times.
    const narrow = [2.0001, 2.0002, 2.0003];
    expect(narrow.map((v) => formatTick(v))).toEqual(['2', '2', '2']); // the control
    const labels = uniqueTickLabels(narrow);
    expect(new Set(labels).size).toBe(3);
    expect(labels).toEqual(['2.0001', '2.0002', '2.0003']);
    // Unlabelled ticks (minor ticks of a log axis) stay unlabelled and do not count as duplicates.
    expect(uniqueTickLabels([1, 2, 3, 4], (i) => i !== 2)).toEqual(['1', '2', '', '4']);
  });
});
