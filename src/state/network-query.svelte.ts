// The one way views ask the trained networks questions (the answer half of the worker bridge). A
// query asks each run it is told about, never twice at once for the same run, and:
// - `every` ms at most while training, after new events for that run (a loss surface, predictions);
// - `once` per start, for what training does not change (the training points, the test digits);
// - whenever the view calls request() (its input changed: a drawn digit), at most every minIntervalMs;
// and once more when training pauses or ends, so that the last picture is of the final weights.
// Answers of a replaced training are dropped.
import { untrack } from 'svelte';
import { errorText } from '../core/error-text';
import type { TrainEvent } from '../core/events';
import { requestGate, type GateClock, type RequestGate } from './request-gate';
import type { TrainingController } from './training.svelte';

export interface NetworkQueryOptions<T> {
  /** The runs worth asking about now; read reactively (a run picker or the task may change it). */
  runs: () => readonly string[];
  /** The question; rejects with a readable reason. */
  ask: (run: string) => Promise<T>;
  /** While training: ask again at most this often, after new events. */
  every?: number;
  /** One answer per start (what training does not change). */
  once?: boolean;
  /** request(): least time between two asks of one run (default 0). */
  minIntervalMs?: number;
  clock?: GateClock;
}

interface RunState {
  gate: RequestGate;
  /** A periodic ask is scheduled. */
  timer: ReturnType<typeof setTimeout> | null;
  lastAsk: number;
  answered: boolean;
  /** Training moved on since the last ask began: the answer there is of older weights. */
  stale: boolean;
  /** A once-query has asked (and not failed): it asks no more this start. */
  asked: boolean;
}

export class NetworkQuery<T> {
  #answers = $state.raw<Record<string, T>>({});
  #errors = $state.raw<Record<string, string>>({});
  private readonly states = new Map<string, RunState>();
  /** Runs that produced events in the current training: only those have a network worth asking. */
  private readonly seen = new Set<string>();
  private generation = 0;

  constructor(private readonly options: NetworkQueryOptions<T>) {}

  /** The latest answer per run name. */
  get answers(): Readonly<Record<string, T>> {
    return this.#answers;
  }

  /** The latest failure per run name (cleared by the next answer). */
  get errors(): Readonly<Record<string, string>> {
    return this.#errors;
  }

  /** The view's input changed: ask every wanted run again (rate-limited by minIntervalMs). */
  request(): void {
    for (const run of this.options.runs()) this.state(run).gate.request();
  }

  /** The view's input changed and should be shown at once: ask every wanted run after its answer in flight. */
  flush(): void {
    for (const run of this.options.runs()) this.state(run).gate.flush();
  }

  /** Events arrived for a run nobody looks at now: remembered for when it is picked. */
  saw(run: string): void {
    this.seen.add(run);
  }

  hasSeen(run: string): boolean {
    return this.seen.has(run);
  }

  /** Training moved on: periodic queries ask again (at once, or when `every` has passed), once-queries if they have no answer. */
  progressed(run: string): void {
    this.seen.add(run);
    const s = this.state(run);
    s.stale = true;
    if (this.options.once) return this.askOnce(s);
    if (this.options.every === undefined || s.timer) return;
    const wait = s.lastAsk + this.options.every - this.now();
    if (wait <= 0) return s.gate.request();
    s.timer = setTimeout(() => {
      s.timer = null;
      // An ask since (the final one, say) already showed these weights.
      if (s.stale) s.gate.request();
    }, wait);
  }

  /**
   * Training paused or ended, or the run was just picked: one more answer, as soon as the one in
   * flight is in, unless the answer there (or coming) is already of the weights as they stand.
   */
  settle(run: string): void {
    const s = this.state(run);
    if (this.options.once) return this.askOnce(s);
    if (s.answered && !s.stale) return;
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    s.gate.flush();
  }

  private askOnce(s: RunState): void {
    if (s.asked) return;
    s.asked = true;
    s.gate.flush();
  }

  /** A new training began: forget every answer and ignore the ones still on their way. */
  reset(): void {
    this.dispose();
    this.#answers = {};
    this.#errors = {};
  }

  dispose(): void {
    this.generation++;
    for (const s of this.states.values()) {
      s.gate.dispose();
      if (s.timer) clearTimeout(s.timer);
    }
    this.states.clear();
    this.seen.clear();
  }

  private now(): number {
    return this.options.clock?.now() ?? performance.now();
  }

  private state(run: string): RunState {
    let s = this.states.get(run);
    if (!s) {
      const generation = this.generation;
      const state: RunState = { gate: null as unknown as RequestGate, timer: null, lastAsk: -Infinity, answered: false, stale: false, asked: false };
      state.gate = requestGate(() => this.ask(run, state, generation), this.options.minIntervalMs ?? 0, this.options.clock);
      this.states.set(run, (s = state));
    }
    return s;
  }

  private async ask(run: string, s: RunState, generation: number): Promise<void> {
    s.lastAsk = this.now();
    s.stale = false;
    try {
      const answer = await this.options.ask(run);
      if (generation !== this.generation) return;
      s.answered = true;
      this.#answers = { ...this.#answers, [run]: answer };
      if (run in this.#errors) {
        const { [run]: _, ...rest } = this.#errors;
        this.#errors = rest;
      }
    } catch (err) {
      if (generation !== this.generation) return;
      this.#errors = { ...this.#errors, [run]: errorText(err) };
      s.asked = false; // a once-query that failed may ask again
    }
  }
}

/**
 * A query tied to a training session for the life of the calling component (call it while the
 * component initialises: it sets up effects). A getter, so that a new session prop is followed.
 */
export function networkQuery<T>(getTraining: () => TrainingController, options: NetworkQueryOptions<T>): NetworkQuery<T> {
  const query = new NetworkQuery(options);
  $effect(() => {
    const training = getTraining();
    const off = training.onEvents((events: readonly TrainEvent[], reset) =>
      untrack(() => {
        if (reset) query.reset();
        const wanted = new Set(options.runs());
        for (const run of new Set(events.map((e) => e.run))) {
          if (wanted.has(run)) query.progressed(run);
          else query.saw(run);
        }
      }),
    );
    return () => {
      off();
      query.dispose();
    };
  });
  // Paused, ready or ended: the weights stand still, so the picture should be of them now; a run
  // newly picked (or a view mounted) while the networks exist gets its answer at once.
  $effect(() => {
    const training = getTraining();
    const settled = training.status === 'paused' || training.status === 'ready' || training.status === 'finished';
    const training_ = training.status === 'training';
    const runs = options.runs();
    untrack(() => {
      for (const run of runs) {
        if (settled) query.settle(run);
        else if (training_ && query.hasSeen(run) && !(run in query.answers)) query.settle(run);
      }
    });
  });
  return query;
}
