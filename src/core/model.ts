// A stack of networks of one architecture, built from layer specs as plain tfjs variables and ops,
// each layer by its kind's engine (layers/*.engine.ts). Every variable and activation has a leading
// run axis, so R runs share one set of kernels; a stack of one is a single network. Owning the
// forward pass (rather than going through tf.layers) keeps a step to few kernels, lets the trainer see
// every layer's activations for diagnostics, and makes every random draw (weights, dropout) seeded.
import * as tf from '@tensorflow/tfjs';
import { hasWeights, kindOf, places, type ModelSpec, type WeightedSpec } from './layers';
import { activate, fusable } from './layers/activation-ops';
import { isWeighted, type BuiltLayer, type BuiltWeighted, type ForwardPass } from './layers/engine';
import { engineOf } from './layers/engines';
import { summarize } from './summary';

export interface WeightedLayer {
  /** Position in ModelSpec.layers. */
  layerIndex: number;
  /** Each run's spec of the layer (they differ at most in per-run fields such as initializers). */
  specs: WeightedSpec[];
  /** Each run's label of the layer, in course notation. */
  labels: string[];
  /** [R, ...] and [R, units]. */
  kernel: tf.Variable;
  bias: tf.Variable;
}

export interface ForwardOptions {
  training: boolean;
  /** Varies the dropout masks from step to step; same step and run seed, same masks. */
  step?: number;
  /** The runs to compute (default: all), in the order of the result's run axis. */
  runs?: readonly number[];
}

export interface ForwardResult {
  /** The last layer's pre-activation values [runs, batch, units]: what the losses score. */
  scores: tf.Tensor;
  /** The last layer's activation applied to the scores. */
  outputs: tf.Tensor;
  /** Each weighted layer's output after its activation, in order, [runs, batch, ...]. */
  activations: tf.Tensor[];
  /** Updates of the inference statistics this training pass asks for (batch norm); see applyMovingStats. */
  afterStep: (() => void)[];
}

interface Slot {
  built: BuiltLayer;
  weighted: WeightedSpec | null;
  /** A batch norm right after a weighted layer normalises its pre-activations and is applied there. */
  normaliser?: BuiltLayer;
  /** Applied by the weighted layer before it (see normaliser). */
  absorbed: boolean;
  isOutput: boolean;
}

let networkCount = 0;

export class Network {
  readonly weighted: WeightedLayer[] = [];
  readonly runs: number;
  private readonly slots: Slot[] = [];
  private readonly id = `net${++networkCount}`;
  private readonly all: number[];

  /** One spec and one seed per run; the specs share their architecture (see stackKey in stacks.ts). */
  constructor(
    readonly specs: readonly ModelSpec[],
    private readonly seeds: readonly number[],
  ) {
    this.runs = specs.length;
    this.all = specs.map((_, r) => r);
    try {
      this.build();
    } catch (err) {
      // Whatever was built before the failure (out of memory, say) is freed, not leaked.
      this.dispose();
      throw err;
    }
  }

  /** The architecture the runs share (run 0's spec). */
  get spec(): ModelSpec {
    return this.specs[0];
  }

  private build(): void {
    const summaries = this.specs.map((s) => summarize(s).layers); // row 0 is the input, row i + 1 is layer i
    const rows = summaries[0];
    const where = places(this.spec.layers);
    let weightedRank = 0;
    let trainableBefore = false;
    this.spec.layers.forEach((layer, i) => {
      const previous = this.slots[i - 1];
      const absorbed = kindOf(layer.type).normalizesPreActivation === true && previous !== undefined && previous.weighted !== null;
      const built = engineOf(layer.type).build({
        layers: this.specs.map((s) => s.layers[i]),
        seeds: this.seeds,
        index: i,
        weightedRank: hasWeights(layer) ? weightedRank++ : weightedRank,
        inputIsData: !trainableBefore,
        inShape: rows[i].outputShape,
        outShape: rows[i + 1].outputShape,
        name: (what) => `${this.id}/${i}/${what}`,
      });
      this.slots.push({ built, weighted: hasWeights(layer) ? layer : null, absorbed, isOutput: where[i].isOutput });
      trainableBefore ||= built.trainable.length > 0;
      if (absorbed) previous.normaliser = built;
      if (hasWeights(layer) && isWeighted(built)) {
        this.weighted.push({
          layerIndex: i,
          specs: this.specs.map((s) => s.layers[i] as WeightedSpec),
          labels: summaries.map((s) => s[i + 1].notation),
          kernel: built.kernel,
          bias: built.bias,
        });
      }
    });
  }

  /** Every variable the optimizer updates, [R, ...] each. */
  trainableVariables(): tf.Variable[] {
    return this.slots.flatMap((slot) => [...slot.built.trainable]);
  }

  /** Every variable the network owns, trained or not (batch norm's statistics): what a snapshot copies. */
  variables(): tf.Variable[] {
    return this.slots.flatMap((slot) => [...slot.built.owned]);
  }

  /** Kernels only: what L2 decay pulls towards zero. */
  kernels(): tf.Variable[] {
    return this.weighted.map((w) => w.kernel);
  }

  /** x: [runs, batch, ...input] (each run its own examples) or [1, batch, ...input] (the same for all). */
  forward(x: tf.Tensor, options: ForwardOptions): ForwardResult {
    const pass: ForwardPass = { training: options.training, step: options.step ?? 0, afterStep: [], runs: options.runs ?? this.all, stackSize: this.runs };
    const activations: tf.Tensor[] = [];
    let h = x;
    let scores: tf.Tensor | null = null;
    for (const slot of this.slots) {
      if (slot.absorbed) continue;
      if (!slot.weighted || !isWeighted(slot.built)) {
        h = slot.built.forward(h, pass);
        continue;
      }
      const { activation, alpha } = slot.weighted;
      const fused = fusable(activation) && !slot.normaliser && !slot.isOutput;
      const pre = (slot.built as BuiltWeighted).affine(h, fused ? activation : 'linear', pass);
      const normalised = slot.normaliser ? slot.normaliser.forward(pre, pass) : pre;
      if (slot.isOutput) scores = normalised;
      h = fused ? normalised : activate(activation, normalised, alpha);
      activations.push(h);
    }
    if (!scores) throw new Error('the model must end with a layer that scores the classes');
    return { scores, outputs: h, activations, afterStep: pass.afterStep };
  }

  /** Moves batch norm's inference statistics towards the batch statistics of a training pass. */
  applyMovingStats(result: ForwardResult): void {
    for (const update of result.afterStep) update();
  }

  /** Run r alone, as the views ask their questions of it. */
  view(r: number): RunNetwork {
    return new RunView(this, r);
  }

  dispose(): void {
    for (const slot of this.slots) for (const variable of slot.built.owned) variable.dispose();
    this.slots.length = 0;
    this.weighted.length = 0;
  }
}

/** One run's network, as the inspect queries see it: no run axis, its own layer specs and labels. */
export interface RunNetwork {
  readonly spec: ModelSpec;
  readonly weighted: readonly {
    layerIndex: number;
    spec: WeightedSpec;
    label: string;
    /** The run's kernel and bias as new tensors: the caller disposes them. */
    kernel(): tf.Tensor;
    bias(): tf.Tensor;
  }[];
  /** x: [batch, ...input]; results without the run axis. */
  forward(x: tf.Tensor, options: { training: false }): ForwardResult;
  /** The run's slice of every variable (Network.variables() order: batch norm's too) as new tensors: the caller disposes them. */
  variables(): tf.Tensor[];
}

class RunView implements RunNetwork {
  readonly spec: ModelSpec;
  readonly weighted: RunNetwork['weighted'];

  constructor(
    private readonly net: Network,
    private readonly run: number,
  ) {
    this.spec = net.specs[run];
    const row = (v: tf.Tensor) => () => tf.tidy(() => tf.squeeze(tf.slice(v, [run], [1]), [0]));
    this.weighted = net.weighted.map((w) => ({ layerIndex: w.layerIndex, spec: w.specs[run], label: w.labels[run], kernel: row(w.kernel), bias: row(w.bias) }));
  }

  forward(x: tf.Tensor, options: { training: false }): ForwardResult {
    const result = this.net.forward(tf.expandDims(x, 0), { ...options, runs: [this.run] });
    const one = (t: tf.Tensor) => tf.squeeze(t, [0]);
    return { scores: one(result.scores), outputs: one(result.outputs), activations: result.activations.map(one), afterStep: [] };
  }

  variables(): tf.Tensor[] {
    return this.net.variables().map((v) => tf.tidy(() => tf.squeeze(tf.slice(v, [this.run], [1]), [0])));
  }
}
