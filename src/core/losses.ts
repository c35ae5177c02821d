// Loss functions on the network's output. `scores` are the last layer's pre-activation values,
// `outputs` the values after its activation; `targets` are one-hot rows (a single 0/1 column when
// the network has one output unit).
import * as tf from '@tensorflow/tfjs';
import type { LossName } from './experiment-types';

export function computeLoss(name: LossName, scores: tf.Tensor2D, outputs: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  const singleUnit = scores.shape[1] === 1;
  switch (name) {
    case 'softmax-cross-entropy':
      // The logistic function is the two-class softmax, so one unit means binary cross-entropy.
      return singleUnit ? tf.losses.sigmoidCrossEntropy(targets, scores) : tf.losses.softmaxCrossEntropy(targets, scores);
    case 'hinge':
      return singleUnit ? binaryHinge(scores, targets) : multiclassHinge(scores, targets);
    case 'mse':
      return tf.losses.meanSquaredError(targets, outputs);
  }
}

/** Weston-Watkins SVM loss: mean over examples of sum over wrong classes j of max(0, s_j - s_y + 1). */
function multiclassHinge(scores: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  const correct = tf.sum(tf.mul(scores, targets), 1, true);
  const margins = tf.relu(tf.add(tf.sub(scores, correct), 1));
  // The correct class contributes max(0, 1) = 1 to every row; take it back out.
  return tf.sub(tf.mean(tf.sum(margins, 1)), 1) as tf.Scalar;
}

/** max(0, 1 - y s) with labels mapped from {0, 1} to {-1, +1}. */
function binaryHinge(scores: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  const signs = tf.sub(tf.mul(targets, 2), 1);
  return tf.mean(tf.relu(tf.sub(1, tf.mul(signs, scores))));
}

/**
 * How many rows have a predicted class equal to their label (threshold 0 on a single score): a
 * whole number, exact in float32 up to 2^24 rows. Sums of these are exact where sums of batch
 * means times batch sizes are not (0.902 · 500 ≠ 451 in float32).
 */
export function correctCount(scores: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.sum(correctMask(scores, labels));
}

function correctMask(scores: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.cast(tf.equal(predictedClasses(scores), labels), 'float32');
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

/** Predicted class per row. */
export function predictedClasses(scores: tf.Tensor2D): tf.Tensor1D {
  return scores.shape[1] === 1 ? tf.cast(tf.greater(tf.reshape(scores, [-1]), 0), 'int32') : tf.argMax(scores, 1);
}
