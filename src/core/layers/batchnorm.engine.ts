import * as tf from '@tensorflow/tfjs';
import type { BatchNormSpec } from './batchnorm';
import type { LayerEngine } from './engine';
import { variableFrom } from './weighted.engine';

export const batchnormEngine: LayerEngine<BatchNormSpec> = {
  type: 'batchnorm',
  build(layer, ctx) {
    const channels = ctx.inShape[ctx.inShape.length - 1];
    const owned: tf.Variable[] = [];
    const v = (name: string, value: number, trainable: boolean) => {
      const variable = variableFrom(() => tf.fill([channels], value), trainable, ctx.name(name));
      owned.push(variable);
      return variable;
    };
    try {
      const gamma = v('gamma', 1, true);
      const beta = v('beta', 0, true);
      const movingMean = v('moving_mean', 0, false);
      const movingVariance = v('moving_variance', 1, false);
      const m = layer.momentum;
      return {
        trainable: [gamma, beta],
        owned,
        forward(h, pass) {
          if (!pass.training) return tf.batchNorm(h, movingMean, movingVariance, beta, gamma, layer.epsilon);
          const axes = h.shape.slice(0, -1).map((_, k) => k);
          const { mean, variance } = tf.moments(h, axes);
          // Moves the inference statistics towards this batch's: m <- momentum m + (1 - momentum) batch.
          pass.afterStep.push(() => {
            movingMean.assign(tf.add(tf.mul(movingMean, m), tf.mul(mean, 1 - m)));
            movingVariance.assign(tf.add(tf.mul(movingVariance, m), tf.mul(variance, 1 - m)));
          });
          return tf.batchNorm(h, mean, variance, beta, gamma, layer.epsilon);
        },
      };
    } catch (err) {
      owned.forEach((variable) => variable.dispose());
      throw err;
    }
  },
};
