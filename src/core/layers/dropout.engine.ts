import * as tf from '@tensorflow/tfjs';
import { seedFor } from '../rng';
import type { DropoutSpec } from './dropout';
import type { LayerEngine } from './engine';

export const dropoutEngine: LayerEngine<DropoutSpec> = {
  type: 'dropout',
  build: (layer, ctx) => ({
    trainable: [],
    owned: [],
    // tf.dropout is inverted dropout: kept units are scaled by 1 / (1 - rate); the identity at inference.
    forward: (h, pass) => (pass.training && layer.rate > 0 ? tf.dropout(h, layer.rate, undefined, seedFor(ctx.seed, 'dropout', ctx.index, pass.step)) : h),
  }),
};
