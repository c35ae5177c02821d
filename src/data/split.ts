// Seeded, stratified train/test split: every class keeps its share of the data in both sets, so a
// small training set still sees every digit and test accuracy is not skewed by an unlucky draw.
import { rngFor } from '../core/rng';

export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Picks trainSize + testSize distinct indices into `labels`. Class c gets the largest-remainder
 * rounding of size * count_c / total, so the sizes are exact and each class is within one example of
 * its exact share. Each class's examples are shuffled once per seed and the train set takes the first
 * ones, the test set the next: the train set therefore does not depend on testSize.
 */
export function stratifiedSplit(
  labels: Uint8Array,
  numClasses: number,
  trainSize: number,
  testSize: number,
  seed: number,
): Split {
  const total = labels.length;
  for (const [name, size] of [['train', trainSize], ['test', testSize]] as const) {
    if (!Number.isInteger(size) || size < 0) throw new Error(`${name} size must be a non-negative integer, got ${size}.`);
  }
  if (trainSize + testSize > total) {
    throw new Error(
      `Cannot split ${total} examples into ${trainSize} for training and ${testSize} for testing: that needs ${trainSize + testSize}; lower the sizes.`,
    );
  }

  const byClass = indicesByClass(labels, numClasses);
  const counts = byClass.map((indices) => indices.length);
  const trainQuota = largestRemainder(trainSize, counts, counts);
  const capacity = counts.map((count, c) => count - trainQuota[c]);
  const testQuota = largestRemainder(testSize, counts, capacity);

  const train = new Int32Array(trainSize);
  const test = new Int32Array(testSize);
  let t = 0;
  let s = 0;
  for (let c = 0; c < numClasses; c++) {
    const shuffled = rngFor(seed, 'split', 'class', c).shuffle(byClass[c]);
    train.set(shuffled.subarray(0, trainQuota[c]), t);
    test.set(shuffled.subarray(trainQuota[c], trainQuota[c] + testQuota[c]), s);
    t += trainQuota[c];
    s += testQuota[c];
  }
  // Classes were appended in order; mix them so the sets carry no class ordering of their own.
  rngFor(seed, 'split', 'train').shuffle(train);
  rngFor(seed, 'split', 'test').shuffle(test);
  return { train, test };
}

function indicesByClass(labels: Uint8Array, numClasses: number): Int32Array[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= numClasses) throw new Error(`Label ${labels[i]} at index ${i} is outside 0..${numClasses - 1}.`);
    counts[labels[i]]++;
  }
  const byClass = counts.map((count) => new Int32Array(count));
  const filled = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]][filled[labels[i]]++] = i;
  return byClass;
}

/**
 * Splits `size` over classes in proportion to `weights`: each class gets floor(share), then the
 * leftover units go to the largest fractional parts (ties to the lower class) among classes with
 * room left under `capacity`. Integer arithmetic, so the rounding is the same on every platform.
 * Callers guarantee sum(capacity) >= size and floor(share) <= capacity for every class.
 */
function largestRemainder(size: number, weights: number[], capacity: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return weights.map(() => 0);
  const quota = weights.map((w) => Math.floor((size * w) / total));
  let left = size - quota.reduce((a, b) => a + b, 0);
  const byRemainder = weights
    .map((w, c) => ({ c, remainder: (size * w) % total }))
    .sort((a, b) => b.remainder - a.remainder || a.c - b.c);
  // One pass can fall short only when capacity blocks a class; a second pass then fills any room left.
  for (let pass = 0; pass < 2 && left > 0; pass++) {
    for (const { c } of byRemainder) {
      if (left === 0) break;
      if (quota[c] < capacity[c]) {
        quota[c]++;
        left--;
      }
    }
  }
  if (left > 0) throw new Error('stratifiedSplit: internal error, quotas do not add up.');
  return quota;
}
