// Optimizer specs to tfjs optimizers. The update rules, as tfjs implements them (the tests check
// the first steps against these by hand):
//   sgd       w -= lr g
//   momentum  v = m v + g;  w -= lr v             (terminal step lr/(1-m) g)
//   nesterov  v = m v + g;  w -= lr (g + m v)
//   adagrad   a += g^2;     w -= lr g / sqrt(a + 1e-7)          (a starts at initialAccumulator)
//   rmsprop   s = d s + (1-d) g^2;  u = mu u + lr g / sqrt(s + eps);  w -= u
//   adam      m, v moving averages of g, g^2 with bias correction; w -= lr m^ / (sqrt(v^) + eps)
import * as tf from '@tensorflow/tfjs';
import type { OptimizerSpec } from './experiment-types';

export function createOptimizer(spec: OptimizerSpec): tf.Optimizer {
  switch (spec.name) {
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'momentum':
      return tf.train.momentum(spec.learningRate, spec.momentum, false);
    case 'nesterov':
      return tf.train.momentum(spec.learningRate, spec.momentum, true);
    case 'adagrad':
      return tf.train.adagrad(spec.learningRate, spec.initialAccumulator);
    case 'rmsprop':
      return tf.train.rmsprop(spec.learningRate, spec.decay, spec.momentum, spec.epsilon);
    case 'adam':
      return tf.train.adam(spec.learningRate, spec.beta1, spec.beta2, spec.epsilon);
  }
}

/** Frees an optimizer's state (slots and scalars). */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  // tfjs 4.22: MomentumOptimizer.dispose() does not call super.dispose(), so the learning-rate
  // scalar that SGDOptimizer keeps stays allocated. Free it here.
  if (optimizer instanceof tf.MomentumOptimizer) {
    (optimizer as unknown as { c?: tf.Tensor }).c?.dispose();
  }
}

/**
 * Scales every gradient by min(1, maxNorm / ||g||), where ||g|| is the norm of all gradients
 * together. Stays on the device: no readback.
 */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  const names = Object.keys(grads);
  const sumSquares = tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))));
  const norm = tf.sqrt(sumSquares);
  const scale = tf.minimum(1, tf.div(maxNorm, tf.maximum(norm, 1e-12)));
  const clipped: tf.NamedTensorMap = {};
  for (const n of names) clipped[n] = tf.mul(grads[n], scale);
  return clipped;
}
