// One run's model as the panels edit it: the course-notation text is the truth (it is what the
// document holds and what a link shares); the layer list is a view of it that writes canonical
// notation back. The parse comes from the editor (one per keystroke, shared with validation); each
// layer's rules come from its kind. Pure core modules only (no tfjs): this runs on the main thread.
import { kindOf, places, type LayerSpec, type LayerType, type ModelSpec, type PatchOf } from '../core/layers';
import { formatNotation, parseNotation, type NotationError, type NotationResult } from '../core/notation';
import type { ModelSummary } from '../core/summary';

/** The fields of one layer that an edit may change (never its type). */
export type LayerPatch = LayerSpec extends infer L ? (L extends LayerSpec ? PatchOf<L> : never) : never;

export class ModelDraft {
  readonly #read: () => string;
  readonly #write: (text: string) => void;
  readonly #parse: (text: string) => NotationResult;
  #lastValid: { model: ModelSpec; summary: ModelSummary } | null = null;

  readonly parsed: NotationResult = $derived(this.parseText(this.text));
  readonly errors: NotationError[] = $derived(this.parsed.ok ? [] : this.parsed.errors);
  /** True while the text does not parse: `model` is then the last model that did. */
  readonly stale: boolean = $derived(!this.parsed.ok);
  readonly #valid = $derived.by(() => {
    if (this.parsed.ok) this.#lastValid = { model: this.parsed.model, summary: this.parsed.summary };
    return this.#lastValid;
  });
  readonly model: ModelSpec | null = $derived(this.#valid?.model ?? null);
  readonly summary: ModelSummary | null = $derived(this.#valid?.summary ?? null);

  /**
   * `read` and `write` reach the notation wherever it lives (a run of the draft, a local rune);
   * `parse` is the editor's cached parser, so the card and the validator share one parse.
   */
  constructor(read: () => string, write: (text: string) => void, parse: (text: string) => NotationResult = parseNotation) {
    this.#read = read;
    this.#write = write;
    this.#parse = parse;
  }

  /** The derivations run lazily, after the constructor has set the parser. */
  private parseText(text: string): NotationResult {
    return this.#parse(text);
  }

  get text(): string {
    return this.#read();
  }

  set text(value: string) {
    this.#write(value);
  }

  /** Where "add layer" puts a new layer: before a trailing output layer, else at the end. */
  get insertIndex(): number {
    const layers = this.model?.layers ?? [];
    const last = layers.at(-1);
    return last && kindOf(last.type).scoresClasses ? layers.length - 1 : layers.length;
  }

  // Every edit below returns the problems that kept it from applying ([] when it applied): the list
  // only ever writes notation that parses, so that it never locks itself out of its own model.

  updateLayer(index: number, patch: LayerPatch): string[] {
    return this.#edit((model, followsDefault) => {
      const layer = model.layers[index];
      if (kindOf(layer.type).defaultedFields.some((field) => field in patch)) followsDefault.delete(layer);
      Object.assign(layer, patch);
    });
  }

  addLayer(type: LayerType, index = this.insertIndex): string[] {
    return this.#edit((model, followsDefault) => {
      const layer = kindOf(type).create();
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
   * it ends up (the output layer gives probabilities, the others ReLU), and "POOLk" keeps stride k
   * when k changes; so moving "FC-10" or resizing "POOL2" means what rewriting the text would mean.
   */
  #edit(change: (model: ModelSpec, followsDefault: Set<LayerSpec>) => void): string[] {
    if (!this.parsed.ok) return ['fix the notation text first: the list shows the last model that parsed'];
    const model = structuredClone(this.parsed.model);
    const before = places(model.layers);
    const followsDefault = new Set(model.layers.filter((l, i) => kindOf(l.type).followsDefaults(l, before[i])));
    change(model, followsDefault);
    const after = places(model.layers);
    model.layers.forEach((l, i) => {
      if (followsDefault.has(l)) kindOf(l.type).resetDefaults(l, after[i]);
    });
    const text = formatNotation(model);
    const check = this.#parse(text);
    if (!check.ok) return check.errors.map((e) => e.message);
    this.#write(text);
    return [];
  }
}
