// Lesson claims about learning rates, optimizers and regularisation, on real training with fixed seeds.
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons';
import { runLesson } from '../../src/lessons/run-lesson';
import { settleStep } from '../../src/core/valley';
import { backend, mnistDigits } from '../support/engine';

describe('learning-rate', () => {
  it('too low stays flat, a good rate descends, too high diverges with a diverged event', async () => {
    await backend('cpu');
    const { claim, outcome } = await runLesson(LESSONS.find((l) => l.id === 'learning-rate')!, mnistDigits);
    expect(outcome.diverged('too high (30)')).not.toBeNull();
    expect(outcome.diverged('good (0.1)')).toBeNull();
    expect(outcome.finalLoss('good (0.1)')).toBeLessThan(0.4 * outcome.losses('good (0.1)')[0]);
    expect(claim.held, claim.detail).toBe(true);
  });
});

describe('momentum', () => {
  it('β 0.9 reaches the threshold before β 0; β 0.99999 overshoots, swings back and ends far behind', async () => {
    await backend('wasm');
    const { claim, outcome } = await runLesson(LESSONS.find((l) => l.id === 'momentum')!, mnistDigits);
    const reach = (r: string) => outcome.stepsToLoss(r, 0.8, 20) ?? Infinity;
    expect(reach('beta 0.9')).toBeLessThan(reach('beta 0'));
    expect(outcome.finalLoss('beta 0.99999', 50)).toBeGreaterThan(2 * outcome.finalLoss('beta 0.9', 50));
    // The valley: β 0.9 settles first, β 0.99999 never does.
    const settle = (r: string) => settleStep(outcome.valleyPath(r), 1e-3) ?? Infinity;
    expect(settle('beta 0.9')).toBeLessThan(settle('beta 0'));
    expect(settle('beta 0.99999')).toBe(Infinity);
    expect(claim.held, claim.detail).toBe(true);
  });
});

describe('dropout', () => {
  it('needs more steps to a training-loss threshold, narrows the train/test gap, and leaves inference unchanged', async () => {
    await backend('wasm');
    const { claim } = await runLesson(LESSONS.find((l) => l.id === 'dropout')!, mnistDigits);
    expect(claim.detail).toMatch(/dispatches (\d+) kernels with dropout and \1 without/);
    expect(claim.held, claim.detail).toBe(true);
  });
});

describe('optimizers', () => {
  it('from identical weights every optimizer reaches the loss threshold, and each beats plain SGD to it', async () => {
    await backend('wasm');
    const { claim, outcome } = await runLesson(LESSONS.find((l) => l.id === 'optimizers')!, mnistDigits);
    const sgd = outcome.stepsToLoss('sgd', 0.4, 20)!;
    expect(sgd).not.toBeNull();
    for (const name of ['momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam']) expect(outcome.stepsToLoss(name, 0.4, 20)).toBeLessThan(sgd);
    // The valley: momentum and Nesterov settle at the floor's minimum while SGD still crawls along it.
    const settle = (r: string) => settleStep(outcome.valleyPath(r), 1e-3) ?? Infinity;
    expect(settle('momentum')).toBeLessThan(settle('sgd'));
    expect(settle('nesterov')).toBeLessThan(settle('sgd'));
    expect(Number.isFinite(settle('nesterov'))).toBe(true);
    expect(claim.held, claim.detail).toBe(true);
  });
});

describe('batchnorm', () => {
  it('a deep sigmoid net with batch norm reaches a far lower loss in the same steps', async () => {
    await backend('wasm');
    const { claim, outcome } = await runLesson(LESSONS.find((l) => l.id === 'batchnorm')!, mnistDigits);
    expect(outcome.finalLoss('batch norm')).toBeLessThan(0.5 * outcome.finalLoss('no batch norm'));
    expect(claim.held, claim.detail).toBe(true);
  });
});

describe('clipping-l2', () => {
  it('too large a rate explodes without clipping and trains with it; L2 shrinks the weights and the gap', async () => {
    await backend('wasm');
    const { claim, outcome } = await runLesson(LESSONS.find((l) => l.id === 'clipping-l2')!, mnistDigits);
    expect(outcome.diverged('lr 30, no clipping')).not.toBeNull();
    expect(outcome.diverged('lr 30, clipped to 0.01')).toBeNull();
    expect(outcome.layers('L2 0.001')[0].weightNorm).toBeLessThan(outcome.layers('no L2')[0].weightNorm);
    expect(claim.held, claim.detail).toBe(true);
  });
});
