// Loss functions on a stack of runs' outputs. `scores` are the last layer's pre-activation values
// [R, batch, units], `outputs` the values after its activation; `targets` are one-hot rows (a single
// 0/1 column when the network has one output unit), [R or 1, batch, units]. Each returns one mean
// loss per run, [R]: their sum is what the stack differentiates, so each run's gradient is its own.
import * as tf from '@tensorflow/tfjs';
import type { LossName } from './experiment-types';

export function computeLoss(name: LossName, scores: tf.Tensor, outputs: tf.Tensor, targets: tf.Tensor): tf.Tensor1D {
  const singleUnit = scores.shape[scores.rank - 1] === 1;
  switch (name) {
    case 'softmax-cross-entropy':
      // The logistic function is the two-class softmax, so one unit means binary cross-entropy.
      return singleUnit ? sigmoidCrossEntropy(scores, targets) : softmaxCrossEntropy(scores, targets);
    case 'hinge':
      return singleUnit ? binaryHinge(scores, targets) : multiclassHinge(scores, targets);
    case 'mse':
      return meanOverExamples(tf.mean(tf.squaredDifference(outputs, targets), -1));
  }
}

/** [R, batch] per-example values -> [R] means. */
const meanOverExamples = (perExample: tf.Tensor) => tf.mean(perExample, 1) as tf.Tensor1D;

/** -Σ y log softmax(s), with the log-sum-exp kept stable by tfjs's logSoftmax. */
function softmaxCrossEntropy(scores: tf.Tensor, targets: tf.Tensor): tf.Tensor1D {
  return meanOverExamples(tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(scores)), -1)));
}

/** max(s, 0) − s·y + log(1 + e^(−|s|)): the logistic loss without overflow. */
function sigmoidCrossEntropy(scores: tf.Tensor, targets: tf.Tensor): tf.Tensor1D {
  const perUnit = tf.add(tf.sub(tf.relu(scores), tf.mul(scores, targets)), tf.log1p(tf.exp(tf.neg(tf.abs(scores)))));
  return meanOverExamples(tf.sum(perUnit, -1));
}

/** Weston-Watkins SVM loss: mean over examples of sum over wrong classes j of max(0, s_j - s_y + 1). */
function multiclassHinge(scores: tf.Tensor, targets: tf.Tensor): tf.Tensor1D {
  const correct = tf.sum(tf.mul(scores, targets), -1, true);
  const margins = tf.relu(tf.add(tf.sub(scores, correct), 1));
  // The correct class contributes max(0, 1) = 1 to every row; take it back out.
  return tf.sub(meanOverExamples(tf.sum(margins, -1)), 1) as tf.Tensor1D;
}

/** max(0, 1 - y s) with labels mapped from {0, 1} to {-1, +1}. */
function binaryHinge(scores: tf.Tensor, targets: tf.Tensor): tf.Tensor1D {
  const signs = tf.sub(tf.mul(targets, 2), 1);
  return meanOverExamples(tf.sum(tf.relu(tf.sub(1, tf.mul(signs, scores))), -1));
}

/**
 * How many rows of each run have a predicted class equal to their label (threshold 0 on a single
 * score): whole numbers per run [R], exact in float32 up to 2^24 rows. Sums of these are exact where
 * sums of batch means times batch sizes are not (0.902 · 500 ≠ 451 in float32).
 */
export function correctCount(scores: tf.Tensor, labels: tf.Tensor): tf.Tensor1D {
  return tf.sum(tf.cast(tf.equal(predictedClasses(scores), labels), 'float32'), -1) as tf.Tensor1D;
}

/**
 * The same accuracy computed on the host from scores already read back: the fraction of `count` rows,
 * from row `first` of `scores` (row-major, `units` per row), whose predicted class equals
 * `labels[positions[row]]`. Ties go to the first maximum, as with tf.argMax; one unit means score > 0.
 */
export function accuracyOfRows(scores: Float32Array, units: number, first: number, count: number, labels: ArrayLike<number>, positions: Int32Array): number {
  let correct = 0;
  for (let r = first; r < first + count; r++) {
    let predicted = 0;
    if (units === 1) predicted = scores[r] > 0 ? 1 : 0;
    else {
      const row = r * units;
      for (let k = 1; k < units; k++) if (scores[row + k] > scores[row + predicted]) predicted = k;
    }
    if (predicted === labels[positions[r]]) correct++;
  }
  return correct / count;
}

/** Predicted class per row (along the last axis). */
export function predictedClasses(scores: tf.Tensor): tf.Tensor {
  const units = scores.shape[scores.rank - 1];
  return units === 1 ? tf.cast(tf.greater(tf.squeeze(scores, [scores.rank - 1]), 0), 'int32') : tf.argMax(scores, -1);
}
