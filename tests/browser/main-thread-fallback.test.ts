// When the worker cannot get WebGL but the page can, training moves to the page's thread with a
// note. The worker's failure is played by a stand-in; the main-thread host and training are real.
import { describe, expect, it, vi } from 'vitest';
import xor from '../../docs/examples/xor.json';
import { experiment } from '../../src/core/experiment';
import { momentum } from '../../src/lessons/momentum';
import { TrainingController } from '../../src/state/training.svelte';
import type { HostListener, TrainingHostLike } from '../../src/worker/host';

function workerWithoutWebGL() {
  const listeners = new Set<HostListener>();
  let id = 0;
  /** A trace asked of the worker waits for an answer that never comes, until the host is closed. */
  const unanswered: ((e: Error) => void)[] = [];
  const host = {
    where: 'worker' as const,
    disposed: false,
    probe(requested: 'webgl' | 'wasm' | 'cpu') {
      const start = ++id;
      queueMicrotask(() => {
        for (const l of listeners) {
          l({ type: 'backend', start, requested, where: 'worker', info: { name: 'wasm', renderer: 'WebAssembly (CPU)', software: true }, fallback: 'the webgl backend is not available here; using wasm instead' });
        }
      });
      return start;
    },
    onMessage(l: HostListener) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    dispose() {
      host.disposed = true;
      for (const reject of unanswered) reject(new Error('the training session was closed'));
    },
    start: () => ++id,
    pause() {},
    resume() {},
    step() {},
    stop() {},
    setSpeed() {},
    inspect: () => Promise.reject(new Error('not used')),
    trace: () => new Promise<never>((_, reject) => unanswered.push(reject)),
    compute: () => new Promise<never>((_, reject) => unanswered.push(reject)),
    landscape: () => Promise.reject(new Error('not used')),
  };
  return host;
}

describe('main-thread fallback', () => {
  it('moves training (and a pending valley trace) to the page when the worker has no WebGL, says so, and trains there on WebGL', async () => {
    const worker = workerWithoutWebGL();
    const training = new TrainingController(worker as TrainingHostLike);
    training.probe('webgl');
    // Asked before the move: the worker never answers, so the page's session must.
    const trace = training.trace(momentum.valley!);
    await vi.waitFor(() => expect(training.backend?.where).toBe('main-thread'), { timeout: 60_000 });
    const traced = await trace;
    expect(traced.paths.map((p) => p.name)).toEqual(['beta 0', 'beta 0.9', 'beta 0.99999']);
    expect(traced.paths[1].xs).toHaveLength(momentum.valley!.steps + 1);
    expect(worker.disposed).toBe(true);
    expect(training.backend?.info.name).toBe('webgl');
    expect(training.mainThreadNote).toMatch(/page's thread: the worker has no WebGL here/);

    training.train(experiment(xor), 'webgl', { stepsOverride: 300 });
    await vi.waitFor(() => expect(training.status).toBe('finished'), { timeout: 120_000, interval: 200 });
    expect(training.results[0].steps).toBe(300);
    training.dispose();
  });

  it('stays in the worker when the page has no WebGL either', async () => {
    const worker = workerWithoutWebGL();
    const training = new TrainingController(worker as TrainingHostLike, undefined, () => false);
    training.probe('webgl');
    await vi.waitFor(() => expect(training.backend?.info.name).toBe('wasm'));
    expect(worker.disposed).toBe(false);
    expect(training.mainThreadNote).toBeNull();
  });
});
