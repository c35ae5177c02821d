// Gradient checking on tiny networks where the answer is known: a smooth net agrees with autodiff
// at a middling h, worse one-sided, worse again at tiny h in float32; a ReLU sitting exactly on its
// kink is flagged at every h.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import { checkGradients, DEFAULT_HS } from '../../src/core/gradient-check';
import { relativeError } from '../../src/core/relative-error';
import { backend } from '../support/engine';

const runOf = (model: string, loss = 'softmax-cross-entropy') => experiment({ version: 1, task: 'xor', runs: [{ name: 'net', seed: 7, model, training: { loss } }] }).runs[0];
const X = new Float32Array([0.2, 0.9, 0.7, 0.1, 0.5, 0.5, 0.9, 0.8]);
const T = new Float32Array([1, 0, 0, 1, 1, 0, 0, 1]);

describe('relativeError', () => {
  it('is |a − n| / (|a| + |n|) over a vector, 0 for two zeros and 1 for opposite signs', () => {
    expect(relativeError([3, 4], [3, 4])).toBe(0);
    expect(relativeError([0, 0], [0, 0])).toBe(0);
    expect(relativeError([1], [-1])).toBe(1);
    expect(relativeError([2], [1])).toBeCloseTo(1 / 3, 12);
    expect(relativeError([3, 0], [0, 4])).toBeCloseTo(5 / 7, 12);
  });
});

describe('checkGradients', () => {
  it('finds a smooth net correct: centred best below 1e-3, one-sided worse, float32 rounding at h = 1e-7, no kinks', async () => {
    await backend('cpu');
    const before = tf.memory().numTensors;
    const check = await checkGradients(runOf('INPUT 2, FC-3 TANH, FC-2'), X, T, 4);
    expect(tf.memory().numTensors).toBe(before);
    expect(check.hs).toEqual([...DEFAULT_HS]);
    expect(check.layers.map((l) => l.layer)).toEqual([1, 2]);
    for (const l of check.layers) {
      const best = Math.min(...l.centredError);
      expect(best).toBeLessThan(1e-3);
      expect(Math.min(...l.oneSidedError)).toBeGreaterThan(best);
      expect(l.centredError.at(-1)).toBeGreaterThan(10 * best);
      expect(l.crossedFraction.every((f) => f === 0)).toBe(true);
      expect(l.entries.length).toBeGreaterThan(0);
    }
  });

  it('flags every h for ReLU units whose input is exactly 0 (zero inputs, zero biases), and their error is large', async () => {
    await backend('cpu');
    const zeros = new Float32Array(8);
    const check = await checkGradients(runOf('INPUT 2, FC-4 RELU, FC-2'), zeros, T, 4);
    const hidden = check.layers[0];
    const biases = hidden.entries.filter((e) => e.variable.endsWith('bias'));
    expect(biases.length).toBeGreaterThan(0);
    for (const e of biases) expect(e.crossed.every(Boolean)).toBe(true);
    // Autodiff takes ReLU's slope at 0 as 0; the centred difference sees half the slope on one side.
    expect(Math.max(...biases.map((e) => relativeError([e.analytic], [e.centred[2]])))).toBeGreaterThan(0.3);
  });

  it('flags a hinge margin crossing zero', async () => {
    await backend('cpu');
    // Small random scores put every margin s_j − s_y + 1 near 1: a step of 2 in a weight moves a
    // score far enough to flip one, a step of 0.01 does not.
    const check = await checkGradients(runOf('INPUT 2, FC-2 LINEAR', 'hinge'), X, T, 4, { hs: [2, 1e-2] });
    const crossedAtLarge = check.layers[0].entries.some((e) => e.crossed[0]);
    const crossedAtSmall = check.layers[0].entries.some((e) => e.crossed[1]);
    expect(crossedAtLarge).toBe(true);
    expect(crossedAtSmall).toBe(false);
  });
});
