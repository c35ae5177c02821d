import * as tf from '@tensorflow/tfjs';
import type { LayerEngine } from './engine';
import type { FlattenSpec } from './flatten';

export const flattenEngine: LayerEngine<FlattenSpec> = {
  type: 'flatten',
  build: () => ({ trainable: [], owned: [], forward: (h) => tf.reshape(h, [h.shape[0], h.shape[1]!, -1]) }),
};
