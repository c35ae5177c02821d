// How the views ask the trained networks questions: at most once every `everyMs` per run, only after
// new events for that run, never two requests for the same run at a time, and once more when training
// ends (so the last picture is of the final weights). Answers of a replaced training are dropped.
import { untrack } from 'svelte';
import type { TrainingController } from '../../state/training.svelte';

export interface RefreshOptions<T> {
  /** The runs worth asking about now; read reactively (a run selector or the task may change it). */
  runs: () => readonly string[];
  /** The question; rejects with a readable reason. */
  ask: (run: string) => Promise<T>;
  /** Least time between the starts of two requests for one run while training. */
  everyMs: number;
}

interface RunState {
  inFlight: boolean;
  /** New events arrived since the last request started. */
  dirty: boolean;
  /** The next request skips the wait (the final one). */
  urgent: boolean;
  /** The request after the end of training has been scheduled. */
  final: boolean;
  last: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export class InspectRefresher<T> {
  /** The latest answer per run name. */
  answers = $state.raw<Record<string, T>>({});
  /** The latest failure per run name (cleared by the next answer). */
  errors = $state.raw<Record<string, string>>({});
  /** Runs that produced events in the current training: only those have a network worth asking. */
  private readonly seen = new Set<string>();
  private readonly states = new Map<string, RunState>();
  private generation = 0;

  constructor(private readonly options: RefreshOptions<T>) {}

  /** New events arrived for this run. */
  changed(run: string): void {
    this.seen.add(run);
    const s = this.state(run);
    s.dirty = true;
    this.pump(run, s);
  }

  /** Training ended: one last request, as soon as the one in flight (if any) is answered. */
  finished(run: string): void {
    const s = this.state(run);
    if (s.final) return;
    s.final = s.dirty = s.urgent = true;
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    this.pump(run, s);
  }

  /** Events arrived for a run nobody looks at now: remembered for when it is selected. */
  saw(run: string): void {
    this.seen.add(run);
  }

  hasSeen(run: string): boolean {
    return this.seen.has(run);
  }

  /** A new training began: forget every answer and ignore the ones still on their way. */
  reset(): void {
    this.dispose();
    this.answers = {};
    this.errors = {};
  }

  dispose(): void {
    this.generation++;
    for (const s of this.states.values()) if (s.timer) clearTimeout(s.timer);
    this.states.clear();
    this.seen.clear();
  }

  private state(run: string): RunState {
    let s = this.states.get(run);
    if (!s) {
      s = { inFlight: false, dirty: false, urgent: false, final: false, last: -Infinity, timer: null };
      this.states.set(run, s);
    }
    return s;
  }

  private pump(run: string, s: RunState): void {
    if (s.inFlight || s.timer || !s.dirty) return;
    const wait = s.urgent ? 0 : s.last + this.options.everyMs - performance.now();
    if (wait > 0) {
      s.timer = setTimeout(() => {
        s.timer = null;
        this.pump(run, s);
      }, wait);
      return;
    }
    s.dirty = s.urgent = false;
    s.inFlight = true;
    s.last = performance.now();
    const generation = this.generation;
    const current = () => generation === this.generation;
    this.options
      .ask(run)
      .then(
        (answer) => {
          if (!current()) return;
          this.answers = { ...this.answers, [run]: answer };
          if (run in this.errors) {
            const { [run]: _, ...rest } = this.errors;
            this.errors = rest;
          }
        },
        (err: unknown) => {
          if (current()) this.errors = { ...this.errors, [run]: err instanceof Error ? err.message : String(err) };
        },
      )
      .finally(() => {
        s.inFlight = false;
        if (current()) this.pump(run, s);
      });
  }
}

/**
 * A refresher tied to a training session for the life of the calling component (call it while the
 * component initialises: it sets up effects). A getter, so that a new session prop is followed.
 */
export function inspectRefresher<T>(getTraining: () => TrainingController, options: RefreshOptions<T>): InspectRefresher<T> {
  const refresher = new InspectRefresher(options);
  $effect(() => {
    const training = getTraining();
    const off = training.onEvents((events, reset) =>
      untrack(() => {
        if (reset) refresher.reset();
        const wanted = new Set(options.runs());
        const touched = new Set(events.map((e) => e.run));
        for (const run of touched) {
          if (!wanted.has(run)) {
            refresher.saw(run);
            continue;
          }
          if (training.status === 'finished') refresher.finished(run);
          else refresher.changed(run);
        }
      }),
    );
    return () => {
      off();
      refresher.dispose();
    };
  });
  // The end of training, and a run newly selected (or a view mounted) after events or the end.
  $effect(() => {
    const status = getTraining().status;
    const runs = options.runs();
    untrack(() => {
      for (const run of runs) {
        if (status === 'finished') refresher.finished(run);
        else if ((status === 'training' || status === 'paused') && refresher.hasSeen(run) && !(run in refresher.answers)) refresher.changed(run);
      }
    });
  });
  return refresher;
}
