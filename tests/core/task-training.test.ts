// One experiment per task, trained in Node on real data (generated 2-D points, a drawing, the iris
// table, PNG files of real MNIST digits, MNIST itself) for a few hundred steps: each beats chance on
// its test set, and the split the document counts is the one that trains.
import { describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import { ExperimentRunner } from '../../src/core/experiment-runner';
import { buildDataset } from '../../src/data/dataset';
import { nodeImageDecoder } from '../../src/data/node-source';
import { csvExamples, imageExamples, type UserExamples } from '../../src/data/user-examples';
import { backend, mnistDigits } from '../support/engine';
import { digitImages, irisCsv } from '../support/user-files';
import points from '../../docs/examples/points.json';

async function testAccuracy(input: { task: string; data?: Record<string, unknown>; runs: object[] }, examples?: UserExamples) {
  const data = examples ? { ...input.data, source: examples.source } : input.data;
  const doc = experiment({ ...input, data });
  const dataset = buildDataset(doc.task, doc.data, doc.task === 'mnist' ? await mnistDigits() : undefined, examples);
  // What the document counted is what trains.
  expect(dataset.train.count).toBe(doc.data.trainSize);
  expect(dataset.test.count).toBe(doc.data.testSize);
  const results = await new ExperimentRunner(doc, dataset, { diagnosticsEvery: 0, onEvent: () => {} }).run();
  return { accuracy: Object.fromEntries(results.map((r) => [r.run, r.testAccuracy])), chance: 1 / dataset.numClasses };
}

const plane = (model: string, steps: number, extra: object = {}) => ({ model, optimizer: { name: 'adam', learningRate: 0.03 }, training: { batchSize: 16, steps, evalEvery: steps }, ...extra });

describe('every task trains in Node and beats chance', () => {
  it('the 2-D generators: xor quadrants, circle, gaussians, a three-armed spiral', async () => {
    await backend('cpu');
    const cases = [
      { task: 'xor', data: { xorPoints: 'quadrants', noise: 0.2 }, runs: [plane('INPUT 2, FC-8 TANH, FC-1', 300)] },
      { task: 'circle', data: { noise: 0.2 }, runs: [plane('INPUT 2, FC-8 TANH, FC-8 TANH, FC-2', 400)] },
      { task: 'gaussians', data: { noise: 0.5 }, runs: [plane('INPUT 2, FC-4 TANH, FC-2', 200)] },
      { task: 'spiral', data: { classes: 3, trainSize: 600, testSize: 600, noise: 0.1 }, runs: [plane('INPUT 2, FC-32 TANH, FC-32 TANH, FC-3', 2000, { optimizer: { name: 'adam', learningRate: 0.01 }, training: { batchSize: 32, steps: 2000, evalEvery: 2000 } })] },
    ];
    for (const input of cases) {
      const { accuracy, chance } = await testAccuracy(input);
      expect(accuracy['run 1'], input.task).toBeGreaterThan(chance + 0.3);
    }
  });

  it('input features decide what a linear model can separate: a circle on x², y² but not on x, y (the control)', async () => {
    await backend('cpu');
    const { accuracy } = await testAccuracy({
      task: 'circle',
      data: { noise: 0.2 },
      runs: [plane('INPUT 2, FC-2', 400, { name: 'x, y' }), plane('INPUT 2, FC-2', 400, { name: 'x², y²', features: ['x2', 'y2'] })],
    });
    expect(accuracy['x², y²']).toBeGreaterThan(0.95);
    expect(accuracy['x, y']).toBeLessThan(0.75);
  });

  it('drawn points (docs/examples/points.json, tested on its training points)', async () => {
    await backend('cpu');
    const { accuracy, chance } = await testAccuracy(points);
    expect(accuracy['2-8-3 tanh']).toBeGreaterThan(chance + 0.5);
  });

  it('a CSV file: the iris table, standardised, 120 rows train and 30 test', async () => {
    await backend('cpu');
    const examples = await csvExamples(irisCsv(), 'iris.csv', { label: 'species' });
    const { accuracy, chance } = await testAccuracy(
      { task: 'csv', data: { label: 'species' }, runs: [{ model: 'INPUT 4, FC-16 RELU, FC-3', optimizer: { name: 'adam', learningRate: 0.01 }, training: { batchSize: 16, epochs: 20 } }] },
      examples,
    );
    expect(accuracy['run 1']).toBeGreaterThan(chance + 0.4);
  });

  it('a folder of images: PNG files of real MNIST zeros and ones, dark on white, inverted to MNIST\'s light on dark', async () => {
    await backend('cpu');
    const files = await digitImages([0, 1], 40);
    const examples = await imageExamples({ kind: 'image-folder', name: 'digits', files }, nodeImageDecoder, { imageSize: 28, invert: true });
    expect(examples.classNames).toEqual(['d0', 'd1']);
    const { accuracy, chance } = await testAccuracy(
      { task: 'images', data: { invert: true, testFraction: 0.25 }, runs: [{ model: 'INPUT 784, FC-32 RELU, FC-2', optimizer: { name: 'adam', learningRate: 0.003 }, training: { batchSize: 10, epochs: 10 } }] },
      examples,
    );
    expect(accuracy['run 1']).toBeGreaterThan(chance + 0.35);
  });

  it('MNIST, a small split', async () => {
    await backend('cpu');
    const { accuracy, chance } = await testAccuracy({ task: 'mnist', data: { trainSize: 2000, testSize: 500 }, runs: [{ model: 'INPUT 784, FC-32 RELU HE, FC-10', training: { batchSize: 32, steps: 150, evalEvery: 150 } }] });
    expect(accuracy['run 1']).toBeGreaterThan(chance + 0.5);
  });
});
