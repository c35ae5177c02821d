// The engine's contract with a layer kind: how it builds its variables and runs its forward pass, for
// a stack of R runs of one architecture. Every variable has a leading run axis ([R, in, out] for a
// dense kernel) and every activation too ([R, batch, ...]); a stack of one is a single network.
// Kept small on purpose (tfjs 4.22 is the last release): a kind's engine module is the one place
// that says which tfjs ops implement it, so a backend or a custom kernel can change beneath it.
import * as tf from '@tensorflow/tfjs';

export interface BuildContext<S> {
  /** The layer as each run of the stack declares it: same kind and shape; initializers or rates may differ. */
  layers: readonly S[];
  /** Each run's seed: initial weights and dropout masks come from streams named by it. */
  seeds: readonly number[];
  /** Position in ModelSpec.layers. */
  index: number;
  /** Position among the weighted layers: weight streams are named by it, so inserting dropout or batch norm moves no weight. */
  weightedRank: number;
  /** Nothing trainable comes before this layer: its input is the data, whose gradient nobody reads. */
  inputIsData: boolean;
  /** One run's input and output shapes (no batch or run axis). */
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
  /** The runs of the stack this pass computes, in the order of its run axis: all of them, or one (a run's view). */
  runs: readonly number[];
  /** How many runs the stack has. */
  stackSize: number;
}

export interface BuiltLayer {
  /** What the optimizer updates. */
  readonly trainable: readonly tf.Variable[];
  /** Everything the layer owns (trainable or not), for disposal. */
  readonly owned: readonly tf.Variable[];
  /** h: [runs, batch, ...], or [1, batch, ...] for one input every run sees (a test set, a probe). */
  forward(h: tf.Tensor, pass: ForwardPass): tf.Tensor;
}

/** A layer with a kernel and a bias: the network applies its normaliser and activation around affine(). */
export interface BuiltWeighted extends BuiltLayer {
  /** [R, ...kernel shape] and [R, units]. */
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
  /** x·W + b (or the convolution) for the pass's runs, with ReLU fused in when asked: fewer kernels per step. */
  affine(h: tf.Tensor, fused: 'linear' | 'relu', pass: ForwardPass): tf.Tensor;
}

export interface LayerEngine<S extends { type: string }> {
  readonly type: S['type'];
  build(ctx: BuildContext<S>): BuiltLayer | BuiltWeighted;
}

export function isWeighted(layer: BuiltLayer): layer is BuiltWeighted {
  return 'affine' in layer;
}

/** A stacked parameter's rows for the pass's runs: the variable itself when the pass computes them all. */
export function forRuns(v: tf.Tensor, pass: ForwardPass): tf.Tensor {
  if (pass.runs.length === pass.stackSize) return v;
  if (pass.runs.length === 1) return tf.slice(v, [pass.runs[0]], [1]);
  return tf.gather(v, tf.tensor1d(pass.runs as number[], 'int32'));
}

/** [R', B, ...rest] -> [R' * B, ...rest] and back: the kinds that treat every example alike (pooling) fold the runs into the batch. */
export function foldRuns(h: tf.Tensor): { folded: tf.Tensor; unfold: (t: tf.Tensor) => tf.Tensor } {
  const [runs, batch] = h.shape;
  return { folded: tf.reshape(h, [runs * batch, ...h.shape.slice(2)]), unfold: (t) => tf.reshape(t, [runs, batch, ...t.shape.slice(1)]) };
}

/** A stacked tensor's runs as a list (a reshape when there is one run: tfjs's unstack gradient fails on an axis of 1). */
export function splitRuns(t: tf.Tensor): tf.Tensor[] {
  return t.shape[0] === 1 ? [tf.reshape(t, t.shape.slice(1))] : tf.unstack(t);
}

/** The inverse of splitRuns: one tensor with the run axis first. */
export function joinRuns(list: tf.Tensor[]): tf.Tensor {
  return list.length === 1 ? tf.expandDims(list[0], 0) : tf.stack(list);
}
