// The views' one request gate on its own, with a fake question whose answers the test releases.
import { describe, expect, it } from 'vitest';
import { NetworkQuery } from '../../src/state/network-query.svelte';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fakeAsk() {
  const calls: { run: string; at: number; resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const ask = (run: string) =>
    new Promise<number>((resolve, reject) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = () => inFlight--;
      calls.push({ run, at: performance.now(), resolve: (v) => (done(), resolve(v)), reject: (e) => (done(), reject(e)) });
    });
  return { ask, calls, maxInFlight: () => maxInFlight };
}

describe('NetworkQuery', () => {
  it('periodic: asks at once, then at most once per interval, one request at a time, only after new events', async () => {
    const fake = fakeAsk();
    const q = new NetworkQuery({ runs: () => ['a'], ask: fake.ask, every: 150 });
    q.progressed('a');
    q.progressed('a');
    expect(fake.calls).toHaveLength(1);
    await sleep(200); // past the interval, but the first question is still unanswered
    expect(fake.calls).toHaveLength(1);
    fake.calls[0].resolve(1);
    await sleep(0);
    expect(q.answers).toEqual({ a: 1 });
    expect(fake.calls).toHaveLength(2); // the events that came meanwhile
    fake.calls[1].resolve(2);
    await sleep(0);
    q.progressed('a');
    expect(fake.calls).toHaveLength(2); // too soon after the last start
    await sleep(200);
    expect(fake.calls).toHaveLength(3);
    expect(fake.calls[2].at - fake.calls[1].at).toBeGreaterThanOrEqual(145);
    fake.calls[2].resolve(3);
    await sleep(200);
    expect(fake.calls).toHaveLength(3); // no new events, no question
    expect(fake.maxInFlight()).toBe(1);
    q.dispose();
  });

  it('asks once more right after the end, after the answer in flight, and only once', async () => {
    const fake = fakeAsk();
    const q = new NetworkQuery({ runs: () => ['a'], ask: fake.ask, every: 10_000 });
    q.progressed('a');
    q.progressed('a'); // the last events, while the first question is out
    q.settle('a');
    q.settle('a');
    expect(fake.calls).toHaveLength(1);
    fake.calls[0].resolve(1);
    await sleep(0);
    expect(fake.calls).toHaveLength(2); // without waiting out the 10 s interval
    fake.calls[1].resolve(2);
    await sleep(0);
    q.settle('a'); // the answer is of the final weights already
    expect(fake.calls).toHaveLength(2);
    expect(q.answers).toEqual({ a: 2 });
    expect(fake.maxInFlight()).toBe(1);
    q.dispose();
  });

  it('once: one answer per start, whatever training does; a new start asks again', async () => {
    const fake = fakeAsk();
    const q = new NetworkQuery({ runs: () => ['a'], ask: fake.ask, once: true });
    q.progressed('a');
    q.progressed('a');
    expect(fake.calls).toHaveLength(1);
    fake.calls[0].resolve(5);
    await sleep(0);
    q.progressed('a');
    q.settle('a');
    await sleep(0);
    expect(fake.calls).toHaveLength(1);
    q.reset();
    q.progressed('a');
    expect(fake.calls).toHaveLength(2);
    q.dispose();
  });

  it('on demand: request() is rate-limited, never overlaps, and the last request is always answered', async () => {
    const fake = fakeAsk();
    const q = new NetworkQuery({ runs: () => ['a', 'b'], ask: fake.ask, minIntervalMs: 100 });
    q.request();
    q.request();
    q.request();
    expect(fake.calls.map((c) => c.run)).toEqual(['a', 'b']);
    fake.calls[0].resolve(1);
    fake.calls[1].resolve(1);
    await sleep(30);
    expect(fake.calls).toHaveLength(2); // inside the interval
    await sleep(120);
    // The merged later requests: one more per run. Each run has its own gate and timer, so the two
    // may fire in either order (they did on a loaded CI machine); the order is no promise.
    expect(fake.calls.slice(2).map((c) => c.run).sort()).toEqual(['a', 'b']);
    expect(fake.maxInFlight()).toBe(2); // one per run
    q.dispose();
  });

  it('keeps runs apart, shows failures as text, and drops the answers of a replaced training', async () => {
    const fake = fakeAsk();
    const q = new NetworkQuery({ runs: () => ['a', 'b'], ask: fake.ask, every: 50 });
    q.progressed('a');
    q.progressed('b');
    expect(fake.calls.map((c) => c.run)).toEqual(['a', 'b']);
    fake.calls[1].reject(new Error('no trained network for run "b"'));
    await sleep(0);
    expect(q.errors).toEqual({ b: 'no trained network for run "b"' });
    q.reset();
    fake.calls[0].resolve(7);
    await sleep(0);
    expect(q.answers).toEqual({});
    expect(q.errors).toEqual({});
    q.progressed('a'); // the new training's question goes out at once
    expect(fake.calls).toHaveLength(3);
    fake.calls[2].resolve(8);
    await sleep(0);
    expect(q.answers).toEqual({ a: 8 });
    q.dispose();
  });
});
