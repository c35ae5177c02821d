// BN for a stack of runs: each run normalises over its own batch (and space), with its own gamma,
// beta, moving statistics, momentum and epsilon ([R, C] each).
import * as tf from '@tensorflow/tfjs';
import type { BatchNormSpec } from './batchnorm';
import { forRuns, type ForwardPass, type LayerEngine } from './engine';
import { variableFrom } from './weighted.engine';

export const batchnormEngine: LayerEngine<BatchNormSpec> = {
  type: 'batchnorm',
  build(ctx) {
    const runs = ctx.layers.length;
    const channels = ctx.inShape[ctx.inShape.length - 1];
    const owned: tf.Variable[] = [];
    const v = (name: string, value: number, trainable: boolean) => {
      const variable = variableFrom(() => tf.fill([runs, channels], value), trainable, ctx.name(name));
      owned.push(variable);
      return variable;
    };
    try {
      const gamma = v('gamma', 1, true);
      const beta = v('beta', 0, true);
      const movingMean = v('moving_mean', 0, false);
      const movingVariance = v('moving_variance', 1, false);
      // Per-run settings, owned like the statistics so that they are freed with them.
      const perRun = (name: string, values: number[]) => {
        const variable = variableFrom(() => tf.tensor2d(values, [runs, 1]), false, ctx.name(name));
        owned.push(variable);
        return variable;
      };
      const momentum = perRun('momentum', ctx.layers.map((l) => l.momentum));
      // 1 − m in double precision before float32, as the host would write it.
      const complement = perRun('one_minus_momentum', ctx.layers.map((l) => 1 - l.momentum));
      const epsilon = perRun('epsilon', ctx.layers.map((l) => l.epsilon));
      /** [R', C] -> [R', 1, ..., 1, C], to broadcast over h [R', B, ..., C]. */
      const shaped = (t: tf.Tensor, h: tf.Tensor, pass: ForwardPass) => tf.reshape(forRuns(t, pass), [pass.runs.length, ...new Array(h.rank - 2).fill(1), t.shape[1]!]);
      return {
        trainable: [gamma, beta],
        owned,
        forward(h, pass) {
          const eps = shaped(epsilon, h, pass);
          const scaleShift = (mean: tf.Tensor, variance: tf.Tensor) =>
            tf.add(tf.mul(tf.mul(tf.sub(h, mean), tf.rsqrt(tf.add(variance, eps))), shaped(gamma, h, pass)), shaped(beta, h, pass));
          if (!pass.training) return scaleShift(shaped(movingMean, h, pass), shaped(movingVariance, h, pass));
          const axes = h.shape.slice(1, -1).map((_, k) => k + 1);
          const { mean, variance } = tf.moments(h, axes, true);
          // Moves the inference statistics towards this batch's: m <- momentum m + (1 - momentum) batch.
          pass.afterStep.push(() => {
            const flat = (t: tf.Tensor) => tf.reshape(t, [runs, channels]);
            movingMean.assign(tf.add(tf.mul(movingMean, momentum), tf.mul(flat(mean), complement)));
            movingVariance.assign(tf.add(tf.mul(movingVariance, momentum), tf.mul(flat(variance), complement)));
          });
          return scaleShift(mean, variance);
        },
      };
    } catch (err) {
      owned.forEach((variable) => variable.dispose());
      throw err;
    }
  },
};
