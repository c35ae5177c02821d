// A run resumed from a snapshot goes on exactly as if it had never stopped: same weights, optimizer
// state (adam's moments and step count, momentum's velocity), batch order and dropout masks, so
// the curves after the snapshot are the uninterrupted run's, step for step. Real tfjs on cpu.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricsEvent, TrainEvent } from '../../src/core/events';
import { experiment } from '../../src/core/experiment';
import { ExperimentRunner } from '../../src/core/experiment-runner';
import type { RunSnapshot } from '../../src/core/snapshot';
import { buildDataset } from '../../src/data/dataset';
import { backend } from '../support/engine';

beforeAll(() => backend('cpu'));

const doc = experiment({
  task: 'xor',
  data: { xorPoints: 'cloud', trainSize: 200, testSize: 100, noise: 0.2 },
  runs: [
    { name: 'adam', model: 'INPUT 2, FC-8 TANH, BN, DROPOUT0.2, FC-8 TANH, FC-2', optimizer: { name: 'adam', learningRate: 0.01 }, training: { batchSize: 16, steps: 100, evalEvery: 25 } },
    { name: 'momentum', model: 'INPUT 2, FC-8 TANH, FC-2', optimizer: { name: 'momentum', learningRate: 0.05 }, training: { batchSize: 16, steps: 100, evalEvery: 25 } },
  ],
});
const dataset = buildDataset(doc.task, doc.data);

async function train(options: { stopAfterEval?: number; resumeFrom?: RunSnapshot[] } = {}) {
  const events: TrainEvent[] = [];
  const runner = new ExperimentRunner(doc, dataset, {
    snapshots: true,
    resumeFrom: options.resumeFrom,
    onEvent: (e) => {
      events.push(e);
      // Each run evaluates in turn: stop once the last run has evaluated at that step.
      if (e.type === 'eval' && e.run === 'momentum' && e.step === options.stopAfterEval) runner.stop();
    },
  });
  const results = await runner.run();
  return { events, results, snapshots: runner.snapshots() };
}

const metrics = (events: TrainEvent[], run: string) => events.filter((e): e is MetricsEvent => e.type === 'metrics' && e.run === run);

describe('snapshots', () => {
  it('a run resumed at step 50 trains steps 51 to 100 as the uninterrupted run did', async () => {
    const tensors = tf.memory().numTensors;
    const whole = await train();
    const first = await train({ stopAfterEval: 50 });
    expect(first.snapshots.map((s) => [s.run, s.step])).toEqual([
      ['adam', 50],
      ['momentum', 50],
    ]);
    const resumed = await train({ resumeFrom: first.snapshots });

    for (const run of ['adam', 'momentum']) {
      expect(metrics(resumed.events, run).map((m) => m.step)).toEqual(Array.from({ length: 50 }, (_, i) => 51 + i));
    }
    expect(metrics(resumed.events, 'momentum')).toEqual(metrics(whole.events, 'momentum').slice(50));
    // Adam's bias correction is recomputed from the step count (tfjs's setWeights takes beta^(t+1) with
    // pow, where training multiplied t times): the curve agrees to float32 rounding, not bit for bit.
    const adam = metrics(whole.events, 'adam').slice(50);
    metrics(resumed.events, 'adam').forEach((m, i) => {
      expect(m.loss).toBeCloseTo(adam[i].loss, 5);
      expect(m.accuracy).toBe(adam[i].accuracy);
    });
    // The resumed runs emit no step-0 diagnostics again, and end as the whole runs did.
    expect(resumed.events.filter((e) => e.type === 'layers' && e.step === 0)).toEqual([]);
    const [adamDone, momentumDone] = resumed.results;
    expect(momentumDone).toMatchObject({ steps: 100, loss: whole.results[1].loss, testAccuracy: whole.results[1].testAccuracy, reason: null });
    expect(adamDone).toMatchObject({ steps: 100, reason: null });
    // Rounding may move a test point that lies on the boundary: one point of the 100.
    expect(Math.abs(adamDone.testAccuracy - whole.results[0].testAccuracy)).toBeLessThanOrEqual(0.01 + 1e-9);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('control: a snapshot whose weights are wrong (zeros) does not give the uninterrupted curve', async () => {
    const first = await train({ stopAfterEval: 50 });
    const wrong = first.snapshots.map((s) => ({ ...s, variables: s.variables.map((v) => new Float32Array(v.length)) }));
    const resumed = await train({ resumeFrom: wrong });
    const whole = await train();
    expect(metrics(resumed.events, 'momentum')[0].loss).not.toBe(metrics(whole.events, 'momentum')[50].loss);
  });

  it('refuses a snapshot of another model', async () => {
    const first = await train({ stopAfterEval: 25 });
    const other = first.snapshots.map((s) => ({ ...s, variables: s.variables.slice(1) }));
    await expect(train({ resumeFrom: other })).rejects.toThrow('the snapshot belongs to another model: its variables do not match this network');
  });
});
