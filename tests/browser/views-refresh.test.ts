// The views' refresh policy on its own, with a fake question whose answers the test releases.
import { describe, expect, it } from 'vitest';
import { InspectRefresher } from '../../src/ui/views/refresh.svelte';

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

describe('InspectRefresher', () => {
  it('asks at once, then at most once per interval, one request at a time, only after new events', async () => {
    const fake = fakeAsk();
    const r = new InspectRefresher({ runs: () => ['a'], ask: fake.ask, everyMs: 150 });
    r.changed('a');
    r.changed('a');
    expect(fake.calls).toHaveLength(1);
    await sleep(200); // past the interval, but the first question is still unanswered
    expect(fake.calls).toHaveLength(1);
    fake.calls[0].resolve(1);
    await sleep(0);
    expect(r.answers).toEqual({ a: 1 });
    expect(fake.calls).toHaveLength(2); // the events that came meanwhile
    fake.calls[1].resolve(2);
    await sleep(0);
    r.changed('a');
    expect(fake.calls).toHaveLength(2); // too soon after the last start
    await sleep(200);
    expect(fake.calls).toHaveLength(3);
    expect(fake.calls[2].at - fake.calls[1].at).toBeGreaterThanOrEqual(145);
    fake.calls[2].resolve(3);
    await sleep(200);
    expect(fake.calls).toHaveLength(3); // no new events, no question
    expect(fake.maxInFlight()).toBe(1);
    r.dispose();
  });

  it('asks once more right after the end, after the answer in flight, and only once', async () => {
    const fake = fakeAsk();
    const r = new InspectRefresher({ runs: () => ['a'], ask: fake.ask, everyMs: 10_000 });
    r.changed('a');
    r.finished('a');
    r.finished('a');
    expect(fake.calls).toHaveLength(1);
    fake.calls[0].resolve(1);
    await sleep(0);
    expect(fake.calls).toHaveLength(2); // without waiting out the 10 s interval
    fake.calls[1].resolve(2);
    await sleep(0);
    r.finished('a');
    expect(fake.calls).toHaveLength(2);
    expect(r.answers).toEqual({ a: 2 });
    expect(fake.maxInFlight()).toBe(1);
    r.dispose();
  });

  it('keeps runs apart, shows failures as text, and drops the answers of a replaced training', async () => {
    const fake = fakeAsk();
    const r = new InspectRefresher({ runs: () => ['a', 'b'], ask: fake.ask, everyMs: 50 });
    r.changed('a');
    r.changed('b');
    expect(fake.calls.map((c) => c.run)).toEqual(['a', 'b']);
    fake.calls[1].reject(new Error('no trained network for run "b"'));
    await sleep(0);
    expect(r.errors).toEqual({ b: 'no trained network for run "b"' });
    r.reset();
    fake.calls[0].resolve(7);
    await sleep(0);
    expect(r.answers).toEqual({});
    expect(r.errors).toEqual({});
    r.changed('a'); // the new training's question goes out at once
    expect(fake.calls).toHaveLength(3);
    fake.calls[2].resolve(8);
    await sleep(0);
    expect(r.answers).toEqual({ a: 8 });
    r.dispose();
  });
});
