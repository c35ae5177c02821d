// The views' questions to a trained network, on real training, and that the networks kept for them
// are freed by dispose().
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import { ExperimentRunner } from '../../src/core/experiment-runner';
import { activationHistograms, activationMaps, decisionGrid, firstLayerFilters, predict, testPredictions } from '../../src/core/inspect';
import { buildDataset } from '../../src/data/dataset';
import { backend, mnistDigits } from '../support/engine';

beforeAll(() => backend('cpu'));

async function trained(input: unknown) {
  const doc = experiment(input);
  const dataset = buildDataset(doc.task, doc.data, doc.task === 'mnist' ? await mnistDigits() : undefined);
  const runner = new ExperimentRunner(doc, dataset, { keepModels: true, diagnosticsEvery: 0, onEvent: () => {} });
  const results = await runner.run();
  return { runner, results, dataset, name: doc.runs[0].name };
}

describe('XOR decision boundary', () => {
  it('puts the corners on the right side of the boundary the net learned', async () => {
    const before = tf.memory().numTensors;
    const { runner, name } = await trained(JSON.parse(readFileSync('docs/examples/xor.json', 'utf8')));
    const corners = Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1]);
    const grid = await runner.inspect(name, (net) => decisionGrid(net, 11, 0, 1, ['x', 'y'], corners));
    expect(grid.classes).toBe(2);
    expect(grid.probabilities).toHaveLength(121 * 2);
    // Row 0 is y = 1 (top), column 0 is x = 0; P(class 1) is the second of each cell's pair.
    const at = (x: number, y: number) => grid.probabilities[2 * ((10 - y * 10) * 11 + x * 10) + 1];
    expect([...grid.predicted]).toEqual([0, 1, 1, 0]);
    expect(at(0, 0)).toBeLessThan(0.5);
    expect(at(1, 1)).toBeLessThan(0.5);
    expect(at(0, 1)).toBeGreaterThan(0.5);
    expect(at(1, 0)).toBeGreaterThan(0.5);
    const table = await runner.inspect(name, (net) => predict(net, Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1]), 4));
    expect([1, 3, 5, 7].map((i) => table[i] > 0.5)).toEqual([false, true, true, false]);
    expect(table[0] + table[1]).toBeCloseTo(1, 5); // a single logistic unit is reported as two probabilities
    runner.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('a 2-D decision map of three classes with extra input features', () => {
  it('maps the grid and the points through the run\'s features, and its predictions are the network\'s', async () => {
    const features = ['x', 'y', 'xy'] as const;
    const { runner, dataset, name } = await trained({
      task: 'spiral',
      data: { classes: 3, trainSize: 90, testSize: 30 },
      runs: [{ model: 'INPUT 3, FC-8 TANH, FC-3', features, optimizer: { name: 'adam', learningRate: 0.03 }, training: { batchSize: 16, steps: 60 } }],
    });
    const points = dataset.test.x; // the raw (x, y) points
    const grid = await runner.inspect(name, (net) => decisionGrid(net, 5, -6, 6, features, points));
    expect(grid.classes).toBe(3);
    expect(grid.probabilities).toHaveLength(25 * 3);
    for (let i = 0; i < 25; i++) expect(grid.probabilities[3 * i] + grid.probabilities[3 * i + 1] + grid.probabilities[3 * i + 2]).toBeCloseTo(1, 5);
    // The same points through predict, mapped by hand: the same classes.
    const mapped = new Float32Array(30 * 3);
    for (let i = 0; i < 30; i++) mapped.set([points[2 * i], points[2 * i + 1], points[2 * i] * points[2 * i + 1]], 3 * i);
    const probabilities = await runner.inspect(name, (net) => predict(net, mapped, 30));
    const argmax = Array.from({ length: 30 }, (_, i) => [0, 1, 2].reduce((b, c) => (probabilities[3 * i + c] > probabilities[3 * i + b] ? c : b), 0));
    expect([...grid.predicted]).toEqual(argmax);
    runner.dispose();
  });
});

describe('MNIST views', () => {
  it('gives predictions, a confusion matrix, filters, activation maps and histograms', async () => {
    const before = tf.memory().numTensors;
    const { runner, name, dataset } = await trained({
      task: 'mnist',
      data: { trainSize: 2000, testSize: 300 },
      runs: [{ model: 'INPUT 28x28x1, CONV5-6, POOL2, FC-10', optimizer: { name: 'adam', learningRate: 0.003 }, training: { steps: 80, batchSize: 32, evalEvery: 80 } }],
    });
    const { predicted, confusion } = await runner.inspect(name, (net, data) => testPredictions(net, data, 10));
    expect(predicted).toHaveLength(300);
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(300);
    const correct = confusion.reduce((sum, row, i) => sum + row[i], 0);
    expect(correct / 300).toBeGreaterThan(0.7);
    confusion.forEach((row, actual) => expect(row.reduce((a, b) => a + b, 0)).toBe(dataset.test.labels.filter((l) => l === actual).length));

    const filters = await runner.inspect(name, (net) => firstLayerFilters(net));
    expect(filters?.shape).toEqual([5, 5, 1, 6]);
    expect(filters?.values).toHaveLength(150);

    const digit = dataset.test.x.slice(0, 784);
    const maps = await runner.inspect(name, (net) => activationMaps(net, digit));
    expect(maps.map((m) => m.shape)).toEqual([[28, 28, 6]]);
    expect(maps[0].values.some((v) => v > 0)).toBe(true);

    const probabilities = await runner.inspect(name, (net) => predict(net, digit, 1));
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(probabilities.indexOf(Math.max(...probabilities))).toBe(predicted[0]);

    const histograms = await runner.inspect(name, (net, data, probe) => {
      const x = tf.gather(data.inputs('train', net.spec.input), probe);
      return activationHistograms(net, x, 20).finally(() => x.dispose());
    });
    expect(histograms.map((h) => h.label)).toEqual(['CONV5-6', 'FC-10']);
    expect(histograms[0].counts.reduce((a, b) => a + b, 0)).toBe(256 * 28 * 28 * 6);
    expect(histograms[1].edges).toHaveLength(21);

    runner.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(runner.inspect(name, async () => 1)).rejects.toThrow(/no trained network/);
  });
});
