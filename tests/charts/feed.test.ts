import { describe, expect, it } from 'vitest';
import type { LayerStats, TrainEvent } from '../../src/core/events';
import { layerKey } from '../../src/charts/factories';
import { feedAccuracy, feedLayers, feedLoss, type SeriesSink } from '../../src/charts/feed';
import { formatPercent, formatStep, formatTick, formatValue } from '../../src/charts/format';
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

const stats = (layer: number, label: string, over: Partial<LayerStats> = {}): LayerStats => ({
  layer,
  label,
  units: 10,
  gradNorm: 0.1 * layer,
  weightNorm: 1,
  activationMean: 0,
  activationStd: 1,
  deadFraction: 0.5,
  distinctUnits: 10,
  ...over,
});

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

  it('makes one series per layer, keyed by row and label so equal labels stay apart', () => {
    const store = new Store();
    const e: TrainEvent = { type: 'layers', run: 'a', step: 10, layers: [stats(1, 'FC-100'), stats(2, 'FC-100'), stats(3, 'FC-10')] };
    expect(feedLayers(store, e, 'gradNorm')).toBe(3);
    expect(layerKey(stats(1, 'FC-100'))).not.toBe(layerKey(stats(2, 'FC-100')));
    expect(store.points(`a/${layerKey(stats(2, 'FC-100'))}`)).toEqual([{ x: 10, y: 0.2 }]);
    const dead = new Store();
    expect(feedLayers(dead, e, 'deadFraction', (s) => s.layer !== 3)).toBe(2);
    expect([...dead.map.keys()]).toEqual(['a/L1 FC-100', 'a/L2 FC-100']);
    expect(feedLayers(dead, { type: 'metrics', run: 'a', step: 1, loss: 1, accuracy: 1 }, 'deadFraction')).toBe(0);
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
});
