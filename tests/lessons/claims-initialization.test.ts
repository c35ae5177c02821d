// Lesson claims about initialization, activations and architecture, on real training with fixed seeds.
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons';
import { runLesson } from '../../src/lessons/run-lesson';
import { backend, mnistDigits } from '../support/engine';

describe('dying-relu', () => {
  it('most ReLU units die and stay dead; leaky ReLU and ELU keep theirs', async () => {
    await backend('wasm');
    const { claim, outcome } = await runLesson(LESSONS.find((l) => l.id === 'dying-relu')!, mnistDigits);
    expect(outcome.layers('relu')[0].deadFraction).toBeGreaterThan(0.5);
    expect(outcome.layers('leaky relu')[0].deadFraction).toBeLessThan(0.05);
    expect(outcome.layers('elu')[0].deadFraction).toBeLessThan(0.05);
    expect(claim.held, claim.detail).toBe(true);
  });
});

describe('activations', () => {
  it('in a deep sigmoid net the first layer gradient is far below the last; in the ReLU family it is not', async () => {
    await backend('wasm');
    const { claim, outcome } = await runLesson(LESSONS.find((l) => l.id === 'activations')!, mnistDigits);
    const first = (r: string) => outcome.layers(r)[0].gradNorm;
    const last = (r: string) => outcome.layers(r).at(-1)!.gradNorm;
    expect(first('sigmoid') / last('sigmoid')).toBeLessThan(0.01);
    for (const r of ['relu', 'leaky relu', 'elu']) expect(first(r) / last(r)).toBeGreaterThan(0.5);
    expect(claim.held, claim.detail).toBe(true);
  });
});

describe('init-scale', () => {
  it('too small vanishes, too large saturates, Xavier suits tanh and He suits ReLU', async () => {
    await backend('wasm');
    const { claim, outcome } = await runLesson(LESSONS.find((l) => l.id === 'init-scale')!, mnistDigits);
    const first = (r: string) => outcome.layers(r, 0)[0].gradNorm;
    expect(first('tanh, N(0, 0.01)')).toBeLessThan(1e-3 * first('tanh, Xavier'));
    expect(outcome.layers('tanh, N(0, 1)', 0).slice(0, 5).every((l) => l.activationStd > 0.9)).toBe(true);
    expect(claim.held, claim.detail).toBe(true);
  });
});

describe('depth-vs-width', () => {
  it('the widest one-layer net is at least the narrowest within a point, and every net beats a linear classifier', async () => {
    await backend('wasm');
    const { claim, outcome } = await runLesson(LESSONS.find((l) => l.id === 'depth-vs-width')!, mnistDigits);
    expect(outcome.done('1 x 1000').testAccuracy).toBeGreaterThanOrEqual(outcome.done('1 x 100').testAccuracy - 0.01);
    for (const net of ['1 x 100', '1 x 200', '1 x 1000', '3 x 150', '3 x 500']) {
      expect(outcome.done(net).testAccuracy).toBeGreaterThan(outcome.done('linear').testAccuracy);
    }
    expect(claim.detail).toMatch(/1 x 100: 79,510 parameters/);
    expect(claim.held, claim.detail).toBe(true);
  });
});
