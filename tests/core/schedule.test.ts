// The learning-rate schedule: its factors against the formulas worked out by hand, and its effect on
// real training: a run whose rate steps down to 0 stops moving, which a constant run does not.
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import { learningRateFactor, scheduleText } from '../../src/core/schedule';
import { backend, train } from '../support/engine';

const spec = (schedule: 'constant' | 'step' | 'cosine', decayEvery = 100, decayFactor = 0.1) => ({ schedule, decayEvery, decayFactor });

describe('learningRateFactor', () => {
  it('is 1 for a constant rate', () => {
    expect([1, 50, 10_000].map((s) => learningRateFactor(spec('constant'), s, 100))).toEqual([1, 1, 1]);
  });

  it('steps down by the factor after every period, the first period at the full rate', () => {
    const f = (step: number) => learningRateFactor(spec('step', 3, 0.5), step, 10);
    expect([1, 2, 3, 4, 6, 7, 10].map(f)).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.125]);
  });

  it('follows half a cosine from 1 towards 0 over the run', () => {
    const f = (step: number) => learningRateFactor(spec('cosine'), step, 100);
    expect(f(1)).toBe(1);
    expect(f(51)).toBeCloseTo(0.5, 12);
    expect(f(26)).toBeCloseTo((1 + Math.SQRT1_2) / 2, 12);
    expect(f(100)).toBeCloseTo((1 + Math.cos((Math.PI * 99) / 100)) / 2, 12);
    expect(f(100)).toBeGreaterThan(0);
    // Steps past the end (a longer budget than the document's) stay at the floor, never climb back.
    expect(f(500)).toBe(0);
  });

  it('says what it does', () => {
    expect([scheduleText(spec('constant')), scheduleText(spec('step', 200, 0.5)), scheduleText(spec('cosine'))]).toEqual(['constant', '×0.5 every 200 steps', 'cosine to 0']);
  });
});

describe('a document with a schedule', () => {
  beforeAll(() => backend('cpu'));

  it('fills in the defaults and refuses a factor outside (0, 1]', () => {
    const run = { name: 'r', model: 'INPUT 2, FC-4 TANH, FC-1 SIGMOID', training: { loss: 'mse' } };
    const doc = experiment({ task: 'xor', runs: [run] });
    expect(doc.runs[0].training).toMatchObject({ schedule: 'constant', decayEvery: 100, decayFactor: 0.1 });
    expect(() => experiment({ task: 'xor', runs: [{ ...run, training: { loss: 'mse', schedule: 'step', decayFactor: 0 } }] })).toThrow(/decayFactor/);
    expect(() => experiment({ task: 'xor', runs: [{ ...run, training: { loss: 'mse', schedule: 'warmup' } }] })).toThrow(/schedule/);
  });

  it('changes training: a rate decayed to almost nothing freezes the weights, a constant one does not', async () => {
    const run = (name: string, training: object) => ({
      name,
      seed: 2,
      model: 'INPUT 2, FC-4 TANH, FC-1 SIGMOID',
      optimizer: { name: 'sgd', learningRate: 1 },
      training: { loss: 'mse', steps: 60, batchSize: 4, evalEvery: 60, ...training },
    });
    // After step 10 the decayed run's rate is 1e-9: its loss stops changing; the constant run's goes on falling.
    const trained = await train({ task: 'xor', runs: [run('constant', {}), run('decayed', { schedule: 'step', decayEvery: 10, decayFactor: 1e-9 })] }, { stacking: true });
    const losses = (name: string) => trained.of('metrics', name).map((m) => m.loss);
    const [constant, decayed] = [losses('constant'), losses('decayed')];
    expect(constant.slice(0, 10)).toEqual(decayed.slice(0, 10));
    expect(Math.abs(decayed[59] - decayed[11])).toBeLessThan(1e-6);
    expect(constant[11] - constant[59]).toBeGreaterThan(1e-3);
    // Every step reports the rate it used: the schedule's factor times the optimizer's rate.
    const rates = trained.of('metrics', 'decayed').map((m) => m.learningRate);
    expect([rates[0], rates[9], rates[10], rates[19], rates[20]]).toEqual([1, 1, 1e-9, 1e-9, 1e-18]);
    expect(new Set(trained.of('metrics', 'constant').map((m) => m.learningRate))).toEqual(new Set([1]));
  });
});
