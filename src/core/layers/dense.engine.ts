import * as tf from '@tensorflow/tfjs';
import type { DenseSpec } from './dense';
import type { LayerEngine } from './engine';
import { sizeOf } from './shapes';
import { createWeights, weightedLayer } from './weighted.engine';

export const denseEngine: LayerEngine<DenseSpec> = {
  type: 'dense',
  build(layer, ctx) {
    const inFeatures = sizeOf(ctx.inShape);
    const { kernel, bias } = createWeights(layer, ctx, [inFeatures, layer.units], { fanIn: inFeatures, fanOut: layer.units }, layer.units);
    return weightedLayer(kernel, bias, (h, fused) => {
      const flat = h.rank > 2 ? tf.reshape(h, [h.shape[0], -1]) : h;
      return tf.fused.matMul({ a: flat as tf.Tensor2D, b: kernel as tf.Tensor2D, bias, activation: fused });
    });
  },
};
