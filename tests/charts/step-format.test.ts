// The step axis and readout say epochs where a run sees its training set more than once per chart.
import { describe, expect, it } from 'vitest';
import { stepAxisTitle, stepText } from '../../src/charts/format';

describe('steps and epochs in words', () => {
  it('names the epoch beside the step when a step is less than an epoch', () => {
    expect(stepText(100, 62.5)).toBe('step 100 · epoch 1.6');
    expect(stepText(1200, 937.5)).toBe('step 1,200 · epoch 1.28');
    expect(stepText(125, 62.5)).toBe('step 125 · epoch 2');
    expect(stepAxisTitle('step', 937.5)).toBe('step (1 epoch = 937.5 steps)');
    expect(stepAxisTitle('step', 1)).toBe('step (1 epoch = 1 step)');
  });

  it('says steps alone when epochs mean nothing (no steps-per-epoch figure)', () => {
    expect(stepText(100, null)).toBe('step 100');
    expect(stepAxisTitle('step', null)).toBe('step');
  });
});
