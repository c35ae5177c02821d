// The measured choice ('auto'): every backend that works here trains a few real steps of the
// experiment, and the fastest is set. In Node, webgl and webgpu do not exist, so wasm and cpu race.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import xor from '../../docs/examples/xor.json';
import spiral from '../../docs/examples/spiral.json';
import { useBackend, type BackendName } from '../../src/core/backend';
import { timeSteps } from '../../src/core/backend-timing';
import { experiment } from '../../src/core/experiment';
import { buildDataset } from '../../src/data/dataset';
import { chooseFastest } from '../../src/worker/backend-choice';

describe('the fastest backend, measured', () => {
  afterAll(async () => {
    await useBackend('cpu');
  });

  it('times wasm and cpu on the experiment itself, leaves out the GPU backends Node lacks, and sets the fastest', async () => {
    const doc = experiment(xor);
    const dataset = buildDataset(doc.task, doc.data);
    const timed: string[] = [];
    const choice = await chooseFastest(async (fasterThan) => {
      timed.push(tf.getBackend());
      return timeSteps(doc, dataset, { fasterThan, budgetMs: 40 });
    }, {});
    expect(timed).toEqual(['wasm', 'cpu']);
    const measured = choice.measured!;
    expect(measured.map((m) => m.backend).sort()).toEqual(['cpu', 'wasm']);
    expect(measured[0].msPerStep).toBeLessThanOrEqual(measured[1].msPerStep);
    expect(measured.every((m) => m.msPerStep > 0 && Number.isFinite(m.msPerStep))).toBe(true);
    // The winner is the backend left set, whichever one ran last.
    expect(choice.info.name).toBe(measured[0].backend);
    expect(tf.getBackend()).toBe(measured[0].backend);
  });

  it('a backend that fails (here wasm, refused) is left out, not reported as slow', async () => {
    const doc = experiment(xor);
    const dataset = buildDataset(doc.task, doc.data);
    const use = (name: BackendName) => (name === 'cpu' ? useBackend('cpu') : Promise.reject(new Error(`${name} refused by this test`)));
    const choice = await chooseFastest((fasterThan) => timeSteps(doc, dataset, { fasterThan, budgetMs: 20 }), {}, use);
    expect(choice.measured!.map((m) => m.backend)).toEqual(['cpu']);
    expect(choice.info.name).toBe('cpu');
  });

  it('with no backend working, the error names each failure', async () => {
    const use = (name: BackendName) => Promise.reject(new Error(`${name} refused by this test`));
    await expect(chooseFastest(async () => ({ msPerStep: 1 }), {}, use)).rejects.toThrow(/no tfjs backend works here: webgl refused by this test; webgpu refused.*cpu refused by this test/);
  });
});

describe('timing a few steps', () => {
  it('stops after the warm-up when that alone is ten times slower than the best so far; a close one is timed in full', async () => {
    await useBackend('cpu');
    const doc = experiment(spiral);
    const dataset = buildDataset(doc.task, doc.data);
    const before = tf.memory().numTensors;
    const slow = await timeSteps(doc, dataset, { fasterThan: 1e-6 });
    expect(slow).toMatchObject({ steps: 0, cutShort: true });
    // Control: with nothing faster to compare against, the same steps are timed after the warm-up.
    const full = await timeSteps(doc, dataset, { fasterThan: null, budgetMs: 20, maxSteps: 4 });
    expect(full.cutShort).toBeUndefined();
    expect(full.steps).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});
