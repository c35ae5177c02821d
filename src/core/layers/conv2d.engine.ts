import * as tf from '@tensorflow/tfjs';
import type { Conv2dSpec } from './conv2d';
import type { LayerEngine } from './engine';
import { createWeights, weightedLayer } from './weighted.engine';

export const conv2dEngine: LayerEngine<Conv2dSpec> = {
  type: 'conv2d',
  build(layer, ctx) {
    const area = layer.kernelSize * layer.kernelSize;
    const inChannels = ctx.inShape[ctx.inShape.length - 1];
    const shape = [layer.kernelSize, layer.kernelSize, inChannels, layer.filters];
    const { kernel, bias } = createWeights(layer, ctx, shape, { fanIn: area * inChannels, fanOut: area * layer.filters }, layer.filters);
    return weightedLayer(kernel, bias, (h, fused) =>
      tf.fused.conv2d({ x: h as tf.Tensor4D, filter: kernel as tf.Tensor4D, strides: layer.stride, pad: layer.padding, bias, activation: fused }),
    );
  },
};
