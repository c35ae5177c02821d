// Kernels and biases from the layer's initializers, drawn on the host from the run's seeded streams.
import { sizeOf } from './shapes';
import * as tf from '@tensorflow/tfjs';
import { initialValues, type Fans } from '../initializers';
import { rngFor } from '../rng';
import type { BuildContext, BuiltWeighted } from './engine';
import type { WeightedLayerFields } from './weighted';

export function createWeights(layer: WeightedLayerFields, ctx: BuildContext, kernelShape: number[], fans: Fans, units: number) {
  const size = sizeOf(kernelShape);
  const kernelValues = initialValues(layer.kernelInit, size, fans, rngFor(ctx.seed, 'weights', ctx.weightedRank, 'kernel'));
  const biasValues = initialValues(layer.biasInit, units, fans, rngFor(ctx.seed, 'weights', ctx.weightedRank, 'bias'));
  const kernel = variableFrom(() => tf.tensor(kernelValues, kernelShape), true, ctx.name('kernel'));
  try {
    return { kernel, bias: variableFrom(() => tf.tensor1d(biasValues), true, ctx.name('bias')) };
  } catch (err) {
    kernel.dispose();
    throw err;
  }
}

/** tf.variable copies its initial tensor's data reference; the tidy frees the initial tensor itself. */
export function variableFrom(initial: () => tf.Tensor, trainable: boolean, name: string): tf.Variable {
  return tf.tidy(() => tf.variable(initial(), trainable, name));
}

/** A weighted layer's BuiltWeighted around its affine map; forward() applies affine alone (the network adds the rest). */
export function weightedLayer(kernel: tf.Variable, bias: tf.Variable, affine: BuiltWeighted['affine']): BuiltWeighted {
  return { kernel, bias, trainable: [kernel, bias], owned: [kernel, bias], affine, forward: (h) => affine(h, 'linear') };
}
