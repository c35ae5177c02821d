// Activation functions by name, on tensors (the engine's half of activations.ts).
import * as tf from '@tensorflow/tfjs';
import { defaultAlpha, type ActivationName } from './activations';

type Activate = (x: tf.Tensor, alpha: number) => tf.Tensor;

const ACTIVATE: Record<ActivationName, Activate> = {
  linear: (x) => x,
  relu: (x) => tf.relu(x),
  'leaky-relu': (x, alpha) => tf.leakyRelu(x, alpha),
  // tf.elu has alpha fixed at 1; other alphas scale its negative branch.
  elu: (x, alpha) => (alpha === 1 ? tf.elu(x) : tf.where(tf.greater(x, 0), x, tf.mul(alpha, tf.elu(x)))),
  tanh: (x) => tf.tanh(x),
  sigmoid: (x) => tf.sigmoid(x),
  softmax: (x) => tf.softmax(x),
};

export function activate(name: ActivationName, x: tf.Tensor, alpha?: number): tf.Tensor {
  return ACTIVATE[name](x, alpha ?? defaultAlpha(name) ?? 0);
}

/** Activations that tfjs can fuse into matMul/conv2d and still differentiate. */
export function fusable(name: ActivationName): name is 'linear' | 'relu' {
  return name === 'linear' || name === 'relu';
}
