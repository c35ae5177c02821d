// Convolution and pooling by hand: answers worked out on paper, and every bad input named in words.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { convolveByHand, parseMatrix, poolByHand, type Matrix } from '../../src/core/conv-by-hand';
import { backend } from '../support/engine';

const ok = <T>(r: { ok: true; value: T } | { ok: false; errors: string[] }): T => {
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
};
const errorsOf = (r: { ok: boolean; errors?: string[] }) => (r.ok ? [] : r.errors!);

describe('parseMatrix', () => {
  it('reads rows separated by ; and numbers by spaces or commas', () => {
    expect(ok(parseMatrix('0 1 0; 1, 1, 0 ;0 0 1;', 'input'))).toEqual([
      [0, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    expect(ok(parseMatrix('-0.5 .25 1e-3', 'filter'))).toEqual([[-0.5, 0.25, 0.001]]);
  });

  it('names ragged rows, non-numbers and empty input with row and column', () => {
    expect(errorsOf(parseMatrix('1 2 3; 4 5', 'input'))).toEqual(['input: row 2 has 2 numbers, row 1 has 3 (every row needs the same count)']);
    expect(errorsOf(parseMatrix('1 x; 0x10 2', 'filter'))).toEqual([
      'filter: row 1, column 2: "x" is not a number',
      'filter: row 2, column 1: "0x10" is not a number',
    ]);
    expect(errorsOf(parseMatrix('  ', 'input'))[0]).toMatch(/no numbers/);
    expect(errorsOf(parseMatrix('1 2;; 3 4', 'input'))).toEqual(['input: row 2 is empty']);
    expect(errorsOf(parseMatrix('Infinity', 'input'))[0]).toMatch(/"Infinity" is not a number/);
  });

  it('refuses a matrix too large before splitting it into numbers', () => {
    expect(errorsOf(parseMatrix('1;'.repeat(40), 'input'))[0]).toMatch(/40 rows is too many \(at most 32\)/);
    expect(errorsOf(parseMatrix('1 '.repeat(10_000), 'input'))[0]).toMatch(/characters is too long/);
  });
});

describe('convolveByHand', () => {
  it('works the issue example: every window, its products and the output', () => {
    const r = ok(convolveByHand({ input: ok(parseMatrix('0 1 0; 1 1 0; 0 0 1', 'input')), filter: [[1, 0], [0, 1]], stride: 1, pad: 0 }));
    expect(r.output).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(r.cells[3]).toMatchObject({ row: 1, col: 1, top: 1, left: 1, value: 2, text: '1·1 + 0·0 + 0·0 + 1·1 = 2' });
    expect(r.cells[3].terms.map((t) => [t.row, t.col, t.value, t.weight])).toEqual([
      [1, 1, 1, 1],
      [1, 2, 0, 0],
      [2, 1, 0, 0],
      [2, 2, 1, 1],
    ]);
    expect(r.size.rows.text).toBe('(3 − 2 + 2·0)/1 + 1 = 1/1 + 1 = 2');
  });

  it('pads with zeros and strides: 5x5, 3x3 filter, stride 2, padding 1 gives (5 − 3 + 2)/2 + 1 = 3', () => {
    const input: Matrix = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => r * 5 + c));
    const r = ok(convolveByHand({ input, filter: [[0, 0, 0], [0, 1, 0], [0, 0, 0]], stride: 2, pad: 1 }));
    expect(r.padded).toHaveLength(7);
    expect(r.padded[0]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.padded[1]).toEqual([0, 0, 1, 2, 3, 4, 0]);
    expect(r.size.columns).toMatchObject({ output: 3, text: '(5 − 3 + 2·1)/2 + 1 = 4/2 + 1 = 3' });
    // The centre-one filter picks the input under its centre: every other pixel, from the corner.
    expect(r.output).toEqual([
      [0, 2, 4],
      [10, 12, 14],
      [20, 22, 24],
    ]);
    expect(r.cells[0].text).toMatch(/^0·0 \+ 0·0 \+ 0·0 \+ 0·0 \+ 0·1 \+/);
  });

  it('writes negative numbers in brackets in the sums of products', () => {
    const r = ok(convolveByHand({ input: [[2, -1]], filter: [[-1, 0.5]], stride: 1, pad: 0 }));
    expect(r.cells[0].text).toBe('2·(-1) + (-1)·0.5 = -2.5');
  });

  it('agrees with tfjs conv2d (cross-correlation) on random matrices', async () => {
    await backend('cpu');
    const input = Array.from({ length: 7 }, (_, r) => Array.from({ length: 5 }, (_, c) => Math.sin(3 * r + c)));
    const filter = [[0.5, -1, 0.25], [1, 0, -0.5], [0.75, 0.1, -0.2]];
    const r = ok(convolveByHand({ input, filter, stride: 2, pad: 1 }));
    const expected = tf.tidy(() =>
      tf.conv2d(tf.tensor4d(input.flat(), [1, 7, 5, 1]), tf.tensor4d(filter.flat(), [3, 3, 1, 1]), 2, [[0, 0], [1, 1], [1, 1], [0, 0]]).arraySync(),
    ) as number[][][][];
    const ours = r.output.flat();
    expected[0].flat().map((px) => px[0]).forEach((v, i) => expect(ours[i]).toBeCloseTo(v, 5));
    expect(r.output.length).toBe(expected[0].length);
    expect(r.output[0].length).toBe(expected[0][0].length);
  });

  it('refuses a filter larger than the padded input, and a size that is not whole, in words', () => {
    expect(errorsOf(convolveByHand({ input: [[1, 2], [3, 4]], filter: [[1, 1, 1], [1, 1, 1], [1, 1, 1]], stride: 1, pad: 0 }))).toEqual([
      'the filter is 3 rows tall, but the input has only 2: it fits nowhere',
      'the filter is 3 columns wide, but the input has only 2: it fits nowhere',
    ]);
    // With padding 1 the same filter fits: (2 − 3 + 2)/1 + 1 = 2.
    expect(ok(convolveByHand({ input: [[1, 2], [3, 4]], filter: [[1, 1, 1], [1, 1, 1], [1, 1, 1]], stride: 1, pad: 1 })).output).toEqual([
      [10, 10],
      [10, 10],
    ]);
    const uneven = errorsOf(convolveByHand({ input: [[1, 2, 3, 4, 5]], filter: [[1, 1]], stride: 2, pad: 0 }));
    expect(uneven).toEqual(['along the columns, (W − K + 2P)/S = (5 − 2 + 2·0)/2 = 3/2 is not a whole number: the filter does not fit evenly (change the stride or the padding)']);
  });

  it('refuses bad strides, paddings and malformed matrices', () => {
    expect(errorsOf(convolveByHand({ input: [[1]], filter: [[1]], stride: 0, pad: -1 }))).toEqual([
      'stride must be a whole number from 1 to 32, got 0',
      'padding must be a whole number from 0 to 16, got -1',
    ]);
    expect(errorsOf(convolveByHand({ input: [[1, 2], [3]], filter: [[NaN]], stride: 1, pad: 0 }))).toEqual([
      'input: row 2 has 1 numbers, row 1 has 2',
      'filter: row 1, column 1 is not a finite number (got NaN)',
    ]);
    expect(errorsOf(convolveByHand({ input: [], filter: [[1]], stride: 1, pad: 0 }))).toEqual(['input must have at least one row and one column']);
  });
});

describe('poolByHand', () => {
  const input: Matrix = [
    [1, 3, 2, 0],
    [4, 2, 1, 1],
    [0, 0, 5, 6],
    [1, 2, 7, 8],
  ];

  it('max-pools 2x2 windows with stride 2 (POOL2)', () => {
    const r = ok(poolByHand({ input, kind: 'max', window: 2 }));
    expect(r.output).toEqual([
      [4, 2],
      [2, 8],
    ]);
    expect(r.cells[1].text).toBe('max(2, 0, 1, 1) = 2');
    expect(r.size.rows.text).toBe('(4 − 2 + 2·0)/2 + 1 = 2/2 + 1 = 2');
  });

  it('averages overlapping windows with stride 1', () => {
    const r = ok(poolByHand({ input, kind: 'avg', window: 3, stride: 1 }));
    expect(r.output).toEqual([
      [18 / 9, 20 / 9],
      [22 / 9, 32 / 9],
    ]);
    expect(r.cells[0].text).toBe('(1 + 3 + 2 + 4 + 2 + 1 + 0 + 0 + 5)/9 = 2');
  });

  it('refuses a window that does not fit, or fit evenly', () => {
    expect(errorsOf(poolByHand({ input: [[1, 2]], kind: 'max', window: 2 }))[0]).toBe('the window is 2 rows tall, but the input has only 1: it fits nowhere');
    expect(errorsOf(poolByHand({ input, kind: 'avg', window: 3 }))[0]).toMatch(/\(4 − 3 \+ 2·0\)\/3 = 1\/3 is not a whole number/);
    expect(errorsOf(poolByHand({ input, kind: 'max', window: 0, stride: 1 }))).toEqual(['window must be a whole number from 1 to 32, got 0']);
  });
});
