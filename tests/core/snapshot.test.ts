// Runs resumed from a snapshot go on exactly as if they had never stopped: same weights, optimizer
// state (adam's moments and β^t, momentum's velocity), batch order and dropout masks, so the curves
// after the snapshot are the uninterrupted runs', step for step. A snapshot is a stack's (stacks.ts):
// 'momentum' and 'slow' train as one stack here, 'adam' alone. Real tfjs on cpu.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricsEvent, TrainEvent } from '../../src/core/events';
import { experiment } from '../../src/core/experiment';
import { ExperimentRunner } from '../../src/core/experiment-runner';
import { resumableRuns, type StackSnapshot } from '../../src/core/snapshot';
import { buildDataset } from '../../src/data/dataset';
import { backend } from '../support/engine';

beforeAll(() => backend('cpu'));

const doc = experiment({
  task: 'xor',
  data: { xorPoints: 'cloud', trainSize: 200, testSize: 100, noise: 0.2 },
  runs: [
    { name: 'adam', model: 'INPUT 2, FC-8 TANH, BN, DROPOUT0.2, FC-8 TANH, FC-2', optimizer: { name: 'adam', learningRate: 0.01 }, training: { batchSize: 16, steps: 100, evalEvery: 25 } },
    { name: 'momentum', model: 'INPUT 2, FC-8 TANH, FC-2', optimizer: { name: 'momentum', learningRate: 0.05 }, training: { batchSize: 16, steps: 100, evalEvery: 25 } },
    { name: 'slow', model: 'INPUT 2, FC-8 TANH, FC-2', optimizer: { name: 'momentum', learningRate: 0.01 }, training: { batchSize: 16, steps: 100, evalEvery: 25 } },
  ],
});
const dataset = buildDataset(doc.task, doc.data);

async function train(options: { stopAfterEval?: number; resumeFrom?: StackSnapshot[] } = {}) {
  const events: TrainEvent[] = [];
  const runner = new ExperimentRunner(doc, dataset, {
    snapshots: true,
    resumeFrom: options.resumeFrom,
    onEvent: (e) => {
      events.push(e);
      // Each run evaluates in turn: stop once the last run has evaluated at that step.
      if (e.type === 'eval' && e.run === 'slow' && e.step === options.stopAfterEval) runner.stop();
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
    expect(first.snapshots.map((s) => [s.runs, s.step])).toEqual([
      [['adam'], 50],
      [['momentum', 'slow'], 50],
    ]);
    expect(resumableRuns(first.snapshots)).toEqual([
      { run: 'adam', step: 50 },
      { run: 'momentum', step: 50 },
      { run: 'slow', step: 50 },
    ]);
    const resumed = await train({ resumeFrom: first.snapshots });

    for (const run of ['adam', 'momentum', 'slow']) {
      expect(metrics(resumed.events, run).map((m) => m.step)).toEqual(Array.from({ length: 50 }, (_, i) => 51 + i));
      // The stack optimizer's state (adam's β^t too) is restored as it was: bit for bit.
      expect(metrics(resumed.events, run)).toEqual(metrics(whole.events, run).slice(50));
    }
    // The resumed runs emit no step-0 diagnostics again, and end as the whole runs did.
    expect(resumed.events.filter((e) => e.type === 'layers' && e.step === 0)).toEqual([]);
    resumed.results.forEach((done, i) => {
      expect(done).toMatchObject({ steps: 100, loss: whole.results[i].loss, testAccuracy: whole.results[i].testAccuracy, reason: null });
    });
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('control: a snapshot whose weights are wrong (zeros) does not give the uninterrupted curve', async () => {
    const first = await train({ stopAfterEval: 50 });
    const wrong = first.snapshots.map((s) => ({ ...s, variables: s.variables.map((v) => new Float32Array(v.length)) }));
    const resumed = await train({ resumeFrom: wrong });
    const whole = await train();
    // Zeroed weights (batch norm's statistics too) change every run's step 51; adam's even diverges.
    const step51 = (events: TrainEvent[], run: string) => events.find((e) => e.run === run && (e.type === 'metrics' || e.type === 'diverged') && e.step === 51);
    for (const run of ['adam', 'momentum', 'slow']) expect(step51(resumed.events, run)).not.toEqual(step51(whole.events, run));
  });

  it('refuses a snapshot of another model', async () => {
    const first = await train({ stopAfterEval: 25 });
    const other = first.snapshots.map((s) => ({ ...s, variables: s.variables.slice(1) }));
    await expect(train({ resumeFrom: other })).rejects.toThrow('the snapshot belongs to another model: its variables do not match this network');
  });
});
