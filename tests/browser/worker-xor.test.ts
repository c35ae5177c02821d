// The training worker, driven through TrainingHost exactly as the app will: real worker, real tfjs on
// WebGL (OffscreenCanvas inside the worker), the controls, and the batched event stream.
import { afterEach, expect, test } from 'vitest';
import xorJson from '../../docs/examples/xor.json';
import { experiment } from '../../src/core/experiment';
import { TrainingHost } from '../../src/worker/host';
import { Recorder, sleep } from './recorder';

const xor = experiment(xorJson);
let host: TrainingHost | null = null;
afterEach(() => host?.dispose());

test('trains XOR on webgl in the worker: batched events, pause, single step, resume, speed limit, stop', async () => {
  host = new TrainingHost();
  const rec = new Recorder(host);
  // More steps than it needs, so that the run is still going when it is stopped.
  host.start(xor, 'webgl', { stepsOverride: 20_000 });

  await rec.until(() => rec.of('backend').length > 0, 'the backend message');
  const [backend] = rec.of('backend');
  expect(backend).toMatchObject({ where: 'worker', requested: 'webgl', info: { name: 'webgl', software: true } });
  expect(backend.fallback).toBeUndefined();
  expect(host.where).toBe('worker');

  await rec.until(() => rec.metrics.some((m) => m.loss < 0.05), 'a training loss below 0.05');
  // Not one message per step: each batch carries many events.
  const batches = rec.of('events');
  expect(rec.metrics.length / batches.length).toBeGreaterThan(5);

  // The chunk in flight when the pause arrives still lands; then the session says it is at rest, after
  // every step's events. (Waiting for a quiet spell instead lost the race on a loaded machine: a
  // chunk took longer than the quiet spell, and its steps landed after the pause had been "checked".)
  host.pause();
  await rec.until(() => rec.of('paused').length > 0, 'the paused message');
  const [paused] = rec.of('paused');
  const pausedAt = rec.lastStep;
  expect(paused.step).toBe(pausedAt);
  expect(rec.received.at(-1)!.message.type).toBe('paused');
  await sleep(800);
  expect(rec.lastStep).toBe(pausedAt);

  host.step();
  await rec.until(() => rec.of('paused').length > 1, 'at rest again after one single step');
  expect(rec.of('paused')[1].step).toBe(pausedAt + 1);
  expect(rec.lastStep).toBe(pausedAt + 1);
  await sleep(400);
  expect(rec.lastStep).toBe(pausedAt + 1);

  host.resume();
  await rec.until(() => rec.lastStep > pausedAt + 100, '100 more steps after resume');

  host.setSpeed(10);
  await sleep(1000); // the chunk in flight finishes at full speed
  const slowFrom = { step: rec.lastStep, at: performance.now() };
  await sleep(2500);
  const slowRate = ((rec.lastStep - slowFrom.step) * 1000) / (performance.now() - slowFrom.at);
  // The limit is a ceiling: a loaded machine may train slower, never faster. Progress must go on.
  expect(slowRate).toBeGreaterThan(0);
  expect(slowRate).toBeLessThan(14);

  host.setSpeed(null);
  const fastFrom = rec.lastStep;
  await rec.until(() => rec.lastStep > fastFrom + 100, 'full speed again');

  host.stop();
  await rec.until(() => rec.of('finished').length > 0, 'finished after stop');
  await sleep(300);
  const last = rec.received.at(-1)!.message;
  expect(last.type).toBe('finished');
  expect(rec.of('finished')).toHaveLength(1);
  expect(rec.done).toHaveLength(1);
  expect(rec.done[0]).toMatchObject({ stopped: true, diverged: false, steps: rec.lastStep });
  expect(rec.done[0].steps).toBeLessThan(20_000);
  expect(rec.done[0].loss).toBeLessThan(0.05);

  // Every step arrived exactly once and in order, across all batches; the `done` closes the stream.
  expect(rec.metrics.map((m) => m.step)).toEqual(Array.from({ length: rec.lastStep }, (_, i) => i + 1));
  expect(rec.events.at(-1)).toMatchObject({ type: 'done', stopped: true });
  expect(rec.of('error')).toEqual([]);
});

test('the worker also trains on wasm, loading the .wasm binaries from their Vite URLs', async () => {
  host = new TrainingHost();
  const rec = new Recorder(host);
  host.start(xor, 'wasm', { stepsOverride: 300 });
  await rec.until(() => rec.of('finished').length > 0, 'finished');
  expect(rec.of('backend')[0]).toMatchObject({ info: { name: 'wasm' }, where: 'worker' });
  expect(rec.done[0]).toMatchObject({ steps: 300, stopped: false });
});

test('a new start stops the running one; the id on every message tells the two apart', async () => {
  host = new TrainingHost();
  const rec = new Recorder(host);
  const first = host.start(xor, 'cpu', { stepsOverride: 50_000 });
  await rec.until(() => rec.lastStep > 50, 'the first run under way');
  const second = host.start(xor, 'cpu', { stepsOverride: 100 });
  expect(second).toBeGreaterThan(first);
  await rec.until(() => rec.of('finished').length === 2, 'both runs to finish');

  const [a, b] = rec.of('finished');
  expect([a.start, b.start]).toEqual([first, second]);
  // Each start's runs end with their done events, in that start's own messages.
  const doneOf = (start: number) => rec.of('events').filter((m) => m.start === start).flatMap((m) => m.events.filter((e) => e.type === 'done'));
  expect(doneOf(first)).toMatchObject([{ stopped: true }]);
  expect(doneOf(second)).toMatchObject([{ stopped: false, steps: 100 }]);
  // Strictly one after the other: nothing of the second run arrives before the first has finished.
  const order = rec.received.map((r) => r.message.start);
  expect(order).toEqual([...order.filter((s) => s === first), ...order.filter((s) => s === second)]);
  const secondSteps = rec.of('events').filter((m) => m.start === second).flatMap((m) => m.events.filter((e) => e.type === 'metrics').map((e) => e.step));
  expect(secondSteps).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
});
