// Every initializer once: its document name, notation words, editor label, the variance its formula
// gives, and the host-side sampling of initial weights from the run's seeded stream (so every
// backend starts from the same numbers). Normal initializers are plain, not truncated, normals so
// that the sample variance matches the formula a course writes down: Glorot 2/(fan_in+fan_out),
// He 2/fan_in, LeCun 1/fan_in; uniform ones use the limit sqrt(3 * variance).
//
// Every family scales one shared draw: normal kinds scale the same N(0,1) sequence, uniform kinds
// the same U(-1,1) sequence. Two runs with the same seed that differ only in, say, He versus
// Xavier normal therefore start with proportional weights: the comparison isolates the scale.
import type { Rng } from './rng';

export interface Fans {
  fanIn: number;
  fanOut: number;
}

type Family = 'normal' | 'uniform' | 'constant';

interface FormulaInitializer {
  words: readonly string[];
  label: string;
  family: 'normal' | 'uniform';
  variance: (f: Fans) => number;
}

/** An initializer with one number of its own: CONST0.1, UNIFORM0.05, NORMAL0.01. */
interface ParametricInitializer {
  word: string;
  label: string;
  family: Family;
  /** The field the number is stored in, and what the editor calls it. */
  param: 'value' | 'limit' | 'stddev';
  paramLabel: string;
  /** What a newly chosen one starts with: a small, typical value. */
  start: number;
  /** Which numbers are allowed: any, or only above zero. */
  positive: boolean;
}

export const FORMULA_INITIALIZERS = {
  'glorot-uniform': { words: ['XAVIER-UNIFORM', 'GLOROT-UNIFORM'], label: 'Xavier uniform', family: 'uniform', variance: (f) => 2 / (f.fanIn + f.fanOut) },
  'glorot-normal': { words: ['XAVIER', 'GLOROT', 'XAVIER-NORMAL', 'GLOROT-NORMAL'], label: 'Xavier normal', family: 'normal', variance: (f) => 2 / (f.fanIn + f.fanOut) },
  'he-normal': { words: ['HE', 'HE-NORMAL'], label: 'He normal', family: 'normal', variance: (f) => 2 / f.fanIn },
  'he-uniform': { words: ['HE-UNIFORM'], label: 'He uniform', family: 'uniform', variance: (f) => 2 / f.fanIn },
  'lecun-normal': { words: ['LECUN', 'LECUN-NORMAL'], label: 'LeCun normal', family: 'normal', variance: (f) => 1 / f.fanIn },
} as const satisfies Record<string, FormulaInitializer>;

export const PARAMETRIC_INITIALIZERS = {
  constant: { word: 'CONST', label: 'constant', family: 'constant', param: 'value', paramLabel: 'value', start: 0.1, positive: false },
  uniform: { word: 'UNIFORM', label: 'uniform ±limit', family: 'uniform', param: 'limit', paramLabel: 'limit', start: 0.05, positive: true },
  normal: { word: 'NORMAL', label: 'normal (stddev)', family: 'normal', param: 'stddev', paramLabel: 'stddev', start: 0.01, positive: true },
} as const satisfies Record<string, ParametricInitializer>;

type FormulaName = keyof typeof FORMULA_INITIALIZERS;
/** Names that take no number: the formulas and zeros. */
export const PARAMETERLESS_INITIALIZERS = ['zeros', ...(Object.keys(FORMULA_INITIALIZERS) as FormulaName[])] as ['zeros', ...FormulaName[]];

export type InitializerSpec =
  | { name: (typeof PARAMETERLESS_INITIALIZERS)[number] }
  | { name: 'constant'; value: number }
  /** Uniform on [-limit, limit]. */
  | { name: 'uniform'; limit: number }
  /** Normal with mean 0 and the given standard deviation (not truncated). */
  | { name: 'normal'; stddev: number };

export type InitializerName = InitializerSpec['name'];
type ParametricName = keyof typeof PARAMETRIC_INITIALIZERS;

export const DEFAULT_KERNEL_INIT: Readonly<InitializerSpec> = Object.freeze({ name: 'glorot-uniform' });
export const DEFAULT_BIAS_INIT: Readonly<InitializerSpec> = Object.freeze({ name: 'zeros' });

/** Menu order: the formulas, zeros, then the parametric ones. */
export const INITIALIZER_MENU: readonly { value: InitializerName; label: string }[] = [
  ...(Object.entries(FORMULA_INITIALIZERS) as [FormulaName, FormulaInitializer][]).map(([value, info]) => ({ value, label: info.label })),
  { value: 'zeros', label: 'zeros' },
  ...(Object.entries(PARAMETRIC_INITIALIZERS) as [ParametricName, ParametricInitializer][]).map(([value, info]) => ({ value, label: info.label })),
];

export const isParametric = (name: InitializerName): name is ParametricName => name in PARAMETRIC_INITIALIZERS;

/** The spec a newly picked initializer starts as (parametric ones with their typical number). */
export function initializerNamed(name: InitializerName): InitializerSpec {
  if (!isParametric(name)) return { name } as InitializerSpec;
  const info = PARAMETRIC_INITIALIZERS[name];
  return { name, [info.param]: info.start } as InitializerSpec;
}

/** The number a parametric initializer carries, with its field's name and label; null for the others. */
export function initializerParameter(spec: InitializerSpec): { key: 'value' | 'limit' | 'stddev'; label: string; value: number } | null {
  if (!isParametric(spec.name)) return null;
  const info = PARAMETRIC_INITIALIZERS[spec.name];
  return { key: info.param, label: info.paramLabel, value: (spec as unknown as Record<string, number>)[info.param] };
}

/** The variance the initializer's distribution has: the formula a course writes, or the spread its number gives. */
export function initializerVariance(spec: InitializerSpec, fans: Fans): number {
  switch (spec.name) {
    case 'zeros':
    case 'constant':
      return 0;
    case 'uniform':
      return (spec.limit * spec.limit) / 3;
    case 'normal':
      return spec.stddev * spec.stddev;
    default:
      return FORMULA_INITIALIZERS[spec.name].variance(fans);
  }
}

function sampler(spec: InitializerSpec, fans: Fans): { family: Family; scale: number } {
  switch (spec.name) {
    case 'zeros':
      return { family: 'constant', scale: 0 };
    case 'constant':
      return { family: 'constant', scale: spec.value };
    case 'uniform':
      return { family: 'uniform', scale: spec.limit };
    case 'normal':
      return { family: 'normal', scale: spec.stddev };
    default: {
      const { family } = FORMULA_INITIALIZERS[spec.name];
      const variance = initializerVariance(spec, fans);
      // A uniform distribution on [-a, a] has variance a²/3.
      return { family, scale: Math.sqrt(family === 'uniform' ? 3 * variance : variance) };
    }
  }
}

/** `size` initial values for one weight tensor. */
export function initialValues(spec: InitializerSpec, size: number, fans: Fans, rng: Rng): Float32Array {
  const out = new Float32Array(size);
  const { family, scale } = sampler(spec, fans);
  if (family === 'constant') return out.fill(scale);
  for (let i = 0; i < size; i++) {
    out[i] = scale * (family === 'normal' ? rng.normal() : 2 * rng.next() - 1);
  }
  return out;
}
