// Activation functions by name, so that the document stays data.
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_ALPHA, type ActivationName } from './layers';

type Activate = (x: tf.Tensor, alpha: number | undefined) => tf.Tensor;

const ACTIVATE: Record<ActivationName, Activate> = {
  linear: (x) => x,
  relu: (x) => tf.relu(x),
  'leaky-relu': (x, alpha) => tf.leakyRelu(x, alpha ?? DEFAULT_ALPHA['leaky-relu']),
  elu: (x, alpha) => {
    const a = alpha ?? DEFAULT_ALPHA.elu;
    // tf.elu has alpha fixed at 1; other alphas scale its negative branch.
    return a === 1 ? tf.elu(x) : tf.where(tf.greater(x, 0), x, tf.mul(a, tf.elu(x)));
  },
  tanh: (x) => tf.tanh(x),
  sigmoid: (x) => tf.sigmoid(x),
  softmax: (x) => tf.softmax(x),
};

export function activate(name: ActivationName, x: tf.Tensor, alpha?: number): tf.Tensor {
  return ACTIVATE[name](x, alpha);
}

/** Activations that tfjs can fuse into matMul/conv2d and still differentiate. */
export function fusable(name: ActivationName): name is 'linear' | 'relu' {
  return name === 'linear' || name === 'relu';
}
