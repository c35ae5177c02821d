// Our Conv2DBackpropFilter against tfjs's own cpu kernel (captured before ours replaces it), on
// strides, paddings and channel counts the notation can produce; then wasm against cpu.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { registerConvFilterGradient } from '../../src/core/kernels/conv-filter-gradient';
import { rngFor } from '../../src/core/rng';

type Case = { x: number[]; k: number; cout: number; stride: number; pad: 'same' | 'valid' | number };
const cases: Case[] = [
  { x: [2, 9, 9, 1], k: 5, cout: 3, stride: 1, pad: 'same' },
  { x: [3, 8, 7, 2], k: 3, cout: 4, stride: 2, pad: 'same' },
  { x: [2, 10, 10, 3], k: 4, cout: 2, stride: 2, pad: 'valid' },
  { x: [1, 11, 11, 2], k: 3, cout: 5, stride: 3, pad: 1 },
];

function inputs(c: Case) {
  const rng = rngFor(11, JSON.stringify(c));
  const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  // A third of the inputs are exactly zero, like MNIST's background, to exercise the skip.
  const x = Float32Array.from({ length: size(c.x) }, () => (rng.next() < 0.33 ? 0 : rng.normal()));
  const filterShape = [c.k, c.k, c.x[3], c.cout];
  const w = Float32Array.from({ length: size(filterShape) }, () => rng.normal());
  return { x, w, filterShape };
}

/** d/dW of sum(conv2d(x, W) * r), where r is a fixed random weighting of the outputs. */
async function filterGradient(c: Case): Promise<Float32Array> {
  const { x, w, filterShape } = inputs(c);
  const grad = tf.tidy(() => {
    const xt = tf.tensor4d(x, c.x as [number, number, number, number]);
    const wt = tf.tensor4d(w, filterShape as [number, number, number, number]);
    const out = tf.conv2d(xt, wt, c.stride, c.pad);
    const r = tf.randomNormal(out.shape, 0, 1, 'float32', 5);
    return tf.grad((filter) => tf.sum(tf.mul(tf.conv2d(xt, filter as tf.Tensor4D, c.stride, c.pad), r)))(wt);
  });
  const values = (await grad.data()) as Float32Array;
  grad.dispose();
  return values;
}

function expectClose(actual: Float32Array, expected: Float32Array) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i])));
  expect(worst).toBeLessThan(1e-4);
}

describe('conv2d filter gradient', () => {
  it('matches tfjs reference kernel and runs on wasm, which has no kernel of its own', async () => {
    await tf.setBackend('cpu');
    const reference = await Promise.all(cases.map(filterGradient));
    registerConvFilterGradient();
    const ours = await Promise.all(cases.map(filterGradient));
    ours.forEach((g, i) => expectClose(g, reference[i]));
    expect(ours[0].some((v) => v !== 0)).toBe(true);

    await tf.setBackend('wasm');
    const onWasm = await Promise.all(cases.map(filterGradient));
    onWasm.forEach((g, i) => expectClose(g, reference[i]));
    await tf.setBackend('cpu');
  });
});
