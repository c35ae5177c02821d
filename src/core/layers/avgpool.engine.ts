import * as tf from '@tensorflow/tfjs';
import type { AvgPoolSpec } from './avgpool';
import { foldRuns, type LayerEngine } from './engine';

export const avgpoolEngine: LayerEngine<AvgPoolSpec> = {
  type: 'avgpool',
  build: ({ layers: [layer] }) => ({
    trainable: [],
    owned: [],
    // Every example is pooled alike: the runs fold into the batch, one kernel for the stack.
    forward(h) {
      const { folded, unfold } = foldRuns(h);
      return unfold(tf.avgPool(folded as tf.Tensor4D, layer.poolSize, layer.stride, 'valid'));
    },
  }),
};
