// Kernels and biases of a stack of runs, each run's drawn on the host from its own seeded stream with
// its own initializer (so every backend, stacked or not, starts from the same numbers).
import * as tf from '@tensorflow/tfjs';
import { initialValues, type Fans } from '../initializers';
import { rngFor } from '../rng';
import type { BuildContext, BuiltWeighted } from './engine';
import { sizeOf } from './shapes';
import type { WeightedLayerFields } from './weighted';

/** [R, ...kernelShape] and [R, units] variables. */
export function createWeights(ctx: BuildContext<WeightedLayerFields>, kernelShape: number[], fans: Fans, units: number) {
  const runs = ctx.layers.length;
  const size = sizeOf(kernelShape);
  const kernelValues = new Float32Array(runs * size);
  const biasValues = new Float32Array(runs * units);
  ctx.layers.forEach((layer, r) => {
    kernelValues.set(initialValues(layer.kernelInit, size, fans, rngFor(ctx.seeds[r], 'weights', ctx.weightedRank, 'kernel')), r * size);
    biasValues.set(initialValues(layer.biasInit, units, fans, rngFor(ctx.seeds[r], 'weights', ctx.weightedRank, 'bias')), r * units);
  });
  const kernel = variableFrom(() => tf.tensor(kernelValues, [runs, ...kernelShape]), true, ctx.name('kernel'));
  try {
    return { kernel, bias: variableFrom(() => tf.tensor2d(biasValues, [runs, units]), true, ctx.name('bias')) };
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
  return { kernel, bias, trainable: [kernel, bias], owned: [kernel, bias], affine, forward: (h, pass) => affine(h, 'linear', pass) };
}

/** Run r's rows of a stacked input, or the one shared input every run sees ([1, ...]). */
export function inputOf(inputs: tf.Tensor[], r: number): tf.Tensor {
  return inputs.length === 1 ? inputs[0] : inputs[r];
}

/**
 * A bias as a rank-1 tensor that wasm's fused matMul and conv accept: it checks the rank recorded for the
 * tensor's data, and a reshape shares the data of the [1, units] original. There a copy is made (one
 * tiny kernel); elsewhere the reshape is enough.
 */
export function rankOneBias(b: tf.Tensor): tf.Tensor1D {
  const flat = tf.reshape(b, [-1]) as tf.Tensor1D;
  // The tensor's own rank says nothing: a reshape to rank 1 keeps the data's rank-2 record.
  return tf.getBackend() === 'wasm' ? tf.add(flat, 0) : flat;
}

