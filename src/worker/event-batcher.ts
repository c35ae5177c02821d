// Gathers engine events into batches. A training step can emit several events and a fast run does
// hundreds of steps per second; one postMessage each would flood the page's event loop and make
// the UI re-render per step. A batch leaves at most every EVENT_FLUSH_MS, or at once on a `done`,
// so a finished run is never left waiting in the buffer.
import type { TrainEvent } from '../core/events';
import { EVENT_FLUSH_MS } from './protocol';

export class EventBatcher {
  private buffer: TrainEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (events: TrainEvent[]) => void,
    private readonly flushMs = EVENT_FLUSH_MS,
  ) {}

  push(event: TrainEvent): void {
    this.buffer.push(event);
    if (event.type === 'done') this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (!this.buffer.length) return;
    // A fresh array per batch: on the main-thread fallback the listener keeps the very object.
    const events = this.buffer;
    this.buffer = [];
    this.send(events);
  }
}
