// A network built from layer specs as plain tfjs variables and ops. Owning the forward pass (rather
// than going through tf.layers) keeps a training step to few kernels, lets the trainer see every
// layer's activations for diagnostics, and makes every random draw (weights, dropout) seeded.
import * as tf from '@tensorflow/tfjs';
import { activate, fusable } from './activations';
import { initialValues } from './initializers';
import type { BatchNormSpec, Conv2dSpec, DenseSpec, LayerSpec, ModelSpec } from './layers';
import { rngFor, seedFor } from './rng';
import { summarize } from './summary';

export interface BatchNormVars {
  spec: BatchNormSpec;
  gamma: tf.Variable;
  beta: tf.Variable;
  movingMean: tf.Variable;
  movingVariance: tf.Variable;
}

export interface WeightedLayer {
  /** Position in ModelSpec.layers. */
  layerIndex: number;
  spec: DenseSpec | Conv2dSpec;
  label: string;
  kernel: tf.Variable;
  bias: tf.Variable;
  /** A batch-norm layer right after this one normalises its pre-activations (Ioffe & Szegedy). */
  batchNorm?: BatchNormVars;
}

export interface ForwardOptions {
  training: boolean;
  /** Varies the dropout masks from step to step; same step and run seed, same masks. */
  step?: number;
}

export interface ForwardResult {
  /** The last layer's pre-activation values [batch, units]: what the losses score. */
  scores: tf.Tensor2D;
  /** The last layer's activation applied to the scores. */
  outputs: tf.Tensor2D;
  /** Each weighted layer's output after its activation, in order. */
  activations: tf.Tensor[];
  /** Batch statistics of each batch-norm layer, for the moving averages (training only). */
  batchStats: { vars: BatchNormVars; mean: tf.Tensor; variance: tf.Tensor }[];
}

let networkCount = 0;

export class Network {
  readonly weighted: WeightedLayer[] = [];
  private readonly standaloneNorms = new Map<number, BatchNormVars>();
  private readonly id = `net${++networkCount}`;

  constructor(
    readonly spec: ModelSpec,
    private readonly seed: number,
  ) {
    const rows = summarize(spec).layers; // row 0 is the input, row i + 1 is layer i
    let weightedIndex = 0;
    spec.layers.forEach((layer, i) => {
      const inShape = rows[i].outputShape;
      const label = rows[i + 1].notation;
      if (layer.type === 'dense' || layer.type === 'conv2d') {
        this.weighted.push(this.createWeighted(layer, i, inShape, weightedIndex++, label));
      } else if (layer.type === 'batchnorm') {
        const channels = inShape[inShape.length - 1];
        const bn = this.createBatchNorm(layer, i, channels);
        const previous = spec.layers[i - 1];
        if (previous && (previous.type === 'dense' || previous.type === 'conv2d')) {
          this.weighted[this.weighted.length - 1].batchNorm = bn;
        } else {
          this.standaloneNorms.set(i, bn);
        }
      }
    });
  }

  /** Every variable the optimizer updates. */
  trainableVariables(): tf.Variable[] {
    const vars: tf.Variable[] = [];
    for (const w of this.weighted) {
      vars.push(w.kernel, w.bias);
      if (w.batchNorm) vars.push(w.batchNorm.gamma, w.batchNorm.beta);
    }
    for (const bn of this.standaloneNorms.values()) vars.push(bn.gamma, bn.beta);
    return vars;
  }

  /** Kernels only: what L2 decay pulls towards zero. */
  kernels(): tf.Variable[] {
    return this.weighted.map((w) => w.kernel);
  }

  forward(x: tf.Tensor, options: ForwardOptions): ForwardResult {
    const activations: tf.Tensor[] = [];
    const batchStats: ForwardResult['batchStats'] = [];
    let h = x;
    let scores: tf.Tensor | null = null;
    let weightedIndex = 0;
    this.spec.layers.forEach((layer, i) => {
      switch (layer.type) {
        case 'dense':
        case 'conv2d': {
          const w = this.weighted[weightedIndex++];
          const isLast = i === this.spec.layers.length - 1;
          const pre = this.affine(w, h, isLast || !!w.batchNorm);
          const normalised = w.batchNorm ? this.normalise(w.batchNorm, pre, options.training, batchStats) : pre;
          if (isLast) scores = normalised;
          const fused = fusable(layer.activation) && !w.batchNorm && !isLast;
          h = fused ? normalised : activate(layer.activation, normalised, layer.alpha);
          activations.push(h);
          break;
        }
        case 'batchnorm': {
          const bn = this.standaloneNorms.get(i);
          if (bn) h = this.normalise(bn, h, options.training, batchStats);
          break; // otherwise it was applied inside the previous weighted layer
        }
        case 'maxpool':
          h = tf.maxPool(h as tf.Tensor4D, layer.poolSize, layer.stride, 'valid');
          break;
        case 'flatten':
          h = tf.reshape(h, [h.shape[0], -1]);
          break;
        case 'dropout':
          if (options.training && layer.rate > 0) {
            // tf.dropout is inverted dropout: kept units are scaled by 1 / (1 - rate).
            h = tf.dropout(h, layer.rate, undefined, seedFor(this.seed, 'dropout', i, options.step ?? 0));
          }
          break;
      }
    });
    if (!scores) throw new Error('the model must end with a dense layer');
    return { scores: scores as tf.Tensor2D, outputs: h as tf.Tensor2D, activations, batchStats };
  }

  /** x W + b, fused with ReLU when that is the layer's activation and nothing sits in between. */
  private affine(w: WeightedLayer, h: tf.Tensor, keepLinear: boolean): tf.Tensor {
    const act = !keepLinear && fusable(w.spec.activation) ? w.spec.activation : 'linear';
    if (w.spec.type === 'dense') {
      const flat = h.rank > 2 ? tf.reshape(h, [h.shape[0], -1]) : h;
      return tf.fused.matMul({ a: flat as tf.Tensor2D, b: w.kernel as tf.Tensor2D, bias: w.bias, activation: act });
    }
    return tf.fused.conv2d({
      x: h as tf.Tensor4D,
      filter: w.kernel as tf.Tensor4D,
      strides: w.spec.stride,
      pad: w.spec.padding,
      bias: w.bias,
      activation: act,
    });
  }

  private normalise(bn: BatchNormVars, h: tf.Tensor, training: boolean, stats: ForwardResult['batchStats']): tf.Tensor {
    if (!training) {
      return tf.batchNorm(h, bn.movingMean, bn.movingVariance, bn.beta, bn.gamma, bn.spec.epsilon);
    }
    const axes = h.shape.slice(0, -1).map((_, k) => k);
    const { mean, variance } = tf.moments(h, axes);
    stats.push({ vars: bn, mean, variance });
    return tf.batchNorm(h, mean, variance, bn.beta, bn.gamma, bn.spec.epsilon);
  }

  private createWeighted(layer: DenseSpec | Conv2dSpec, layerIndex: number, inShape: number[], k: number, label: string): WeightedLayer {
    let kernelShape: number[];
    let fans: { fanIn: number; fanOut: number };
    let units: number;
    if (layer.type === 'dense') {
      const inFeatures = inShape.reduce((a, b) => a * b, 1);
      kernelShape = [inFeatures, layer.units];
      fans = { fanIn: inFeatures, fanOut: layer.units };
      units = layer.units;
    } else {
      const area = layer.kernelSize * layer.kernelSize;
      const inChannels = inShape[inShape.length - 1];
      kernelShape = [layer.kernelSize, layer.kernelSize, inChannels, layer.filters];
      fans = { fanIn: area * inChannels, fanOut: area * layer.filters };
      units = layer.filters;
    }
    // Streams are named by the weighted layer's rank, not its position, so inserting dropout or
    // batch norm between layers leaves every weight where it was.
    const size = kernelShape.reduce((a, b) => a * b, 1);
    const kernelValues = initialValues(layer.kernelInit, size, fans, rngFor(this.seed, 'weights', k, 'kernel'));
    const biasValues = initialValues(layer.biasInit, units, fans, rngFor(this.seed, 'weights', k, 'bias'));
    return {
      layerIndex,
      spec: layer,
      label,
      kernel: variableFrom(() => tf.tensor(kernelValues, kernelShape), true, `${this.id}/${layerIndex}/kernel`),
      bias: variableFrom(() => tf.tensor1d(biasValues), true, `${this.id}/${layerIndex}/bias`),
    };
  }

  private createBatchNorm(spec: BatchNormSpec, layerIndex: number, channels: number): BatchNormVars {
    const v = (name: string, value: number, trainable: boolean) =>
      variableFrom(() => tf.fill([channels], value), trainable, `${this.id}/${layerIndex}/${name}`);
    return {
      spec,
      gamma: v('gamma', 1, true),
      beta: v('beta', 0, true),
      movingMean: v('moving_mean', 0, false),
      movingVariance: v('moving_variance', 1, false),
    };
  }

  /** Moves the inference statistics towards this batch's: m <- momentum m + (1 - momentum) batch. */
  updateMovingStats(stats: ForwardResult['batchStats']): void {
    for (const { vars, mean, variance } of stats) {
      const m = vars.spec.momentum;
      vars.movingMean.assign(tf.add(tf.mul(vars.movingMean, m), tf.mul(mean, 1 - m)));
      vars.movingVariance.assign(tf.add(tf.mul(vars.movingVariance, m), tf.mul(variance, 1 - m)));
    }
  }

  dispose(): void {
    for (const w of this.weighted) {
      w.kernel.dispose();
      w.bias.dispose();
    }
    const norms = [...this.standaloneNorms.values(), ...this.weighted.flatMap((w) => (w.batchNorm ? [w.batchNorm] : []))];
    for (const bn of norms) {
      for (const v of [bn.gamma, bn.beta, bn.movingMean, bn.movingVariance]) v.dispose();
    }
  }
}

/** tf.variable copies its initial tensor's data reference; the tidy frees the initial tensor itself. */
function variableFrom(initial: () => tf.Tensor, trainable: boolean, name: string): tf.Variable {
  return tf.tidy(() => tf.variable(initial(), trainable, name));
}
