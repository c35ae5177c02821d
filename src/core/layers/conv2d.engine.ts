// CONV for a stack of runs: one convolution per run. tfjs has no grouped convolution; of the other
// exact formulations measured (one conv with concatenated filters when runs share batches, folding
// runs into channels with a depthwise conv, im2col by gather), none has gradient kernels on wasm
// (DepthwiseConv2dNativeBackprop*, UnsortedSegmentSum are missing), so runs convolve one by one.
import * as tf from '@tensorflow/tfjs';
import type { Conv2dSpec } from './conv2d';
import { forRuns, joinRuns, splitRuns, type LayerEngine } from './engine';
import { createWeights, inputOf, rankOneBias, weightedLayer } from './weighted.engine';

export const conv2dEngine: LayerEngine<Conv2dSpec> = {
  type: 'conv2d',
  build(ctx) {
    const layer = ctx.layers[0];
    const area = layer.kernelSize * layer.kernelSize;
    const inChannels = ctx.inShape[ctx.inShape.length - 1];
    const shape = [layer.kernelSize, layer.kernelSize, inChannels, layer.filters];
    const { kernel, bias } = createWeights(ctx, shape, { fanIn: area * inChannels, fanOut: area * layer.filters }, layer.filters);
    return weightedLayer(kernel, bias, (h, fused, pass) => {
      const inputs = splitRuns(h);
      const kernels = splitRuns(forRuns(kernel, pass));
      const biases = splitRuns(forRuns(bias, pass));
      return joinRuns(
        kernels.map((k, r) =>
          tf.fused.conv2d({ x: inputOf(inputs, r) as tf.Tensor4D, filter: k as tf.Tensor4D, strides: layer.stride, pad: layer.padding, bias: rankOneBias(biases[r]), activation: fused }),
        ),
      );
    });
  },
};
