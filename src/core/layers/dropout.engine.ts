import * as tf from '@tensorflow/tfjs';
import { seedFor } from '../rng';
import type { DropoutSpec } from './dropout';
import { joinRuns, type LayerEngine } from './engine';

export const dropoutEngine: LayerEngine<DropoutSpec> = {
  type: 'dropout',
  build: (ctx) => ({
    trainable: [],
    owned: [],
    // Inverted dropout: kept units are scaled by 1/(1 − rate); the identity at inference. Each run
    // draws its own mask from its own seed, so a run's masks are the same stacked or alone.
    forward(h, pass) {
      if (!pass.training || ctx.layers.every((l) => l.rate === 0)) return h;
      const one = h.shape.slice(1);
      const masks = pass.runs.map((r) => {
        const keep = 1 - ctx.layers[r].rate;
        const noise = tf.randomUniform(one, 0, 1, 'float32', seedFor(ctx.seeds[r], 'dropout', ctx.index, pass.step));
        return tf.div(tf.floor(tf.add(noise, keep)), keep);
      });
      return tf.mul(h, joinRuns(masks));
    },
  }),
};
