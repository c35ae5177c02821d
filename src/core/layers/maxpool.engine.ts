import * as tf from '@tensorflow/tfjs';
import { foldRuns, type LayerEngine } from './engine';
import type { MaxPoolSpec } from './maxpool';

export const maxpoolEngine: LayerEngine<MaxPoolSpec> = {
  type: 'maxpool',
  build: ({ layers: [layer] }) => ({
    trainable: [],
    owned: [],
    // Every example is pooled alike: the runs fold into the batch, one kernel for the stack.
    forward(h) {
      const { folded, unfold } = foldRuns(h);
      return unfold(tf.maxPool(folded as tf.Tensor4D, layer.poolSize, layer.stride, 'valid'));
    },
  }),
};
