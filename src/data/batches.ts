// The order in which training examples reach the optimiser. Order is an experimental variable here
// (sorted-by-class batches are a classic way to break SGD), so each order is deterministic per seed.
import type { DataOrder } from '../core/experiment-types';
import { rngFor } from '../core/rng';

export interface BatchStream {
  /** The next batchSize positions into the train set, as a new array. */
  next(batchSize: number): Int32Array;
  /** Fills `out` with the next out.length positions; no allocation in the training loop. */
  fill(out: Int32Array): Int32Array;
  /** Moves past the next `count` positions without making them: a run resumed at step s skips s batches. */
  skip(count: number): void;
  /** The epoch the next position comes from, counting from 0. */
  readonly epoch: number;
}

/**
 * An endless stream of positions into the train set (0..labels.length-1), epoch after epoch; a batch
 * that reaches the end of an epoch continues into the next one, so no example is dropped or repeated
 * within an epoch. `labels` are the train set's labels in train order.
 */
export function createBatchStream(labels: Uint8Array, order: DataOrder, seed: number, firstClass: number): BatchStream {
  const n = labels.length;
  if (n === 0) throw new Error('Cannot stream batches from an empty training set.');
  const epochOrder = epochOrderFor(labels, order, seed, firstClass);

  let epoch = 0;
  let current = epochOrder(0);
  let pos = 0;

  function fill(out: Int32Array): Int32Array {
    let filled = 0;
    while (filled < out.length) {
      if (pos === n) {
        epoch++;
        current = epochOrder(epoch);
        pos = 0;
      }
      const take = Math.min(out.length - filled, n - pos);
      out.set(current.subarray(pos, pos + take), filled);
      filled += take;
      pos += take;
    }
    return out;
  }

  function skip(count: number): void {
    if (!Number.isSafeInteger(count) || count < 0) throw new Error(`Cannot skip ${count} positions.`);
    const startEpoch = epoch;
    let remaining = count;
    while (remaining > 0) {
      if (pos === n) {
        epoch++;
        pos = 0;
      }
      const take = Math.min(remaining, n - pos);
      pos += take;
      remaining -= take;
    }
    // Only the epoch the stream lands in needs its order: the ones skipped whole are never drawn.
    if (epoch !== startEpoch) current = epochOrder(epoch);
  }

  return {
    fill,
    skip,
    next(batchSize) {
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`Batch size must be a positive integer, got ${batchSize}.`);
      return fill(new Int32Array(batchSize));
    },
    get epoch() {
      // A finished epoch whose successor has not been drawn yet still counts as finished.
      return pos === n ? epoch + 1 : epoch;
    },
  };
}

/** Returns the permutation of 0..n-1 to use in a given epoch. */
function epochOrderFor(labels: Uint8Array, order: DataOrder, seed: number, firstClass: number): (epoch: number) => Int32Array {
  const n = labels.length;
  switch (order) {
    case 'shuffled':
      return (epoch) => rngFor(seed, 'order', epoch).shuffle(identity(n));
    case 'by-class': {
      // Stable, class 0 first; the same every epoch, so there is nothing to recompute.
      const sorted = identity(n).sort((a, b) => labels[a] - labels[b] || a - b);
      return () => sorted;
    }
    case 'one-class-first': {
      const first: number[] = [];
      const rest: number[] = [];
      for (let i = 0; i < n; i++) (labels[i] === firstClass ? first : rest).push(i);
      if (first.length === 0) {
        throw new Error(`Order one-class-first: class ${firstClass} has no examples in the training set; pick another first class.`);
      }
      return (epoch) => {
        const rng = rngFor(seed, 'order', 'one-class-first', epoch);
        const out = new Int32Array(n);
        out.set(rng.shuffle(Int32Array.from(first)), 0);
        out.set(rng.shuffle(Int32Array.from(rest)), first.length);
        return out;
      };
    }
    default: {
      const unknown: never = order;
      throw new Error(`Unknown data order ${JSON.stringify(unknown)}.`);
    }
  }
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
