import * as tf from '@tensorflow/tfjs';
import type { AvgPoolSpec } from './avgpool';
import type { LayerEngine } from './engine';

export const avgpoolEngine: LayerEngine<AvgPoolSpec> = {
  type: 'avgpool',
  build: (layer) => ({ trainable: [], owned: [], forward: (h) => tf.avgPool(h as tf.Tensor4D, layer.poolSize, layer.stride, 'valid') }),
};
