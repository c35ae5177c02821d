// The course notation for architectures, e.g. "INPUT 32x32x1, CONV5-10, POOL2, FC-10", parsed into a
// ModelSpec and checked (grammar: docs/notation.md). The parser keeps going after a bad token so
// that it reports all of them at once, each with its layer and column, and what would be allowed there.
import { kindOf, LAYER_SYNTAX, readLayerHead, type LayerSpec, type ModelSpec, type Place } from './layers';
import { parseCount, readOption, splitItems, type Invalid, type Item, type OptionKind, type Token } from './notation-tokens';
import { trySummarize, type ModelSummary } from './summary';

export { formatNotation, layerToNotation } from './notation-format';
export { inputToNotation, initializerToken } from './notation-words';

export interface NotationError {
  message: string;
  /** Position of the comma-separated item: 0 is INPUT, i + 1 is model.layers[i] (as in the summary table). */
  layerIndex: number;
  /** The offending token as written ('' for an empty item). */
  token: string;
  /** 0-based character offset of the token in the input. */
  column: number;
}

/** A model that parses comes with its summary table: its shapes were traced to check it. */
export type NotationResult = { ok: true; model: ModelSpec; summary: ModelSummary } | { ok: false; errors: NotationError[] };

type Head = { kind: 'input' } | { kind: 'layer'; layer: LayerSpec };

const LAYER_WORDS = `INPUT, ${LAYER_SYNTAX.slice(0, -1).join(', ')} or ${LAYER_SYNTAX.at(-1)}`;
const INPUT_SHAPES = 'HxWxC for an image (e.g. 28x28x1) or N for flat features (e.g. 784)';

export function parseNotation(text: string): NotationResult {
  const items = splitItems(text);
  if (items.every((item) => item.tokens.length === 0)) {
    const message = `empty notation; start with the input, e.g. "INPUT 28x28x1, CONV5-8, POOL2, FC-10"`;
    return { ok: false, errors: [{ message, layerIndex: 0, token: '', column: 0 }] };
  }
  const errors: NotationError[] = [];
  const heads = items.map((item) => readItemHead(item, errors));
  checkInputPlacement(items, heads, errors);
  const input = heads[0]?.kind === 'input' ? readInputShape(items[0], errors) : null;
  // The output layer is the last one that can score the classes, wherever later items fail to read.
  let output = -1;
  heads.forEach((head, i) => {
    if (head?.kind === 'layer' && kindOf(head.layer.type).scoresClasses) output = i;
  });
  const layers = items.map((item, i) => {
    const head = heads[i];
    return head?.kind === 'layer' ? buildLayer(item, head.layer, { isOutput: i === output }, errors) : null;
  });
  const rest = layers.slice(1);
  if (input !== null && rest.every((layer): layer is LayerSpec => layer !== null)) {
    const model: ModelSpec = { input, layers: rest };
    const summary = trySummarize(model);
    if (!summary.ok) errors.push(...shapeErrors(summary.problems, items));
    else if (errors.length === 0) return { ok: true, model, summary: summary.summary };
  }
  return { ok: false, errors: errors.sort((a, b) => a.column - b.column) };
}

function errorAt(item: Item, token: Token, what: string, detail: string): NotationError {
  return {
    message: `${what} "${token.text}" in layer ${item.index} ("${item.text}") at column ${token.column}; ${detail}`,
    layerIndex: item.index,
    token: token.text,
    column: token.column,
  };
}

/** The item's first token read as a layer word; undefined (with an error) if it is empty or not one. */
function readItemHead(item: Item, errors: NotationError[]): Head | undefined {
  const token = item.tokens[0];
  if (token === undefined) {
    const message = `empty layer ${item.index} at column ${item.column}; write a layer between the commas or remove a comma`;
    errors.push({ message, layerIndex: item.index, token: '', column: item.column });
    return undefined;
  }
  if (token.upper === 'INPUT') return { kind: 'input' };
  const head = readLayerHead(token.upper);
  if (head === null) {
    // A common slip: "CONV5-10, S2" puts an option after a comma instead of a space.
    const hint = readOption(token.upper) !== null ? '; it looks like an option: write options after their layer, separated by spaces' : '';
    errors.push(errorAt(item, token, 'unknown layer', `expected ${LAYER_WORDS}${hint}`));
  }
  else if (isInvalid(head)) errors.push(errorAt(item, token, 'bad layer', head.reason));
  else return { kind: 'layer', layer: head };
  return undefined;
}

/** INPUT comes first, exactly once. */
function checkInputPlacement(items: Item[], heads: (Head | undefined)[], errors: NotationError[]): void {
  const inputs = heads.flatMap((head, i) => (head?.kind === 'input' ? [i] : []));
  for (const i of inputs.filter((i) => i > 0)) {
    const detail = inputs[0] === 0 ? 'INPUT appears once, as the first layer' : 'INPUT must come first';
    errors.push(errorAt(items[i], items[i].tokens[0], inputs[0] === 0 ? 'second INPUT' : 'misplaced INPUT', detail));
  }
  // Only when the first item is a real layer: an unknown or empty first item already has its error.
  if (inputs.length === 0 && heads[0]?.kind === 'layer') {
    const detail = `the notation starts with INPUT ${INPUT_SHAPES}`;
    errors.push(errorAt(items[0], items[0].tokens[0], 'missing INPUT before', detail));
  }
}

/** "INPUT 28x28x1" -> [28, 28, 1]; "INPUT 784" -> [784]. */
function readInputShape(item: Item, errors: NotationError[]): number[] | null {
  const [keyword, shapeToken, ...extra] = item.tokens;
  for (const token of extra) errors.push(errorAt(item, token, 'unexpected token', `INPUT takes only its shape, ${INPUT_SHAPES}`));
  if (shapeToken === undefined) {
    errors.push(errorAt(item, keyword, 'no shape after', `INPUT needs a shape, ${INPUT_SHAPES}`));
    return null;
  }
  const sizes = shapeToken.upper.split('X').map(parseCount);
  let problem: string | null = null;
  if (sizes.some((n) => n === null) || sizes.length > 3) problem = `expected ${INPUT_SHAPES}`;
  else if (sizes.length === 2) problem = `an image needs a channel count too, e.g. ${shapeToken.text}x1 for grayscale`;
  else if (sizes.some((n) => n === 0)) problem = 'every size must be at least 1';
  if (problem !== null) errors.push(errorAt(item, shapeToken, 'bad input shape', problem));
  return problem === null && extra.length === 0 ? (sizes as number[]) : null;
}

// ---- options ----

const KIND_NAMES: Record<OptionKind, string> = {
  stride: 'stride',
  padding: 'padding',
  activation: 'activation',
  kernelInit: 'kernel initializer',
  biasInit: 'bias initializer',
  momentum: 'momentum',
  epsilon: 'epsilon',
};

const EXAMPLES: Record<OptionKind, string> = {
  stride: 'a stride (S2)',
  padding: 'a padding (P0, P1, ...)',
  activation: 'an activation (RELU, LRELU, LRELU0.1, ELU, ELU0.5, TANH, SIGMOID, SOFTMAX, LINEAR)',
  kernelInit: 'an initializer (HE, HE-UNIFORM, XAVIER, XAVIER-UNIFORM, LECUN, ZEROS, CONST0.1, UNIFORM0.05, NORMAL0.01)',
  biasInit: 'a bias initializer (BIAS-ZEROS, BIAS-CONST0.1, ...)',
  momentum: 'a momentum for the inference statistics (MOMENTUM0.9)',
  epsilon: 'an epsilon (EPS0.001)',
};

/** What may follow this layer's head, for messages. */
function expected(type: LayerSpec['type']): string {
  const kind = kindOf(type);
  const kinds = kind.notation.options.map((option) => EXAMPLES[option]);
  if (kinds.length === 0) return `${kind.word} takes no options`;
  if (kinds.length === 1) return `${kind.word} takes only ${kinds[0]}`;
  return `expected ${kinds.slice(0, -1).join(', ')}, or ${kinds[kinds.length - 1]}`;
}

const isInvalid = (value: object): value is Invalid => 'kind' in value && (value as Invalid).kind === 'invalid';

/**
 * The head's layer (a fresh object from its kind, so it is ours to change) with the defaults of its
 * place (the output layer's activation), then every option applied.
 */
function buildLayer(item: Item, layer: LayerSpec, place: Place, errors: NotationError[]): LayerSpec {
  kindOf(layer.type).resetDefaults(layer, place);
  const seen = new Set<OptionKind>();
  for (const token of item.tokens.slice(1)) {
    const error = optionError(item, token, layer, seen);
    if (error !== null) errors.push(error);
  }
  return layer;
}

/** Applies one option token to `layer`, or says why it cannot. */
function optionError(item: Item, token: Token, layer: LayerSpec, seen: Set<OptionKind>): NotationError | null {
  const option = readOption(token.upper);
  if (option === null) {
    const isLayer = token.upper === 'INPUT' || readLayerHead(token.upper) !== null;
    const detail = isLayer ? 'it looks like a new layer: separate layers with commas' : expected(layer.type);
    return errorAt(item, token, 'unknown token', detail);
  }
  if (option.kind === 'invalid') return errorAt(item, token, 'bad value', option.reason);
  const kindName = KIND_NAMES[option.kind];
  const kind = kindOf(layer.type);
  if (!kind.notation.options.includes(option.kind)) {
    return errorAt(item, token, kindName, `${kind.word} takes no ${kindName}; ${expected(layer.type)}`);
  }
  if (seen.has(option.kind)) return errorAt(item, token, `second ${kindName}`, `a layer takes one ${kindName}`);
  seen.add(option.kind);
  kind.notation.apply(layer, option);
  return null;
}

// ---- shapes ----

/** Shape problems (summary.ts rules) located at the head token of the layer's item. */
function shapeErrors(problems: readonly { layerIndex: number; message: string }[], items: Item[]): NotationError[] {
  return problems.map(({ layerIndex, message }) => {
    const item = items[layerIndex];
    const head = item.tokens[0];
    return {
      message: `layer ${layerIndex} ("${item.text}") at column ${head.column}: ${message}`,
      layerIndex,
      token: head.text,
      column: head.column,
    };
  });
}

/**
 * A parser that remembers its last `capacity` texts. The editor validates the whole document on every
 * keystroke; with this, each model's text is parsed (and its shapes traced) once, and the card, the
 * summary table and the validator share that result. Results are frozen: they are shared.
 */
export function cachedNotationParser(capacity = 64): (text: string) => NotationResult {
  const cache = new Map<string, NotationResult>();
  return (text) => {
    let result = cache.get(text);
    if (result) {
      cache.delete(text); // re-inserted below: the most recently used stays longest
    } else {
      result = deepFreeze(parseNotation(text));
      if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
    }
    cache.set(text, result);
    return result;
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
