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
