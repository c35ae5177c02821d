// A network built from layer specs as plain tfjs variables and ops, each layer by its kind's engine
// (layers/*.engine.ts). Owning the forward pass (rather than going through tf.layers) keeps a
// training step to few kernels, lets the trainer see every layer's activations for diagnostics, and
// makes every random draw (weights, dropout) seeded.
import * as tf from '@tensorflow/tfjs';
import { hasWeights, kindOf, places, type LayerSpec, type ModelSpec, type WeightedSpec } from './layers';
import { activate, fusable } from './layers/activation-ops';
import { isWeighted, type BuiltLayer, type BuiltWeighted, type ForwardPass } from './layers/engine';
import { engineOf } from './layers/engines';
import { summarize } from './summary';

export interface WeightedLayer {
  /** Position in ModelSpec.layers. */
  layerIndex: number;
  spec: WeightedSpec;
  label: string;
  kernel: tf.Variable;
  bias: tf.Variable;
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
  /** Updates of the inference statistics this training pass asks for (batch norm); see applyMovingStats. */
  afterStep: (() => void)[];
}

interface Slot {
  spec: LayerSpec;
  built: BuiltLayer;
  /** A batch norm right after a weighted layer normalises its pre-activations and is applied there. */
  normaliser?: BuiltLayer;
  /** Applied by the weighted layer before it (see normaliser). */
  absorbed: boolean;
  isOutput: boolean;
}

let networkCount = 0;

export class Network {
  readonly weighted: WeightedLayer[] = [];
  private readonly slots: Slot[] = [];
  private readonly id = `net${++networkCount}`;

  constructor(
    readonly spec: ModelSpec,
    private readonly seed: number,
  ) {
    try {
      this.build();
    } catch (err) {
      // Whatever was built before the failure (out of memory, say) is freed, not leaked.
      this.dispose();
      throw err;
    }
  }

  private build(): void {
    const rows = summarize(this.spec).layers; // row 0 is the input, row i + 1 is layer i
    const where = places(this.spec.layers);
    let weightedRank = 0;
    this.spec.layers.forEach((layer, i) => {
      const previous = this.slots[i - 1];
      const absorbed = kindOf(layer.type).normalizesPreActivation === true && previous !== undefined && hasWeights(previous.spec);
      const built = engineOf(layer.type).build(layer, {
        seed: this.seed,
        index: i,
        weightedRank: hasWeights(layer) ? weightedRank++ : weightedRank,
        inShape: rows[i].outputShape,
        outShape: rows[i + 1].outputShape,
        name: (what) => `${this.id}/${i}/${what}`,
      });
      this.slots.push({ spec: layer, built, absorbed, isOutput: where[i].isOutput });
      if (absorbed) previous.normaliser = built;
      if (hasWeights(layer) && isWeighted(built)) {
        this.weighted.push({ layerIndex: i, spec: layer, label: rows[i + 1].notation, kernel: built.kernel, bias: built.bias });
      }
    });
  }

  /** Every variable the optimizer updates. */
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

  forward(x: tf.Tensor, options: ForwardOptions): ForwardResult {
    const pass: ForwardPass = { training: options.training, step: options.step ?? 0, afterStep: [] };
    const activations: tf.Tensor[] = [];
    let h = x;
    let scores: tf.Tensor | null = null;
    for (const slot of this.slots) {
      if (slot.absorbed) continue;
      if (!isWeighted(slot.built) || !hasWeights(slot.spec)) {
        h = slot.built.forward(h, pass);
        continue;
      }
      const { activation, alpha } = slot.spec;
      const fused = fusable(activation) && !slot.normaliser && !slot.isOutput;
      const pre = (slot.built as BuiltWeighted).affine(h, fused ? activation : 'linear');
      const normalised = slot.normaliser ? slot.normaliser.forward(pre, pass) : pre;
      if (slot.isOutput) scores = normalised;
      h = fused ? normalised : activate(activation, normalised, alpha);
      activations.push(h);
    }
    if (!scores) throw new Error('the model must end with a layer that scores the classes');
    return { scores: scores as tf.Tensor2D, outputs: h as tf.Tensor2D, activations, afterStep: pass.afterStep };
  }

  /** Moves batch norm's inference statistics towards the batch statistics of a training pass. */
  applyMovingStats(result: ForwardResult): void {
    for (const update of result.afterStep) update();
  }

  dispose(): void {
    for (const slot of this.slots) for (const variable of slot.built.owned) variable.dispose();
    this.slots.length = 0;
    this.weighted.length = 0;
  }
}
