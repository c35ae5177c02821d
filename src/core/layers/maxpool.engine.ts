import * as tf from '@tensorflow/tfjs';
import type { LayerEngine } from './engine';
import type { MaxPoolSpec } from './maxpool';

export const maxpoolEngine: LayerEngine<MaxPoolSpec> = {
  type: 'maxpool',
  build: (layer) => ({ trainable: [], owned: [], forward: (h) => tf.maxPool(h as tf.Tensor4D, layer.poolSize, layer.stride, 'valid') }),
};
