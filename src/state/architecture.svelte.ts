// One run's model as the panels edit it: the course-notation text is the truth (it is what the
// document holds and what a link shares); the layer list is a view of it that writes canonical
// notation back. Pure core modules only (no tfjs): this runs on the main thread on every keystroke.
import {
  DEFAULT_BIAS_INIT,
  DEFAULT_KERNEL_INIT,
  hasWeights,
  type LayerSpec,
  type LayerType,
  type ModelSpec,
} from '../core/layers';
import { defaultActivation, formatNotation, lastDenseIndex, parseNotation, type NotationError, type NotationResult } from '../core/notation';
import { summarize, type ModelSummary } from '../core/summary';

/** The fields of one layer type that an edit may change (never its type). */
export type LayerPatch = LayerSpec extends infer L ? (L extends LayerSpec ? Partial<Omit<L, 'type'>> : never) : never;

/** What a new layer of each type starts as: the notation's plainest form of it. */
function newLayer(type: LayerType): LayerSpec {
  const weights = { activation: 'relu' as const, kernelInit: { ...DEFAULT_KERNEL_INIT }, biasInit: { ...DEFAULT_BIAS_INIT } };
  switch (type) {
    case 'dense':
      return { type, units: 16, ...weights };
    case 'conv2d':
      return { type, filters: 8, kernelSize: 3, stride: 1, padding: 'same', ...weights };
    case 'maxpool':
      return { type, poolSize: 2, stride: 2 };
    case 'dropout':
      return { type, rate: 0.5 };
    case 'batchnorm':
      return { type, momentum: 0.99, epsilon: 1e-3 };
    case 'flatten':
      return { type };
  }
}

export class ModelDraft {
  readonly #read: () => string;
  readonly #write: (text: string) => void;
  #lastValid: ModelSpec | null = null;

  readonly parsed: NotationResult = $derived(parseNotation(this.text));
  readonly errors: NotationError[] = $derived(this.parsed.ok ? [] : this.parsed.errors);
  /** True while the text does not parse: `model` is then the last model that did. */
  readonly stale: boolean = $derived(!this.parsed.ok);
  readonly model: ModelSpec | null = $derived.by(() => {
    if (this.parsed.ok) this.#lastValid = this.parsed.model;
    return this.#lastValid;
  });
  readonly summary: ModelSummary | null = $derived(this.model ? safeSummary(this.model) : null);

  /** `read` and `write` reach the notation wherever it lives (a run of the draft, a local rune). */
  constructor(read: () => string, write: (text: string) => void) {
    this.#read = read;
    this.#write = write;
  }

  get text(): string {
    return this.#read();
  }

  set text(value: string) {
    this.#write(value);
  }

  /** Where "add layer" puts a new layer: before the output layer (a trailing FC), else at the end. */
  get insertIndex(): number {
    const layers = this.model?.layers ?? [];
    return layers.length > 0 && layers[layers.length - 1].type === 'dense' ? layers.length - 1 : layers.length;
  }

  // Every edit below returns the problems that kept it from applying ([] when it applied): the list
  // only ever writes notation that parses, so that it never locks itself out of its own model.

  updateLayer(index: number, patch: LayerPatch): string[] {
    return this.#edit((model, followsDefault) => {
      const layer = model.layers[index];
      if ((hasWeights(layer) && 'activation' in patch) || (layer.type === 'maxpool' && 'stride' in patch)) followsDefault.delete(layer);
      Object.assign(layer, patch);
    });
  }

  addLayer(type: LayerType, index = this.insertIndex): string[] {
    return this.#edit((model, followsDefault) => {
      const layer = newLayer(type);
      followsDefault.add(layer);
      model.layers.splice(index, 0, layer);
    });
  }

  removeLayer(index: number): string[] {
    return this.#edit((model) => void model.layers.splice(index, 1));
  }

  moveLayer(index: number, by: -1 | 1): string[] {
    return this.#edit((model) => {
      const to = index + by;
      if (to < 0 || to >= model.layers.length) return;
      [model.layers[index], model.layers[to]] = [model.layers[to], model.layers[index]];
    });
  }

  setInput(shape: number[]): string[] {
    return this.#edit((model) => void (model.input = [...shape]));
  }

  /**
   * Edits a copy of the model as its text would be edited: what the text leaves to a default follows
   * that default after the edit. A CONV or FC written without an activation takes the one of wherever
   * it ends up (the last FC gives probabilities, the others ReLU), and "POOLk" keeps stride k when k
   * changes; so moving "FC-10" or resizing "POOL2" means what rewriting the text would mean.
   */
  #edit(change: (model: ModelSpec, followsDefault: Set<LayerSpec>) => void): string[] {
    if (!this.parsed.ok) return ['fix the notation text first: the list shows the last model that parsed'];
    const model = structuredClone(this.parsed.model);
    const lastBefore = lastDenseIndex(model.layers);
    const followsDefault = new Set(
      model.layers.filter((l, i) =>
        hasWeights(l) ? l.alpha === undefined && l.activation === defaultActivation(l, i === lastBefore) : l.type === 'maxpool' && l.stride === l.poolSize,
      ),
    );
    change(model, followsDefault);
    const last = lastDenseIndex(model.layers);
    model.layers.forEach((l, i) => {
      if (!followsDefault.has(l)) return;
      if (hasWeights(l)) l.activation = defaultActivation(l, i === last);
      else if (l.type === 'maxpool') l.stride = l.poolSize;
    });
    const text = formatNotation(model);
    const check = parseNotation(text);
    if (!check.ok) return check.errors.map((e) => e.message);
    this.#write(text);
    return [];
  }
}

/** parseNotation already checked the shapes; the guard keeps a core bug from blanking the panel. */
function safeSummary(model: ModelSpec): ModelSummary | null {
  try {
    return summarize(model);
  } catch {
    return null;
  }
}
