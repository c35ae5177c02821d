// Test helper: records what a TrainingHost sends, with arrival times, and waits for conditions.
// An `error` message fails the wait at once with the session's own words.
import type { DoneEvent, EvalEvent, MetricsEvent, TrainEvent } from '../../src/core/events';
import type { TrainingHost } from '../../src/worker/host';
import type { FromSession } from '../../src/worker/protocol';

type Of<T extends FromSession['type']> = Extract<FromSession, { type: T }>;

export class Recorder {
  readonly received: { at: number; message: FromSession }[] = [];

  constructor(host: TrainingHost) {
    host.onMessage((message) => this.received.push({ at: performance.now(), message }));
  }

  of<T extends FromSession['type']>(type: T): Of<T>[] {
    return this.received.map((r) => r.message).filter((m): m is Of<T> => m.type === type);
  }

  get events(): TrainEvent[] {
    return this.of('events').flatMap((m) => m.events);
  }

  get metrics(): MetricsEvent[] {
    return this.events.filter((e): e is MetricsEvent => e.type === 'metrics');
  }

  /** Each run's closing summary: the `done` events of the stream (the session sends no other copy). */
  get done(): DoneEvent[] {
    return this.events.filter((e): e is DoneEvent => e.type === 'done');
  }

  get evals(): EvalEvent[] {
    return this.events.filter((e): e is EvalEvent => e.type === 'eval');
  }

  /** The last training step reported so far (0 before any). */
  get lastStep(): number {
    return this.metrics.at(-1)?.step ?? 0;
  }

  async until(condition: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const error = this.of('error')[0];
      if (error) throw new Error(`session error while waiting for ${what}: ${error.message}`);
      if (condition()) return;
      if (performance.now() > deadline) {
        const types = this.received.slice(-5).map((r) => r.message.type).join(', ');
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last messages: ${types || 'none'}, last step ${this.lastStep}`);
      }
      await sleep(20);
    }
  }
}

/**
 * Waits until no message has arrived for `quietMs` (say, the chunk in flight when a pause was sent
 * has landed); fails if that never happens within `timeoutMs`.
 */
export async function settle(rec: Recorder, what: string, quietMs = 400, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const lastAt = rec.received.at(-1)?.at ?? 0;
    if (performance.now() - lastAt >= quietMs) return;
    if (performance.now() > deadline) throw new Error(`messages kept coming for ${timeoutMs} ms after ${what}`);
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
