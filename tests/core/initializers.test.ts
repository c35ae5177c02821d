// Each initializer's sample mean and variance against the formula a course writes down.
import { describe, expect, it } from 'vitest';
import { initialValues, initializerVariance } from '../../src/core/initializers';
import type { InitializerSpec } from '../../src/core/layers';
import { rngFor } from '../../src/core/rng';

const fans = { fanIn: 300, fanOut: 500 };
const N = 200_000;

function moments(values: Float32Array) {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  return { mean, variance: sq / values.length, min: Math.min(...values.subarray(0, 50_000)), max: Math.max(...values.subarray(0, 50_000)) };
}

// Written out independently of the implementation: the textbook formulas.
const cases: [InitializerSpec, number, 'normal' | 'uniform'][] = [
  [{ name: 'glorot-normal' }, 2 / (300 + 500), 'normal'],
  [{ name: 'glorot-uniform' }, 2 / (300 + 500), 'uniform'],
  [{ name: 'he-normal' }, 2 / 300, 'normal'],
  [{ name: 'he-uniform' }, 2 / 300, 'uniform'],
  [{ name: 'lecun-normal' }, 1 / 300, 'normal'],
  [{ name: 'normal', stddev: 0.01 }, 0.0001, 'normal'],
  [{ name: 'uniform', limit: 0.5 }, 0.25 / 3, 'uniform'],
];

describe('random initializers', () => {
  it.each(cases)('%o has mean 0 and variance %f', (spec, variance, family) => {
    const values = initialValues(spec, N, fans, rngFor(3, 'test'));
    const m = moments(values);
    expect(initializerVariance(spec, fans)).toBeCloseTo(variance, 12);
    // Standard error of the mean is sqrt(variance / N); allow five of them.
    expect(Math.abs(m.mean)).toBeLessThan(5 * Math.sqrt(variance / N));
    expect(m.variance / variance).toBeGreaterThan(0.98);
    expect(m.variance / variance).toBeLessThan(1.02);
    if (family === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      expect(m.max).toBeLessThanOrEqual(limit);
      expect(m.min).toBeGreaterThanOrEqual(-limit);
      expect(m.max).toBeGreaterThan(0.99 * limit);
    } else {
      // Not truncated: a normal sample this large has values beyond 3.5 sigma.
      expect(m.max).toBeGreaterThan(3.5 * Math.sqrt(variance));
    }
  });
});

describe('deterministic initializers', () => {
  it('zeros and constant fill every value', () => {
    expect([...initialValues({ name: 'zeros' }, 5, fans, rngFor(1))]).toEqual([0, 0, 0, 0, 0]);
    expect([...initialValues({ name: 'constant', value: -0.25 }, 3, fans, rngFor(1))]).toEqual([-0.25, -0.25, -0.25]);
  });
});

describe('seeding', () => {
  it('the same seed and stream give the same values; another seed does not', () => {
    const a = initialValues({ name: 'he-normal' }, 100, fans, rngFor(5, 'w', 0));
    expect(initialValues({ name: 'he-normal' }, 100, fans, rngFor(5, 'w', 0))).toEqual(a);
    expect(initialValues({ name: 'he-normal' }, 100, fans, rngFor(6, 'w', 0))).not.toEqual(a);
  });

  it('He and Xavier normal from one seed are the same draw at two scales, so a comparison isolates the scale', () => {
    const he = initialValues({ name: 'he-normal' }, 100, fans, rngFor(5));
    const xavier = initialValues({ name: 'glorot-normal' }, 100, fans, rngFor(5));
    const ratio = Math.sqrt((2 / 300) / (2 / 800));
    he.forEach((v, i) => expect(v).toBeCloseTo(xavier[i] * ratio, 5));
  });
});
