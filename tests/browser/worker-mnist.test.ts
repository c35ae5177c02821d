// MNIST through the worker: the chunks are downloaded with progress, checked, cached between
// experiments, and a short MLP run learns far better than chance.
import { afterAll, expect, test } from 'vitest';
import mlpJson from '../../docs/examples/mnist-mlp.json';
import { experiment } from '../../src/core/experiment';
import { downloadBytes } from '../../src/data/mnist';
import { TrainingHost } from '../../src/worker/host';
import { Recorder } from './recorder';

// Small enough for software WebGL: 100 steps of 32 over 2,000 digits.
const mlp = experiment({
  ...mlpJson,
  data: { ...mlpJson.data, trainSize: 2000, testSize: 500 },
  runs: [{ ...mlpJson.runs[0], training: { ...mlpJson.runs[0].training, batchSize: 32, steps: 100, evalEvery: 50 } }],
});

const host = new TrainingHost();
afterAll(() => host.dispose());

test('loads MNIST in the worker with progress and trains an MLP well above chance', async () => {
  const rec = new Recorder(host);
  host.start(mlp, 'webgl', { diagnosticsEvery: 0 });
  await rec.until(() => rec.of('finished').length > 0, 'the MNIST run to finish');

  expect(rec.of('backend')[0]).toMatchObject({ info: { name: 'webgl' }, where: 'worker' });
  const progress = rec.of('loading');
  expect(progress.length).toBeGreaterThanOrEqual(2);
  const size = progress.at(-1)!.loaded;
  // Only the chunks holding 2,000 training and 500 test digits: one of each, gzip-compressed.
  expect(size).toBe(downloadBytes({ train: 2000, test: 500 }));
  expect(progress.at(-1)!.total).toBe(size);
  for (let i = 1; i < progress.length; i++) expect(progress[i].loaded).toBeGreaterThanOrEqual(progress[i - 1].loaded);
  // Downloading comes before training.
  const order = rec.received.map((r) => r.message.type);
  expect(order.lastIndexOf('loading')).toBeLessThan(order.indexOf('events'));

  expect(rec.evals.map((e) => e.step)).toEqual([50, 100]);
  expect(rec.evals.at(-1)!.testAccuracy).toBeGreaterThan(0.7); // chance is 0.1
  expect(rec.done[0]).toMatchObject({ steps: 100, stopped: false, diverged: false });
});

test('a second MNIST experiment reuses the digits without downloading again', async () => {
  const rec = new Recorder(host);
  host.start({ ...mlp, runs: [{ ...mlp.runs[0], training: { ...mlp.runs[0].training, steps: 10, evalEvery: 10 } }] }, 'webgl', {
    diagnosticsEvery: 0,
  });
  await rec.until(() => rec.of('finished').length > 0, 'the second run to finish');
  expect(rec.of('loading')).toEqual([]);
  expect(rec.done[0].steps).toBe(10);
});
