// The lexical half of the course notation (see docs/notation.md): splitting the text into
// comma-separated items and space-separated tokens with their columns, and reading single
// tokens as layer heads (CONV5-10, FC-10, ...) or options (S2, RELU, HE, BIAS-CONST0.1, ...).
// Pure functions of one token each, so that the parser can report every bad token, not just the first.
import {
  DEFAULT_BATCHNORM,
  DEFAULT_BIAS_INIT,
  DEFAULT_KERNEL_INIT,
  type PARAMETERLESS_INITIALIZERS,
  type ActivationName,
  type InitializerSpec,
  type LayerSpec,
} from './layers';

export interface Token {
  /** As written, for messages. */
  text: string;
  /** Upper-cased: the notation is case-insensitive. */
  upper: string;
  /** 0-based character offset in the whole input. */
  column: number;
}

export interface Item {
  /** Position in the comma-separated list; INPUT is item 0. */
  index: number;
  /** The item's text, trimmed, with runs of white space collapsed, for messages. */
  text: string;
  /** Where the item's text starts (where it would start, for an empty item). */
  column: number;
  tokens: Token[];
}

export function splitItems(source: string): Item[] {
  let start = 0;
  return source.split(',').map((piece, index) => {
    const tokens: Token[] = [];
    for (const match of piece.matchAll(/\S+/g)) {
      tokens.push({ text: match[0], upper: match[0].toUpperCase(), column: start + (match.index ?? 0) });
    }
    const column = tokens.length > 0 ? tokens[0].column : start;
    start += piece.length + 1; // the comma
    return { index, text: piece.trim().replace(/\s+/g, ' '), column, tokens };
  });
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:E[+-]?\d+)?$/i;

/** A finite decimal such as 0.5, -2, .5 or 1e-3; null otherwise. */
export function parseDecimal(text: string): number | null {
  if (!DECIMAL.test(text)) return null;
  // Adding 0 turns -0 into 0: "CONST-0" must not produce a value that formats as "0" yet differs from it.
  const value = Number(text) + 0;
  return Number.isFinite(value) ? value : null;
}

/** A non-negative integer written with digits only; null otherwise (sizes never take signs or decimals). */
export function parseCount(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** A token the notation recognises but whose value is wrong, e.g. S0 or DROPOUT1. */
export interface Invalid {
  kind: 'invalid';
  reason: string;
}

const invalid = (reason: string): Invalid => ({ kind: 'invalid', reason });

// ---- layer heads ----

export type Head = { kind: 'input' } | { kind: 'layer'; layer: LayerSpec };

/** Reads the first token of an item. null: not a layer word at all. */
export function readHead(upper: string): Head | Invalid | null {
  if (upper === 'INPUT') return { kind: 'input' };
  if (upper === 'FLATTEN') return layerHead({ type: 'flatten' });
  if (upper === 'BN' || upper === 'BATCHNORM') return layerHead({ type: 'batchnorm', ...DEFAULT_BATCHNORM });
  if (upper.startsWith('CONV')) return readConv(upper.slice(4));
  if (upper.startsWith('POOL')) return readPool(upper.slice(4));
  if (upper.startsWith('FC')) return readDense(upper.slice(2));
  if (upper.startsWith('DROPOUT')) return readDropout(upper.slice(7));
  return null;
}

const layerHead = (layer: LayerSpec): Head => ({ kind: 'layer', layer });

/** Weighted layers start with the defaults; the parser then applies the position-dependent activation and the options. */
function weightDefaults() {
  return { activation: 'relu' as ActivationName, kernelInit: { ...DEFAULT_KERNEL_INIT }, biasInit: { ...DEFAULT_BIAS_INIT } };
}

function readConv(rest: string): Head | Invalid {
  const match = /^(\d+)-(\d+)$/.exec(rest);
  const kernelSize = match ? parseCount(match[1]) : null;
  const filters = match ? parseCount(match[2]) : null;
  if (kernelSize === null || filters === null) return invalid('expected CONVk-N with whole numbers, e.g. CONV5-10 (10 filters of 5x5)');
  if (kernelSize === 0) return invalid('the kernel size k in CONVk-N must be at least 1');
  if (filters === 0) return invalid('the filter count N in CONVk-N must be at least 1');
  return layerHead({ type: 'conv2d', filters, kernelSize, stride: 1, padding: 'same', ...weightDefaults() });
}

function readPool(rest: string): Head | Invalid {
  const poolSize = parseCount(rest);
  if (poolSize === null) return invalid('expected POOLk with a whole number, e.g. POOL2 (2x2 max-pooling, stride 2)');
  if (poolSize === 0) return invalid('the window size k in POOLk must be at least 1');
  return layerHead({ type: 'maxpool', poolSize, stride: poolSize });
}

function readDense(rest: string): Head | Invalid {
  const units = rest.startsWith('-') ? parseCount(rest.slice(1)) : null;
  if (units === null) return invalid('expected FC-N with a whole number, e.g. FC-10 (10 units)');
  if (units === 0) return invalid('the unit count N in FC-N must be at least 1');
  return layerHead({ type: 'dense', units, ...weightDefaults() });
}

function readDropout(rest: string): Head | Invalid {
  if (rest === '') return invalid('DROPOUT needs a rate, e.g. DROPOUT0.5');
  const rate = parseDecimal(rest);
  if (rate === null) return invalid(`the dropout rate "${rest}" is not a number; write e.g. DROPOUT0.5`);
  if (rate < 0 || rate >= 1) return invalid(`the dropout rate must be at least 0 and below 1, got ${rest}`);
  return layerHead({ type: 'dropout', rate });
}

// ---- options ----

export type Option =
  | { kind: 'stride'; value: number }
  | { kind: 'padding'; value: number }
  | { kind: 'activation'; activation: ActivationName; alpha?: number }
  | { kind: 'kernelInit'; init: InitializerSpec }
  | { kind: 'biasInit'; init: InitializerSpec };

export type OptionKind = Option['kind'];

const ACTIVATION_WORDS: Record<string, ActivationName> = {
  RELU: 'relu',
  TANH: 'tanh',
  SIGMOID: 'sigmoid',
  LOGISTIC: 'sigmoid',
  SOFTMAX: 'softmax',
  LINEAR: 'linear',
};

const INITIALIZER_WORDS: Record<string, (typeof PARAMETERLESS_INITIALIZERS)[number]> = {
  HE: 'he-normal',
  'HE-NORMAL': 'he-normal',
  'HE-UNIFORM': 'he-uniform',
  XAVIER: 'glorot-normal',
  GLOROT: 'glorot-normal',
  'XAVIER-NORMAL': 'glorot-normal',
  'GLOROT-NORMAL': 'glorot-normal',
  'XAVIER-UNIFORM': 'glorot-uniform',
  'GLOROT-UNIFORM': 'glorot-uniform',
  LECUN: 'lecun-normal',
  'LECUN-NORMAL': 'lecun-normal',
  ZEROS: 'zeros',
};

/**
 * A keyword followed directly by a number, e.g. S2, CONST-0.5, LRELU0.1. `optional`: the bare
 * keyword is valid too (LRELU). `check` returns what is wrong with the number, if anything.
 */
interface Parametric<T> {
  prefix: string;
  optional: boolean;
  example: string;
  check: (value: number) => string | null;
  build: (value: number | undefined) => T;
}

const positiveInteger = (what: string) => (v: number) => (Number.isInteger(v) && v >= 1 ? null : `${what} must be a whole number of at least 1`);
const nonNegativeInteger = (what: string) => (v: number) => (Number.isInteger(v) && v >= 0 ? null : `${what} must be a whole number of at least 0`);
const nonNegative = (what: string) => (v: number) => (v >= 0 ? null : `${what} must be at least 0`);
const positive = (what: string) => (v: number) => (v > 0 ? null : `${what} must be above 0`);
const anyNumber = () => null;

function alphaActivation(prefix: string, activation: 'leaky-relu' | 'elu', example: string): Parametric<Option> {
  return {
    prefix,
    optional: true,
    example,
    check: nonNegative(`the alpha of ${prefix}`),
    build: (alpha) => (alpha === undefined ? { kind: 'activation', activation } : { kind: 'activation', activation, alpha }),
  };
}

// No prefix here starts another one, so the order does not matter; readParametric keeps S2 apart from SIGMOID.
const PARAMETRIC_OPTIONS: Parametric<Option>[] = [
  { prefix: 'S', optional: false, example: 'S2', check: positiveInteger('the stride'), build: (v) => ({ kind: 'stride', value: v ?? 1 }) },
  { prefix: 'P', optional: false, example: 'P1', check: nonNegativeInteger('the padding'), build: (v) => ({ kind: 'padding', value: v ?? 0 }) },
  alphaActivation('LEAKYRELU', 'leaky-relu', 'LEAKYRELU0.1'),
  alphaActivation('LRELU', 'leaky-relu', 'LRELU0.1'),
  alphaActivation('ELU', 'elu', 'ELU0.5'),
];

const PARAMETRIC_INITIALIZERS: Parametric<InitializerSpec>[] = [
  { prefix: 'CONST', optional: false, example: 'CONST0.1', check: anyNumber, build: (v) => ({ name: 'constant', value: v ?? 0 }) },
  { prefix: 'UNIFORM', optional: false, example: 'UNIFORM0.05', check: positive('the limit of UNIFORM'), build: (v) => ({ name: 'uniform', limit: v ?? 0 }) },
  { prefix: 'NORMAL', optional: false, example: 'NORMAL0.01', check: positive('the standard deviation of NORMAL'), build: (v) => ({ name: 'normal', stddev: v ?? 0 }) },
];

/**
 * null when the token does not start with the keyword followed by something number-like: that
 * keeps S2 (stride) apart from SIGMOID, and ELU0.5 apart from a misspelt ELUU.
 */
function readParametric<T>(upper: string, p: Parametric<T>): T | Invalid | null {
  if (!upper.startsWith(p.prefix)) return null;
  const rest = upper.slice(p.prefix.length);
  if (rest === '') return p.optional ? p.build(undefined) : invalid(`${p.prefix} needs a number, e.g. ${p.example}`);
  if (!/^[-+.\d]/.test(rest)) return null;
  const value = parseDecimal(rest);
  if (value === null) return invalid(`"${rest}" is not a number; write e.g. ${p.example}`);
  const problem = p.check(value);
  return problem === null ? p.build(value) : invalid(`${problem}, got ${rest}`);
}

function firstReading<T>(upper: string, table: Parametric<T>[]): T | Invalid | null {
  for (const p of table) {
    const reading = readParametric(upper, p);
    if (reading !== null) return reading;
  }
  return null;
}

export function readInitializer(upper: string): InitializerSpec | Invalid | null {
  const name = INITIALIZER_WORDS[upper];
  if (name !== undefined) return { name };
  return firstReading(upper, PARAMETRIC_INITIALIZERS);
}

/** Reads a token after the layer head. null: an unknown word. */
export function readOption(upper: string): Option | Invalid | null {
  const activation = ACTIVATION_WORDS[upper];
  if (activation !== undefined) return { kind: 'activation', activation };
  if (upper.startsWith('BIAS-')) return readBias(upper.slice(5));
  const option = firstReading(upper, PARAMETRIC_OPTIONS);
  if (option !== null) return option;
  const init = readInitializer(upper);
  if (init === null || 'kind' in init) return init;
  return { kind: 'kernelInit', init };
}

function readBias(rest: string): Option | Invalid {
  const init = readInitializer(rest);
  if (init === null) return invalid(`"${rest}" is not an initializer; write e.g. BIAS-ZEROS or BIAS-CONST0.1`);
  if ('kind' in init) return init;
  return { kind: 'biasInit', init };
}
