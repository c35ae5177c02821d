// Inverted dropout: kept units scaled by 1/(1-p) while training, the identity at inference.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../src/core/model';
import { parseNotation } from '../../src/core/notation';
import { backend } from '../support/engine';

beforeAll(() => backend('cpu'));

// An identity-like layer (constant 1 weights on one input) followed by dropout exposes the mask.
function network(rate: number) {
  const parsed = parseNotation(`INPUT 1, FC-2000 LINEAR CONST1, DROPOUT${rate}, FC-1 LINEAR CONST1`);
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  return new Network([parsed.model], [1]);
}

async function hidden(net: Network, training: boolean, step = 1): Promise<Float32Array> {
  // The dropout output feeds the last layer; recover it from the gradient-free forward pass.
  const out = tf.tidy(() => {
    const x = tf.ones([1, 1, 1]); // one run, one example, one feature
    const result = net.forward(x, { training, step });
    return result.scores; // sum over the 2000 (dropped, scaled) ones
  });
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

describe('inverted dropout', () => {
  it.each([0.5, 0.2, 0.8])('with rate %f keeps about 1-p of the units, each scaled by 1/(1-p), so the expected sum is unchanged', async (rate) => {
    const net = network(rate);
    try {
      const sums: number[] = [];
      for (let step = 1; step <= 20; step++) sums.push((await hidden(net, true, step))[0]);
      // Each kept unit contributes exactly 1/(1-p): the sum is a whole number of such contributions.
      for (const s of sums) expect(Math.abs(s * (1 - rate) - Math.round(s * (1 - rate)))).toBeLessThan(1e-2);
      const mean = sums.reduce((a, b) => a + b, 0) / sums.length;
      expect(mean / 2000).toBeGreaterThan(0.95);
      expect(mean / 2000).toBeLessThan(1.05);
      expect(new Set(sums).size).toBeGreaterThan(1); // masks change from step to step
    } finally {
      net.dispose();
    }
  });

  it('is the identity at inference', async () => {
    const net = network(0.5);
    try {
      expect((await hidden(net, false))[0]).toBe(2000);
    } finally {
      net.dispose();
    }
  });

  it('draws the same mask for the same run seed and step (fair comparisons), another for another step', async () => {
    const a = network(0.5);
    const b = network(0.5);
    try {
      expect(await hidden(a, true, 7)).toEqual(await hidden(b, true, 7));
      expect(await hidden(a, true, 8)).not.toEqual(await hidden(a, true, 7));
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});
