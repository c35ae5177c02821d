// A lesson's compute step works on the inputs each run trains on: its 2-D features and its input
// scaling (training.inputs), not the document's raw data.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGradients } from '../../src/core/gradient-check';
import { experiment } from '../../src/core/experiment';
import { buildDataset, runDataset } from '../../src/data/dataset';
import { computeHandChecks } from '../../src/lessons/conv-by-hand-compute';
import { computeGradientChecks } from '../../src/lessons/gradient-checking-compute';
import { backend, mnistDigits } from '../support/engine';

const training = (inputs: string) => ({ batchSize: 8, steps: 10, evalEvery: 10, inputs });

describe('compute steps on each run’s own inputs', () => {
  beforeAll(() => backend('cpu'));

  it('check the gradients of a circle net on its x, y, xy features: three inputs, not the two coordinates', async () => {
    const doc = experiment({
      task: 'circle',
      runs: [{ name: 'features', seed: 3, model: 'INPUT 3, FC-4 TANH, FC-2', features: ['x', 'y', 'xy'], optimizer: { name: 'sgd', learningRate: 0.1 }, training: { batchSize: 8, steps: 10, evalEvery: 10 } }],
    });
    const data = buildDataset(doc.task, doc.data);
    expect(data.featureShape).toEqual([2]); // the document's points: what the step was given before
    const [check] = await computeGradientChecks(doc, data);
    expect(check.layers.map((l) => l.label)).toHaveLength(2);
    // The first layer's weights are 3 x 4: an entry beyond the first two inputs' rows is checked too.
    expect(Math.min(...check.layers.map((l) => Math.min(...l.centredError)))).toBeLessThan(1e-2);
  });

  it('check an MNIST net on standardised pixels when its training says so, and on raw pixels otherwise', async () => {
    const run = (name: string, inputs: string) => ({ name, seed: 5, model: 'INPUT 784, FC-8 TANH, FC-10', optimizer: { name: 'sgd', learningRate: 0.1 }, training: training(inputs) });
    const doc = experiment({ task: 'mnist', data: { trainSize: 200, testSize: 20 }, runs: [run('raw', 'raw'), run('standardised', 'standardised')] });
    const data = buildDataset(doc.task, doc.data, await mnistDigits());
    const [raw, standardised] = await computeGradientChecks(doc, data);
    const analytic = (c: typeof raw) => c.layers[0].entries.map((e) => e.analytic);
    // The same check worked directly on the run's standardised digits gives the same gradients ...
    const scaled = runDataset(data, doc.runs[1]);
    const targets = new Float32Array(4 * 10);
    for (let i = 0; i < 4; i++) targets[i * 10 + scaled.train.labels[i]] = 1;
    const direct = await checkGradients(doc.runs[1], scaled.train.x.slice(0, 4 * 784), targets, 4);
    expect(analytic(standardised)).toEqual(analytic(direct));
    // ... and the control, the same weights on raw pixels, gives others.
    expect(analytic(standardised)).not.toEqual(analytic(raw));
  });

  it('work a convolution by hand on the pixels the run sees', async () => {
    const run = (name: string, inputs: string) => ({ name, seed: 2, model: 'INPUT 28x28x1, CONV3-2 LINEAR, FC-10', optimizer: { name: 'sgd', learningRate: 0.1 }, training: training(inputs) });
    const doc = experiment({ task: 'mnist', data: { trainSize: 200, testSize: 20 }, runs: [run('raw', 'raw'), run('centred', 'centred')] });
    const [raw, centred] = await computeHandChecks(doc, buildDataset(doc.task, doc.data, await mnistDigits()));
    for (const c of [raw, centred]) expect(c.difference / c.scale).toBeLessThan(1e-5);
    // Centred pixels are negative on the background: the maps' scale differs from the raw digit's.
    expect(centred.scale).not.toBeCloseTo(raw.scale, 3);
  });
});
