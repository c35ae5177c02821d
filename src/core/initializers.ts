// Initial weights from their formulas, drawn from the run's seeded stream on the CPU (so every
// backend starts from the same numbers). Normal initializers are plain, not truncated, normals so
// that the sample variance matches the formula a course writes down: Glorot 2/(fan_in+fan_out),
// He 2/fan_in, LeCun 1/fan_in; uniform ones use the limit sqrt(3 * variance).
//
// Every family scales one shared draw: normal kinds scale the same N(0,1) sequence, uniform kinds
// the same U(-1,1) sequence. Two runs with the same seed that differ only in, say, He versus
// Xavier normal therefore start with proportional weights: the comparison isolates the scale.
import type { InitializerSpec } from './layers';
import type { Rng } from './rng';

export interface Fans {
  fanIn: number;
  fanOut: number;
}

type Sampler = { family: 'normal' | 'uniform' | 'constant'; scale: number };

const VARIANCE_RULES: Record<string, (f: Fans) => number> = {
  'glorot-normal': (f) => 2 / (f.fanIn + f.fanOut),
  'glorot-uniform': (f) => 2 / (f.fanIn + f.fanOut),
  'he-normal': (f) => 2 / f.fanIn,
  'he-uniform': (f) => 2 / f.fanIn,
  'lecun-normal': (f) => 1 / f.fanIn,
};

/** The variance the initializer's distribution has, for tests and for the UI's tooltips. */
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
      return VARIANCE_RULES[spec.name](fans);
  }
}

function samplerFor(spec: InitializerSpec, fans: Fans): Sampler {
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
      const variance = VARIANCE_RULES[spec.name](fans);
      return spec.name.endsWith('uniform')
        ? { family: 'uniform', scale: Math.sqrt(3 * variance) }
        : { family: 'normal', scale: Math.sqrt(variance) };
    }
  }
}

/** `size` initial values for one weight tensor. */
export function initialValues(spec: InitializerSpec, size: number, fans: Fans, rng: Rng): Float32Array {
  const out = new Float32Array(size);
  const { family, scale } = samplerFor(spec, fans);
  if (family === 'constant') return out.fill(scale);
  for (let i = 0; i < size; i++) {
    out[i] = scale * (family === 'normal' ? rng.normal() : 2 * rng.next() - 1);
  }
  return out;
}
