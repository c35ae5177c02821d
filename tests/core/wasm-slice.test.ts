// The wasm Slice and Unpack kernels that read through heap views: the same values as the cpu
// backend's, for contiguous and strided slices of every rank the engine cuts.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { backend } from '../support/engine';

const values = (shape: number[]) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i) * 100);

async function on(name: 'cpu' | 'wasm', f: () => tf.Tensor | tf.Tensor[]): Promise<number[][]> {
  await backend(name);
  const out = tf.tidy(f);
  const list = Array.isArray(out) ? out : [out];
  const read = await Promise.all(list.map(async (t) => [...t.shape, ...Array.from(await t.data())]));
  tf.dispose(list);
  return read;
}

describe('wasm Slice and Unpack through heap views', () => {
  afterAll(() => backend('cpu'));

  it.each([
    ['a batch of rows from a block', [25, 8, 12], [3, 0, 0], [1, 8, 12]],
    ['one run of a stack of kernels', [4, 7, 5], [2, 0, 0], [1, 7, 5]],
    ['a strided inner window', [3, 6, 5, 2], [1, 2, 1, 0], [2, 3, 3, 2]],
    ['columns of a matrix', [9, 11], [0, 4], [9, 3]],
    ['one value', [5], [4], [1]],
  ])('slices %s exactly as the cpu backend does', async (_what, shape, begin, size) => {
    const x = values(shape);
    const slice = () => tf.slice(tf.tensor(x, shape), begin, size);
    expect(await on('wasm', slice)).toEqual(await on('cpu', slice));
  });

  it('unstacks along any axis exactly as the cpu backend does, and keeps int32', async () => {
    for (const axis of [0, 1, 2]) {
      const unstack = () => tf.unstack(tf.tensor(values([3, 4, 2]), [3, 4, 2]), axis);
      expect(await on('wasm', unstack)).toEqual(await on('cpu', unstack));
    }
    const ints = () => tf.slice(tf.tensor([1, 2, 3, 4, 5, 6], [2, 3], 'int32'), [1, 1], [1, 2]);
    expect(await on('wasm', ints)).toEqual([[1, 2, 5, 6]]);
  });
});
