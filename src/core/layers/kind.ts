// What every layer kind declares, once. The notation parser and formatter, the validator, the
// summary table (shapes, parameters, receptive fields) and the editor's layer rows look a layer's
// kind up in the registry (registry.ts) instead of switching on its type. How the engine builds and
// runs a kind lives beside it in <kind>.engine.ts: only that half imports tfjs, so the page can parse
// and summarise models on every keystroke without loading the engine.
import type { z } from 'zod';
import type { Invalid, Option, OptionKind } from '../notation-tokens';
import type { NumberRange } from '../schema-kit';

export type { Invalid, Option, OptionKind };

/** A layer's output shape, or what keeps it from applying ("a 3x3 window does not fit a 2x2 input"). */
export type ShapeStep = { shape: number[] } | { problem: string };

/** size: side of the input region one unit sees; jump: input pixels between neighbouring units. */
export interface FieldWalk {
  size: number;
  jump: number;
}

/**
 * Where a layer sits. The output layer (the last one that scores the classes) defaults to
 * probabilities (softmax, or the logistic function for one unit); every other layer to ReLU.
 */
export interface Place {
  isOutput: boolean;
}

/** The fields of one layer that an edit may change (never its type). */
export type PatchOf<S> = Partial<Omit<S, 'type'>>;

/** A number box in the layer's row of the editor. */
export interface NumberFieldSpec<S> {
  kind: 'number';
  label: string;
  read(layer: S): number;
  write(value: number): PatchOf<S>;
  /** Shown only when this holds (conv's padding in pixels, while padding is not 'same'). */
  shown?(layer: S): boolean;
}

/** A menu in the layer's row. */
export interface ChoiceFieldSpec<S> {
  kind: 'choice';
  label: string;
  choices: readonly { value: string; label: string }[];
  read(layer: S): string;
  write(value: string): PatchOf<S>;
}

/**
 * What the editor shows for a layer, in order: number boxes, menus, the weighted layers' shared group
 * (activation, its alpha, weight and bias initializers), or a line of text.
 */
export type EditorFieldSpec<S> = NumberFieldSpec<S> | ChoiceFieldSpec<S> | { kind: 'weights' } | { kind: 'note'; text: string };

export interface LayerKind<S extends { type: string }> {
  readonly type: S['type'];
  /** The word the layer list and messages show: 'FC'. */
  readonly word: string;
  /** The menu's name for a new layer of this kind: 'FC (dense)'. */
  readonly label: string;
  /** How the notation writes it, for messages that list the layer words: 'FC-N'. */
  readonly syntax: string;
  /** The layer-list form: a strict object with defaults; place-dependent fields may stay undefined. */
  readonly schema: z.ZodType;

  /** A new layer in the editor: the notation's plainest form of the kind. */
  create(): S;
  /**
   * Fields that may differ between runs trained as one stack (their values live in per-run tensors:
   * initializers, a dropout rate); runs whose layers differ in anything else train in separate stacks.
   */
  readonly perRunFields: readonly string[];
  /** The fields whose default depends on the layer's place or size (what resetDefaults sets). */
  readonly defaultedFields: readonly string[];
  /** Fills in what the layer-list form left to the layer's place (see resetDefaults). */
  complete(parsed: S, place: Place): S;
  /** Whether the place-dependent fields hold what the text would give by leaving them out. */
  followsDefaults(layer: S, place: Place): boolean;
  /** Sets the place-dependent fields (a weighted layer's activation, a pool's stride) to their defaults. */
  resetDefaults(layer: S, place: Place): void;

  /** Caps on numeric fields: the layer-list schema and the notation's checks both use these. */
  readonly limits?: Readonly<Record<string, NumberRange>>;
  /**
   * Tensors the size of the layer's output that its forward pass makes per example (a weighted
   * layer: pre-activation and activation; a reshape: none); 1 when left out. The memory budget
   * (budget.ts) counts these, and as many again for a training step's backward pass.
   */
  readonly outputCopies?: number;
  /** Size fields no shape rule can work with unless they are whole numbers of at least 1. */
  counts(layer: S): Record<string, number>;
  /** Other field problems that make the layer unusable (conv's padding), or null. */
  fieldProblem?(layer: S): string | null;
  shape(layer: S, input: readonly number[]): ShapeStep;
  params(layer: S, input: readonly number[]): number;
  /** How the receptive field grows through the layer (the model's input shape for layers that see all of it). */
  receptiveField(layer: S, field: FieldWalk, modelInput: readonly number[]): FieldWalk;

  readonly notation: {
    /** Reads an item's first token (upper-cased); null when it is not this kind's word. */
    readHead(upper: string): S | Invalid | null;
    /** The options that may follow the head, in the order the canonical form writes them. */
    readonly options: readonly OptionKind[];
    apply(layer: S, option: Option): void;
    /** The canonical text: defaults left out, so that "INPUT 784, FC-10" formats to itself. */
    format(layer: S, place: Place): string;
  };

  readonly editor: readonly EditorFieldSpec<S>[];

  // ---- capabilities, so that other code asks what a layer can do rather than what it is called ----
  /** Owns a kernel and a bias; units(layer) of them (the per-layer diagnostics are about these layers). */
  readonly weighted?: { units(layer: S): number };
  /** Can be the output layer, whose units score the classes (the model must end with one). */
  readonly scoresClasses?: true;
  /** Its kernel is a bank of 2-D image filters [k, k, in, out] (the views draw them). */
  readonly imageFilters?: true;
  /** When it directly follows a weighted layer it normalises that layer's pre-activations (batch norm). */
  readonly normalizesPreActivation?: true;
  /** Slides a size x size window with a stride over an image (convolutions, pooling). */
  window?(layer: S): { size: number; stride: number };
  /** Each window's output is its largest input (max-pooling): which input wins can change under a small nudge. */
  readonly picksMaximum?: true;
}

/** A kind whose spec type is known only as "some layer": what registry users hold. */
export type AnyLayerKind = LayerKind<{ type: string }>;
