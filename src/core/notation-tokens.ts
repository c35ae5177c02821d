// The lexical half of the course notation (see docs/notation.md): splitting the text into
// comma-separated items and space-separated tokens with their columns, and reading single option
// tokens (S2, RELU, HE, BIAS-CONST0.1, ...). Layer heads (CONV5-10, FC-10, ...) are read by their
// kinds (src/core/layers). Pure functions of one token each, so that the parser can report every
// bad token, not just the first.
import { ACTIVATION_TABLE, type ActivationName } from './layers/activations';
import { FORMULA_INITIALIZERS, PARAMETRIC_INITIALIZERS, type InitializerName, type InitializerSpec } from './initializers';

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

export const invalid = (reason: string): Invalid => ({ kind: 'invalid', reason });

// ---- options ----

export type Option =
  | { kind: 'stride'; value: number }
  | { kind: 'padding'; value: number }
  | { kind: 'activation'; activation: ActivationName; alpha?: number }
  | { kind: 'kernelInit'; init: InitializerSpec }
  | { kind: 'biasInit'; init: InitializerSpec }
  | { kind: 'momentum'; value: number }
  | { kind: 'epsilon'; value: number };

export type OptionKind = Option['kind'];

/** Words of activations that take no number; the ones with an alpha are read as parametric options. */
const ACTIVATION_WORDS = new Map<string, ActivationName>(
  (Object.entries(ACTIVATION_TABLE) as [ActivationName, (typeof ACTIVATION_TABLE)[ActivationName]][])
    .filter(([, info]) => !('alpha' in info))
    .flatMap(([name, info]) => info.words.map((word): [string, ActivationName] => [word, name])),
);

const INITIALIZER_WORDS = new Map<string, InitializerName>([
  ['ZEROS', 'zeros'],
  ...(Object.entries(FORMULA_INITIALIZERS) as [InitializerName, { words: readonly string[] }][]).flatMap(([name, info]) =>
    info.words.map((word): [string, InitializerName] => [word, name]),
  ),
]);

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

const belowOne = (what: string) => (v: number) => (v >= 0 && v < 1 ? null : `${what} must be at least 0 and below 1`);

/** LRELU, LRELU0.1, ELU0.5: the activations with an alpha, one entry per word. */
const ALPHA_ACTIVATIONS: Parametric<Option>[] = (Object.entries(ACTIVATION_TABLE) as [ActivationName, (typeof ACTIVATION_TABLE)[ActivationName]][])
  .filter(([, info]) => 'alpha' in info)
  .flatMap(([activation, info]) =>
    info.words.map((prefix) => ({
      prefix,
      optional: true,
      example: `${prefix}0.1`,
      check: nonNegative(`the alpha of ${prefix}`),
      build: (alpha: number | undefined): Option => (alpha === undefined ? { kind: 'activation', activation } : { kind: 'activation', activation, alpha }),
    })),
  );

// No prefix here starts another one, so the order does not matter; readParametric keeps S2 apart from
// SIGMOID (a number must follow the prefix), and EPS from ELU.
const PARAMETRIC_OPTIONS: Parametric<Option>[] = [
  { prefix: 'S', optional: false, example: 'S2', check: positiveInteger('the stride'), build: (v) => ({ kind: 'stride', value: v ?? 1 }) },
  { prefix: 'P', optional: false, example: 'P1', check: nonNegativeInteger('the padding'), build: (v) => ({ kind: 'padding', value: v ?? 0 }) },
  { prefix: 'MOMENTUM', optional: false, example: 'MOMENTUM0.9', check: belowOne('the momentum'), build: (v) => ({ kind: 'momentum', value: v ?? 0 }) },
  { prefix: 'EPS', optional: false, example: 'EPS0.001', check: positive('the epsilon'), build: (v) => ({ kind: 'epsilon', value: v ?? 0 }) },
  ...ALPHA_ACTIVATIONS,
];

const PARAMETRIC_INITIALIZER_OPTIONS: Parametric<InitializerSpec>[] = (
  Object.entries(PARAMETRIC_INITIALIZERS) as [keyof typeof PARAMETRIC_INITIALIZERS, (typeof PARAMETRIC_INITIALIZERS)[keyof typeof PARAMETRIC_INITIALIZERS]][]
).map(([name, info]) => ({
  prefix: info.word,
  optional: false,
  example: `${info.word}${info.start}`,
  check: info.positive ? positive(`the ${info.paramLabel === 'stddev' ? 'standard deviation' : info.paramLabel} of ${info.word}`) : anyNumber,
  build: (v: number | undefined) => ({ name, [info.param]: v ?? 0 }) as InitializerSpec,
}));

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
  const name = INITIALIZER_WORDS.get(upper);
  if (name !== undefined) return { name } as InitializerSpec;
  return firstReading(upper, PARAMETRIC_INITIALIZER_OPTIONS);
}

/** Reads a token after the layer head. null: an unknown word. */
export function readOption(upper: string): Option | Invalid | null {
  const activation = ACTIVATION_WORDS.get(upper);
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
