// Per-layer diagnostics on real training: dead units, distinct units, gradient norms.
import { beforeAll, describe, expect, it } from 'vitest';
import { countDistinctUnits } from '../../src/core/metrics';
import { backend, train } from '../support/engine';

beforeAll(() => backend('cpu'));

describe('countDistinctUnits', () => {
  it('groups units whose incoming weights and bias are equal, column by column', () => {
    // fanIn 2, units 4: column u is unit u's weights; units 0, 2 and 3 have the weights (1, 2).
    const kernel = Float32Array.from([1, 5, 1, 1, 2, 6, 2, 2]);
    expect(countDistinctUnits(kernel, Float32Array.from([0, 0, 0, 0]), 4)).toBe(2);
    expect(countDistinctUnits(kernel, Float32Array.from([0, 0, 0, 0.5]), 4)).toBe(3); // the bias tells unit 3 apart
    expect(countDistinctUnits(kernel, Float32Array.from([0, 0, 1e-9, 0]), 4)).toBe(2); // within tolerance
    expect(countDistinctUnits(new Float32Array(8), new Float32Array(4), 4)).toBe(1);
  });
});

const mnistRun = (name: string, model: string) => ({ name, seed: 3, model, optimizer: { name: 'sgd', learningRate: 0.1 }, training: { steps: 60, batchSize: 32, evalEvery: 30 } });

describe('layer diagnostics while training', () => {
  it('zero weights with ReLU leave every hidden unit dead and identical; random init does not', async () => {
    const { of } = await train({
      task: 'mnist',
      data: { trainSize: 1000, testSize: 200 },
      runs: [mnistRun('zeros', 'INPUT 784, FC-32 RELU ZEROS, FC-10 ZEROS'), mnistRun('he', 'INPUT 784, FC-32 RELU HE, FC-10')],
    });
    const last = (run: string) => of('layers', run).at(-1)!;
    expect(of('layers', 'zeros').map((e) => e.step)).toEqual([0, 30, 60]);
    expect(last('zeros').layers[0]).toMatchObject({ layer: 1, label: 'FC-32 ZEROS', units: 32, deadFraction: 1, distinctUnits: 1, gradNorm: 0 });
    expect(last('he').layers[0].deadFraction).toBeLessThan(0.5);
    expect(last('he').layers[0].distinctUnits).toBe(32);
    expect(last('he').layers[0].gradNorm).toBeGreaterThan(0);
    expect(last('he').layers[0].activationStd).toBeGreaterThan(0);
  });

  it('a constant initialization keeps sigmoid units copies of each other however long it trains', async () => {
    const { of, results } = await train({
      task: 'mnist',
      data: { trainSize: 1000, testSize: 200 },
      runs: [mnistRun('constant', 'INPUT 784, FC-16 SIGMOID CONST0.05, FC-10 CONST0.05')],
    });
    const layers = of('layers', 'constant').at(-1)!.layers;
    expect(layers[0].distinctUnits).toBe(1);
    // The output units see different targets, so they do drift apart: the meter is not stuck at 1.
    expect(layers[1].distinctUnits).toBe(10);
    expect(layers[0].deadFraction).toBe(0); // sigmoid outputs are never exactly 0
    expect(results[0].steps).toBe(60);
  });

  it('reports timing for every evaluation', async () => {
    const { of } = await train({ task: 'xor', runs: [{ training: { steps: 40, evalEvery: 20 } }] });
    const timings = of('timing');
    expect(timings.map((t) => t.step)).toEqual([20, 40]);
    for (const t of timings) {
      expect(t.msPerStep).toBeGreaterThan(0);
      expect(t.msPerInference).toBeGreaterThan(0);
      expect(t.examplesPerSecond).toBeCloseTo((1000 * 4) / t.msPerStep, 6);
    }
  });
});
