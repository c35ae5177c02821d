// The engine's contract with a layer kind: how it builds its variables and runs its forward pass.
// Kept small on purpose (tfjs 4.22 is the last release): a kind's engine module is the one place
// that says which tfjs ops implement it, so a backend or a custom kernel can change beneath it.
import type * as tf from '@tensorflow/tfjs';

export interface BuildContext {
  /** The run's seed: initial weights and dropout masks come from streams named by it. */
  seed: number;
  /** Position in ModelSpec.layers. */
  index: number;
  /** Position among the weighted layers: weight streams are named by it, so inserting dropout or batch norm moves no weight. */
  weightedRank: number;
  inShape: readonly number[];
  outShape: readonly number[];
  /** A unique variable name for one of this layer's variables. */
  name(what: string): string;
}

export interface ForwardPass {
  training: boolean;
  /** Varies the dropout masks from step to step; same step and run seed, same masks. */
  step: number;
  /** Moving-average updates to apply after a training forward pass (batch norm's inference statistics). */
  afterStep: (() => void)[];
}

export interface BuiltLayer {
  /** What the optimizer updates. */
  readonly trainable: readonly tf.Variable[];
  /** Everything the layer owns (trainable or not), for disposal. */
  readonly owned: readonly tf.Variable[];
  forward(h: tf.Tensor, pass: ForwardPass): tf.Tensor;
}

/** A layer with a kernel and a bias: the network applies its normaliser and activation around affine(). */
export interface BuiltWeighted extends BuiltLayer {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
  /** x·W + b (or the convolution), with ReLU fused in when asked: fewer kernels per step. */
  affine(h: tf.Tensor, fused: 'linear' | 'relu'): tf.Tensor;
}

export interface LayerEngine<S extends { type: string }> {
  readonly type: S['type'];
  build(layer: S, ctx: BuildContext): BuiltLayer | BuiltWeighted;
}

export function isWeighted(layer: BuiltLayer): layer is BuiltWeighted {
  return 'affine' in layer;
}
