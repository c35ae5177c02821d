import { describe, it, expect } from 'vitest';
import { createBatchStream } from '../../src/data/batches';

// 30 train examples of 3 classes, deliberately interleaved so sorting has work to do.
const LABELS = Uint8Array.from({ length: 30 }, (_, i) => (i * 7) % 3);
const N = LABELS.length;

/** Draws `epochs` whole epochs with an awkward batch size, so batches straddle epoch boundaries. */
function drawEpochs(stream: { next(n: number): Int32Array }, epochs: number, batchSize = 7): Int32Array[] {
  const flat: number[] = [];
  while (flat.length < epochs * N) flat.push(...stream.next(batchSize));
  return Array.from({ length: epochs }, (_, e) => Int32Array.from(flat.slice(e * N, (e + 1) * N)));
}

function isPermutation(order: Int32Array): boolean {
  return order.length === N && [...order].sort((a, b) => a - b).every((v, i) => v === i);
}

describe('createBatchStream', () => {
  it('shuffled: every epoch is a permutation, and epochs differ', () => {
    const epochs = drawEpochs(createBatchStream(LABELS, 'shuffled', 1, 0), 4);
    for (const epoch of epochs) expect(isPermutation(epoch)).toBe(true);
    expect(epochs[1]).not.toEqual(epochs[0]);
    expect(epochs[2]).not.toEqual(epochs[1]);
    const identity = Int32Array.from({ length: N }, (_, i) => i);
    expect(epochs[0]).not.toEqual(identity);
  });

  it('by-class: every epoch is sorted by class, stable, and the same', () => {
    const epochs = drawEpochs(createBatchStream(LABELS, 'by-class', 1, 0), 3);
    const expected = Int32Array.from(
      [0, 1, 2].flatMap((c) => [...LABELS.keys()].filter((i) => LABELS[i] === c)),
    );
    for (const epoch of epochs) expect(epoch).toEqual(expected);
    const classes = [...epochs[0]].map((i) => LABELS[i]);
    expect(classes).toEqual([...classes].sort());
    expect(classes[0]).toBe(0);
  });

  it('one-class-first: each epoch opens with the whole first class, then the rest shuffled', () => {
    const firstClass = 2;
    const size = LABELS.filter((l) => l === firstClass).length;
    const epochs = drawEpochs(createBatchStream(LABELS, 'one-class-first', 5, firstClass), 3);
    for (const epoch of epochs) {
      expect(isPermutation(epoch)).toBe(true);
      expect([...epoch.subarray(0, size)].every((i) => LABELS[i] === firstClass)).toBe(true);
      expect([...epoch.subarray(size)].every((i) => LABELS[i] !== firstClass)).toBe(true);
    }
    // The rest is shuffled, not by class, and differs per epoch.
    const rest = [...epochs[0].subarray(size)].map((i) => LABELS[i]);
    expect(rest).not.toEqual([...rest].sort());
    expect(epochs[1]).not.toEqual(epochs[0]);
  });

  it('is the same stream for the same seed, whatever the batch sizes, and differs across seeds', () => {
    for (const order of ['shuffled', 'one-class-first'] as const) {
      const a = drawEpochs(createBatchStream(LABELS, order, 11, 1), 3, 7);
      const b = drawEpochs(createBatchStream(LABELS, order, 11, 1), 3, 30);
      const c = drawEpochs(createBatchStream(LABELS, order, 12, 1), 3, 7);
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
    }
  });

  it('straddles epoch boundaries without dropping or repeating examples, and counts epochs', () => {
    const stream = createBatchStream(LABELS, 'shuffled', 3, 0);
    expect(stream.epoch).toBe(0);
    const big = stream.next(N + 5); // one whole epoch plus five of the next
    expect(isPermutation(big.subarray(0, N))).toBe(true);
    expect(stream.epoch).toBe(1);
    const rest = stream.next(N - 5);
    expect(isPermutation(Int32Array.from([...big.subarray(N), ...rest]))).toBe(true);
    expect(stream.epoch).toBe(2);
  });

  it('fill() writes into a caller-owned array and continues the same stream as next()', () => {
    const a = createBatchStream(LABELS, 'shuffled', 4, 0);
    const b = createBatchStream(LABELS, 'shuffled', 4, 0);
    const out = new Int32Array(8);
    const filled = [...a.fill(out), ...a.fill(out)];
    expect(filled).toEqual([...b.next(8), ...b.next(8)]);
  });

  it('explains what it cannot do', () => {
    expect(() => createBatchStream(new Uint8Array(0), 'shuffled', 0, 0)).toThrow(/empty training set/);
    expect(() => createBatchStream(LABELS, 'one-class-first', 0, 7)).toThrow(/class 7 has no examples/);
    expect(() => createBatchStream(LABELS, 'shuffled', 0, 0).next(0)).toThrow(/Batch size must be a positive integer/);
  });
});

describe('skip', () => {
  it.each(['shuffled', 'by-class', 'one-class-first'] as const)('%s: skipping k positions leaves the stream where drawing them would', (order) => {
    const n = LABELS.length;
    for (const k of [0, 1, 7, n - 1, n, n + 3, 3 * n, 5 * n + 11]) {
      const drawn = createBatchStream(LABELS, order, 3, 1);
      drawn.fill(new Int32Array(k));
      const skipped = createBatchStream(LABELS, order, 3, 1);
      skipped.skip(k);
      expect(skipped.epoch, `k = ${k}`).toBe(drawn.epoch);
      expect(Array.from(skipped.next(2 * n + 5)), `k = ${k}`).toEqual(Array.from(drawn.next(2 * n + 5)));
    }
  });

  it('refuses a count that is not a whole number of positions', () => {
    const stream = createBatchStream(LABELS, 'shuffled', 1, 0);
    expect(() => stream.skip(-1)).toThrow('Cannot skip -1 positions.');
    expect(() => stream.skip(1.5)).toThrow('Cannot skip 1.5 positions.');
  });
});
