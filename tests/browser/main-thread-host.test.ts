// The fallback: the same session on the page's thread, announced as such in its messages.
import { afterEach, expect, test } from 'vitest';
import xorJson from '../../docs/examples/xor.json';
import { experiment, parseExperiment } from '../../src/core/experiment';
import { TrainingHost } from '../../src/worker/host';
import { Recorder } from './recorder';

const xor = experiment(xorJson);
let host: TrainingHost | null = null;
afterEach(() => host?.dispose());

test('with { mainThread: true } the session trains on the page and says so', async () => {
  host = new TrainingHost({ mainThread: true });
  const rec = new Recorder(host);
  host.start(xor, 'webgl', { stepsOverride: 200 });
  await rec.until(() => rec.of('finished').length > 0, 'finished');
  expect(host.where).toBe('main-thread');
  expect(rec.of('backend')[0]).toMatchObject({ where: 'main-thread', info: { name: 'webgl' } });
  expect(rec.done[0]).toMatchObject({ steps: 200, stopped: false });
  expect(rec.metrics).toHaveLength(200);
  expect(rec.of('events').length).toBeLessThan(200 / 5);
});

test('an invalid document is refused with an error naming the field, and no finished follows', async () => {
  host = new TrainingHost({ mainThread: true });
  const rec = new Recorder(host);
  const broken = { ...xor, runs: [{ ...xor.runs[0], training: { ...xor.runs[0].training, batchSize: 0 } }] };
  host.start(broken, 'cpu');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const errors = rec.received.filter((r) => r.message.type === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0].message).toMatchObject({ where: 'main-thread', message: expect.stringMatching(/runs\[0\]\.training\.batchSize/) });
  expect(rec.of('finished')).toEqual([]);
  expect(rec.of('backend')).toEqual([]);
});

test('a document over the memory budget of the backend it gets is refused before any data or tensor exists', async () => {
  const tf = await import('@tensorflow/tfjs');
  host = new TrainingHost({ mainThread: true });
  const rec = new Recorder(host);
  // 1.2 GB by the estimate: inside wasm's 2 GB, past webgl's 1 GB.
  const model = 'INPUT 784, FC-4096, FC-4096, FC-4096, FC-4096, FC-4096, FC-10';
  const parsed = parseExperiment({ task: 'mnist', runs: [{ model }] }, { memoryLimit: null });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const tensors = tf.memory().numTensors;
  host.start(parsed.doc, 'webgl');
  await expect.poll(() => rec.of('error').length, { timeout: 60_000 }).toBe(1);
  expect(rec.of('error')[0].message).toMatch(/^the experiment does not fit in memory here:\n {2}runs\[0\]\.model needs about 1\.\d GB to train; the limit here is 1 GB \(webgl[^)]*\); layer 2 FC-4096 alone holds 16\.8 M/);
  expect(rec.of('backend')).toHaveLength(1);
  expect(rec.of('loading')).toEqual([]);
  expect(rec.of('events')).toEqual([]);
  expect(tf.memory().numTensors).toBe(tensors);
});
