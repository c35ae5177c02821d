// A run's input preprocessing (training.inputs): statistics from the training split only, the same
// statistics for every later input, raw pixels for what the student is shown, and runs with different
// preprocessing never sharing an upload or a stack.
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import { ExperimentRunner } from '../../src/core/experiment-runner';
import { predict } from '../../src/core/inspect';
import { stackRuns } from '../../src/core/stacks';
import { buildDataset, type Dataset } from '../../src/data/dataset';
import { scaleInputs, withInputScaling } from '../../src/data/input-scaling';
import { answerInspect } from '../../src/worker/inspect-answers';
import { backend, mnistDigits } from '../support/engine';

/** Three examples of two features: feature 0 spread around 2, feature 1 constant. */
const tiny = (testX: number[]): Dataset => ({
  task: 'csv',
  featureShape: [2],
  numClasses: 2,
  classNames: ['0', '1'],
  train: { x: Float32Array.from([1, 5, 2, 5, 3, 5]), labels: Uint8Array.from([0, 1, 0]), count: 3 },
  test: { x: Float32Array.from(testX), labels: Uint8Array.from([1]), count: 1 },
});

describe('withInputScaling', () => {
  it('leaves raw inputs alone (the same object)', () => {
    const d = tiny([10, 5]);
    expect(withInputScaling(d, 'raw')).toBe(d);
  });

  it('centres with the training mean only, and applies it to the test split', () => {
    const c = withInputScaling(tiny([10, 7]), 'centred');
    expect([...c.train.x]).toEqual([-1, 0, 0, 0, 1, 0]);
    // The test example's 10 does not move the mean: 10 − 2, 7 − 5.
    expect([...c.test.x]).toEqual([8, 2]);
    expect(c.unscaled?.train.x[0]).toBe(1);
  });

  it('standardises by the training spread; a constant feature is only centred', () => {
    const s = withInputScaling(tiny([4, 6]), 'standardised');
    const sd = Math.sqrt(2 / 3);
    expect(s.train.x[0]).toBeCloseTo(-1 / sd, 6);
    expect(s.train.x[4]).toBeCloseTo(1 / sd, 6);
    expect(s.test.x[0]).toBeCloseTo(2 / sd, 6);
    expect(s.test.x[1]).toBe(1); // 6 − 5, divided by nothing
    expect([...scaleInputs(Float32Array.from([2, 5]), s.inputScaling)]).toEqual([0, 0]);
    // The control: without scaling the input passes unchanged.
    expect([...scaleInputs(Float32Array.from([2, 5]), undefined)]).toEqual([2, 5]);
  });
});

describe('runs with their own preprocessing', () => {
  beforeAll(() => backend('cpu'));

  const run = (name: string, inputs: string) => ({ name, seed: 4, model: 'INPUT 784, FC-10', optimizer: { name: 'sgd', learningRate: 0.5 }, training: { batchSize: 16, steps: 30, evalEvery: 30, inputs } });
  const doc = experiment({ task: 'mnist', data: { trainSize: 200, testSize: 50 }, runs: [run('raw', 'raw'), run('centred', 'centred'), run('centred too', 'centred')] });

  it('train in separate stacks by preprocessing, and answer the page in raw pixels', async () => {
    expect(stackRuns(doc.runs)).toEqual([[0], [1, 2]]);
    const dataset = buildDataset(doc.task, doc.data, await mnistDigits());
    const runner = new ExperimentRunner(doc, dataset, { keepModels: true, diagnosticsEvery: 0, onEvent: () => {} });
    const results = await runner.run();
    expect(results.map((r) => r.run)).toEqual(['raw', 'centred', 'centred too']);
    // Same seed, same batches: only the preprocessing differs, and it changes the curve.
    expect(results[0].loss).not.toBe(results[1].loss);
    expect(results[1].loss).toBe(results[2].loss);

    // The digits a view shows are the raw pixels, for every run.
    const shown = await answerInspect(runner, 'centred', { kind: 'test-examples', count: 2 });
    if (shown.kind !== 'test-examples') throw new Error('wrong answer kind');
    expect([...shown.x]).toEqual([...dataset.test.x.slice(0, 2 * 784)]);
    expect(Math.min(...shown.x)).toBe(0);

    // A drawn digit arrives raw: the centred run sees it centred, exactly as its test digits.
    const digit = dataset.test.x.slice(0, 784);
    const [viaPage, onScaled] = await Promise.all([
      answerInspect(runner, 'centred', { kind: 'predict', x: digit, n: 1 }),
      runner.inspect('centred', (net, data) => predict(net, data.dataset.test.x.slice(0, 784), 1)),
    ]);
    if (viaPage.kind !== 'predict') throw new Error('wrong answer kind');
    expect([...viaPage.probabilities].map((p) => p.toFixed(6))).toEqual([...onScaled].map((p) => p.toFixed(6)));
    // The control: the raw digit fed straight to the centred network predicts something else.
    const unscaled = await runner.inspect('centred', (net) => predict(net, digit, 1));
    expect(Math.max(...[...unscaled].map((p, i) => Math.abs(p - onScaled[i])))).toBeGreaterThan(1e-3);
    runner.dispose();
  });
});
