// Every lesson's claim holds on real training with its fixed seeds: the effect each one teaches.
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/core/experiment';
import { LESSONS } from '../../src/lessons';
import { runLesson } from '../../src/lessons/run-lesson';
import { backend, mnistDigits } from '../support/engine';

describe('every lesson', () => {
  it.each(LESSONS.map((l) => [l.id, l] as const))('%s has a valid experiment of two or more runs sharing a seed, an explanation and a title', (_, lesson) => {
    const parsed = parseExperiment(lesson.experiment);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.doc.runs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(parsed.doc.runs.map((r) => r.seed)).size).toBe(1);
    expect(lesson.explanation.join(' ').length).toBeGreaterThan(100);
    expect(lesson.lookAt.length).toBeGreaterThan(0);
  });
});

describe('claims hold on real training', () => {
  it('xor-hidden-layer: the perceptron stays at or below 75%, one hidden layer reaches 100%', async () => {
    await backend('cpu');
    const lesson = LESSONS.find((l) => l.id === 'xor-hidden-layer')!;
    const { claim, outcome } = await runLesson(lesson, mnistDigits);
    expect(outcome.done('perceptron').testAccuracy).toBeLessThanOrEqual(0.75);
    expect(outcome.done('one hidden layer').testAccuracy).toBe(1);
    expect(claim.held).toBe(true);
  });

  it('init-symmetry: equal weights leave one distinct unit, zero-init ReLU does not learn, He init does', async () => {
    await backend('cpu');
    const lesson = LESSONS.find((l) => l.id === 'init-symmetry')!;
    const { claim, outcome } = await runLesson(lesson, mnistDigits);
    expect(outcome.layers('zeros, relu')[0].distinctUnits).toBe(1);
    expect(outcome.layers('constant 0.05, sigmoid')[0].distinctUnits).toBe(1);
    expect(outcome.layers('he, relu')[0].distinctUnits).toBe(64);
    expect(outcome.layers('zeros, relu')[0].deadFraction).toBe(1);
    expect(claim.held, claim.detail).toBe(true);
  });
});

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

describe('hinge-vs-softmax', () => {
  it('the same linear classifier learns with either loss, to within a few points', async () => {
    await backend('cpu');
    const { claim, outcome } = await runLesson(LESSONS.find((l) => l.id === 'hinge-vs-softmax')!, mnistDigits);
    expect(outcome.done('softmax cross-entropy').testAccuracy).toBeGreaterThan(0.8);
    expect(outcome.done('multiclass hinge (SVM)').testAccuracy).toBeGreaterThan(0.8);
    expect(claim.held, claim.detail).toBe(true);
  });
});

describe('conv-arithmetic', () => {
  it('course examples match the formulas; 3 stacked 3x3 see what one 7x7 sees with fewer parameters; both CNNs learn', async () => {
    await backend('wasm'); // the CNN trains several times faster on wasm than on cpu
    const { claim, outcome } = await runLesson(LESSONS.find((l) => l.id === 'conv-arithmetic')!, mnistDigits);
    expect(outcome.done('one 7x7').testAccuracy).toBeGreaterThan(0.85);
    expect(outcome.done('three 3x3').testAccuracy).toBeGreaterThan(0.85);
    expect(claim.detail).toMatch(/3144 versus 1752 parameters/);
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
    expect(claim.held, claim.detail).toBe(true);
  });
});

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
