// A stand-in for TrainingHost in component tests: records what the page asks for, and `push`
// plays the session's part. The real worker and session are tested in worker-*.test.ts.
import { flushSync } from 'svelte';
import type { TrainingHostLike } from '../../src/worker/host';
import type { FromSession } from '../../src/worker/protocol';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type WithoutStart<T> = DistributiveOmit<T, 'start'>;

export class FakeHost {
  readonly where = 'worker' as const;
  readonly calls: { method: string; args: unknown[] }[] = [];
  private readonly listeners = new Set<(m: FromSession) => void>();
  private last = 0;
  start(...args: unknown[]): number {
    this.calls.push({ method: 'start', args });
    return ++this.last;
  }
  probe(...args: unknown[]): number {
    this.calls.push({ method: 'probe', args });
    return ++this.last;
  }
  pause = () => void this.calls.push({ method: 'pause', args: [] });
  resume = () => void this.calls.push({ method: 'resume', args: [] });
  step = () => void this.calls.push({ method: 'step', args: [] });
  stop = () => void this.calls.push({ method: 'stop', args: [] });
  setSpeed = (speed: number | null) => void this.calls.push({ method: 'setSpeed', args: [speed] });
  inspect = () => Promise.reject(new Error('the fake host answers no inspect queries'));
  trace = () => Promise.reject(new Error('the fake host traces no valleys'));
  compute = () => Promise.reject(new Error('the fake host runs no compute steps'));
  dispose = () => this.listeners.clear();
  onMessage(listener: (m: FromSession) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** Delivers a session message tagged with the latest start, and lets Svelte update the DOM. */
  push(message: WithoutStart<FromSession>): void {
    for (const l of this.listeners) l({ ...message, start: this.last } as FromSession);
    flushSync();
  }
  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
  /** As the controller sees it. */
  asHost(): TrainingHostLike {
    return this as unknown as TrainingHostLike;
  }
}
