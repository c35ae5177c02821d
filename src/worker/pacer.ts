// The speed limit. The engine has no notion of time: it trains chunk after chunk as fast as it can.
// To train at N steps per second, the session keeps the runner paused and asks for single steps on
// a clock, one at a time: a new step is requested only once the previous one has landed, so a slow
// device never builds up a queue of steps that would keep running after a pause.
//
// Single steps pay a readback and a frame each, so this suits watchable speeds (up to a few dozen
// steps per second); "as fast as possible" (no limit) is the mode for getting results.
import type { TrainEvent } from '../core/events';
import type { ExperimentDoc } from '../core/experiment-types';

/** Follows each run's step from the event stream, to tell when a requested step has landed. */
export class ProgressTracker {
  private readonly runs = new Map<string, { step: number; total: number; finished: boolean }>();

  constructor(doc: ExperimentDoc, stepsOverride?: number) {
    for (const run of doc.runs) {
      this.runs.set(run.name, { step: 0, total: stepsOverride ?? run.training.steps, finished: false });
    }
  }

  observe(event: TrainEvent): void {
    const run = this.runs.get(event.run);
    if (!run) return;
    if (event.type === 'metrics') {
      run.step = event.step;
      run.finished ||= event.step >= run.total;
    } else if (event.type === 'diverged' || event.type === 'done') {
      run.finished = true;
    }
  }

  /**
   * The lowest step among unfinished runs (Infinity once all are done). A paused runner's single
   * step advances every unfinished run by one, so this grows by one per landed step.
   */
  slowest(): number {
    let min = Infinity;
    for (const run of this.runs.values()) if (!run.finished) min = Math.min(min, run.step);
    return min;
  }
}

export interface PacerDeps {
  /** The progress measure: ProgressTracker.slowest. */
  progress(): number;
  /** Asks the (paused) runner for one step. */
  step(): void;
  now?: () => number;
}

export class Pacer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  /** Progress when the last step was requested; null when no request is in flight. */
  private awaiting: number | null = null;
  private lastRequest = -Infinity;
  private readonly now: () => number;

  constructor(
    private rate: number,
    private readonly deps: PacerDeps,
  ) {
    this.now = deps.now ?? (() => performance.now());
    checkRate(rate);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.cancelTimer();
  }

  setRate(rate: number): void {
    checkRate(rate);
    this.rate = rate;
    this.cancelTimer();
    this.schedule();
  }

  /** Call after every engine event: the step in flight may have landed. */
  onProgress(): void {
    if (this.awaiting !== null && this.deps.progress() > this.awaiting) {
      this.awaiting = null;
      this.schedule();
    }
  }

  /**
   * The next step is due one interval after the previous request, and never before that one has
   * landed. Spacing requests, rather than counting steps against a clock, means a burst (the chunk
   * in flight when the limit was switched on) or a slow stretch is never paid back later.
   */
  private schedule(): void {
    if (!this.running || this.timer !== null || this.awaiting !== null) return;
    if (!Number.isFinite(this.deps.progress())) return;
    const wait = this.lastRequest + 1000 / this.rate - this.now();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.awaiting = this.deps.progress();
      this.lastRequest = this.now();
      this.deps.step();
    }, Math.max(0, wait));
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

export function checkRate(rate: number): void {
  if (!(rate > 0) || !Number.isFinite(rate)) {
    throw new Error(`speed must be a positive number of steps per second or null, got ${rate}`);
  }
}
