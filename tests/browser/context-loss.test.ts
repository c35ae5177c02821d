// A lost WebGL context, forced with the WEBGL_lose_context extension while training, in the worker
// and on the page: the session stops with an `interrupted` message (no `finished`, no error), the
// events sent before stand, and a start with { resume: true } goes on from the last snapshot on a
// new WebGL backend to the last step, as a plain start goes on from step 0.
import { afterEach, describe, expect, test } from 'vitest';
import { experiment } from '../../src/core/experiment';
import { loseWebGLContext } from '../../src/core/backend';
import type { MetricsEvent } from '../../src/core/events';
import { TrainingHost } from '../../src/worker/host';
import { Recorder, settle } from './recorder';

const STEPS = 1500;
const doc = experiment({
  task: 'xor',
  data: { xorPoints: 'cloud', trainSize: 200, testSize: 100, noise: 0.2 },
  runs: [
    { name: 'tanh', model: 'INPUT 2, FC-8 TANH, FC-2', optimizer: { name: 'adam', learningRate: 0.01 }, training: { batchSize: 16, steps: STEPS, evalEvery: 50 } },
    { name: 'relu', model: 'INPUT 2, FC-8, FC-2', optimizer: { name: 'momentum', learningRate: 0.05 }, training: { batchSize: 16, steps: STEPS, evalEvery: 50 } },
  ],
});

let host: TrainingHost | null = null;
afterEach(() => host?.dispose());

const metricsOf = (rec: Recorder, start: number, run: string) =>
  rec
    .of('events')
    .filter((m) => m.start === start)
    .flatMap((m) => m.events)
    .filter((e): e is MetricsEvent => e.type === 'metrics' && e.run === run)
    .map((e) => e.step);

const steps = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe.each([
  ['worker', false],
  ['main-thread', true],
] as const)('on the %s', (where, mainThread) => {
  test('a lost context interrupts the runs with a message; resume goes on from the last snapshot to the end', async () => {
    host = new TrainingHost({ mainThread });
    const rec = new Recorder(host);
    const first = host.start(doc, 'webgl');
    await rec.until(() => rec.lastStep > 120, 'training past its second evaluation');

    // On the page the test holds the session's tfjs and loses its context itself; a worker's context
    // is out of reach, so the worker is asked to do the same.
    if (mainThread) expect(loseWebGLContext()).toBe(true);
    else host.simulateContextLoss();
    await rec.until(() => rec.of('interrupted').length > 0, 'the interrupted message');
    await settle(rec, 'the interruption');

    const [interrupted] = rec.of('interrupted');
    expect(interrupted).toMatchObject({ start: first, where, reason: expect.stringMatching(/^the GPU's WebGL context was lost \(/) });
    expect(rec.of('finished')).toEqual([]);
    expect(rec.of('error')).toEqual([]);
    // Every step reported before the loss arrived, in order; the snapshots are at evaluation steps.
    const before = { tanh: metricsOf(rec, first, 'tanh'), relu: metricsOf(rec, first, 'relu') };
    expect(interrupted.step).toBe(Math.max(before.tanh.at(-1)!, before.relu.at(-1)!));
    expect(before.tanh).toEqual(steps(1, before.tanh.length));
    expect(interrupted.resumable.map((r) => r.run)).toEqual(['tanh', 'relu']);
    for (const { run, step } of interrupted.resumable) {
      expect(step % 50).toBe(0);
      expect(step).toBeGreaterThanOrEqual(100);
      expect(step).toBeLessThanOrEqual(before[run as 'tanh' | 'relu'].at(-1)!);
    }

    const second = host.start(doc, 'webgl', { resume: true });
    await rec.until(() => rec.of('finished').some((f) => f.start === second), 'the resumed training to finish', 170_000);
    expect(rec.of('backend').find((b) => b.start === second)).toMatchObject({ info: { name: 'webgl' }, where });
    for (const { run, step } of interrupted.resumable) expect(metricsOf(rec, second, run)).toEqual(steps(step + 1, STEPS));
    expect(rec.done.filter((d) => d.steps === STEPS && !d.stopped && !d.diverged).map((d) => d.run)).toEqual(['tanh', 'relu']);
  });
});

test('after a loss a plain start trains from step 0 on a new context; resume without an interruption is refused', async () => {
  host = new TrainingHost();
  const rec = new Recorder(host);
  const short = experiment({ ...doc, runs: doc.runs.map((r) => ({ ...r, training: { ...r.training, steps: 200 } })) });
  const refused = host.start(short, 'webgl', { resume: true });
  await expect.poll(() => rec.of('error'), { timeout: 60_000 }).toEqual([expect.objectContaining({ start: refused, message: 'there is nothing to continue: no training was interrupted' })]);
  rec.received.length = 0;

  const first = host.start(short, 'webgl', { stepsOverride: 100_000 });
  await rec.until(() => rec.lastStep > 20, 'training under way');
  host.simulateContextLoss(200);
  await rec.until(() => rec.of('interrupted').length > 0, 'the interrupted message');
  // The browser gives the context back; the next start uses a new one either way.
  await rec.until(() => rec.of('context-restored').length > 0, 'the context to come back');
  const again = host.start(short, 'webgl');
  await rec.until(() => rec.of('finished').some((f) => f.start === again), 'the new start to finish');
  expect(first).toBeLessThan(again);
  expect(metricsOf(rec, again, 'tanh')).toEqual(steps(1, 200));
  expect(rec.of('error')).toEqual([]);
});
