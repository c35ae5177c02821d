// The bridge between the training session (worker or main thread) and the panels, and the one owner
// of every training fact the page shows: status and what it allows, totals, run colours and each
// run's figures. Small, slowly changing facts are runes behind getters; the growing metric history
// stays in a plain array and reaches charts through onEvents, never through Svelte proxies.
import { runColor } from '../charts/run-colors';
import type { BackendRequest } from '../core/backend';
import type { DoneEvent, LayerStats, TrainEvent } from '../core/events';
import type { ExperimentDoc } from '../core/experiment-types';
import type { LandscapeResult, LandscapeSpec } from '../core/landscape-spec';
import type { ValleySpec, ValleyTrace } from '../core/valley';
import type { BackendMessage, FromSession, InspectQuery, InspectResult, StartOptions } from '../worker/protocol';
import { TrainingHost, type TrainingHostLike } from '../worker/host';
import { RunColors } from './run-colors.svelte';
import { describeStart, startKey, type Started } from './started';
import { detectPageWebGL, mainThreadNote, shouldMoveToMainThread } from './host-fallback';
import { emptyRun, foldEvent, type RunLive, type RunRow } from './run-figures';
import { holdsNetworks, isBusy, isRunning, type Interruption, type TrainingStatus } from './training-status';

export type EventsListener = (events: readonly TrainEvent[], reset: boolean) => void;

export class TrainingController {
  #status = $state<TrainingStatus>('idle');
  #backend = $state.raw<BackendMessage | null>(null);
  #loading = $state.raw<{ loaded: number; total: number } | null>(null);
  #error = $state<string | null>(null);
  #runs = $state<Record<string, RunLive>>({});
  #layers = $state.raw<Record<string, LayerStats[]>>({});
  #results = $state.raw<DoneEvent[]>([]);
  #started = $state.raw<Started | null>(null);
  #totalSteps = $state(0);
  #mainThreadNote = $state<string | null>(null);
  #interruption = $state.raw<Interruption | null>(null);
  /** Names of the runs on screen (the editor's), so that a run has its colour before it trains. */
  #shownRuns: () => readonly string[] = () => [];
  readonly #colors = new RunColors();

  /** Every event of the current training, in order: for charts mounted after it began. */
  readonly history: TrainEvent[] = [];
  private readonly listeners = new Set<EventsListener>();
  private current = 0;
  private host: TrainingHostLike;
  private unsubscribe: () => void;

  /**
   * `mainThreadHost` makes the fallback host: used when the worker cannot get WebGL but the page
   * can (a GPU is worth more than a free main thread for this kind of work).
   */
  constructor(
    host: TrainingHostLike = new TrainingHost(),
    private readonly mainThreadHost: (() => TrainingHostLike) | null = () => new TrainingHost({ mainThread: true }),
    private readonly pageHasWebGL: () => boolean = detectPageWebGL,
  ) {
    this.host = host;
    this.unsubscribe = host.onMessage((m) => this.receive(m));
  }

  // ---- facts ----

  get status(): TrainingStatus {
    return this.#status;
  }
  get backend(): BackendMessage | null {
    return this.#backend;
  }
  get loading(): { loaded: number; total: number } | null {
    return this.#loading;
  }
  get error(): string | null {
    return this.#error;
  }
  get mainThreadNote(): string | null {
    return this.#mainThreadNote;
  }
  /** Set while the status is interrupted. */
  get interruption(): Interruption | null {
    return this.#interruption;
  }
  /** Some run has weights to go on from (the others would start again at step 0). */
  get canContinue(): boolean {
    return this.#status === 'interrupted' && (this.#interruption?.resumable.length ?? 0) > 0 && this.#started !== null;
  }
  /** Each run's latest figures by name (a finished run's are its medians, warm-up left out). */
  get runs(): Readonly<Record<string, RunLive>> {
    return this.#runs;
  }
  /** Each run's latest per-layer diagnostics. */
  get layers(): Readonly<Record<string, LayerStats[]>> {
    return this.#layers;
  }
  /** The done event of each run that has ended. */
  get results(): readonly DoneEvent[] {
    return this.#results;
  }
  /** The document of the current (or last) training, as it was started. */
  get trainedDoc(): ExperimentDoc | null {
    return this.#started?.doc ?? null;
  }
  /** Steps every run of the current start trains: the step budget, or the longest run's steps. */
  get totalSteps(): number {
    return this.#totalSteps;
  }

  /** Something is under way: the editor and the backend menu wait. */
  readonly busy = $derived(isBusy(this.#status));
  /** Pause, Step and the speed apply. */
  readonly running = $derived(isRunning(this.#status));
  /** The session holds networks the views may ask about. */
  readonly canInspect = $derived(holdsNetworks(this.#status));
  /** The furthest step any run has reached. */
  readonly currentStep = $derived(Math.max(0, ...Object.values(this.#runs).map((r) => r.step)));
  /** Some run was stopped before its last step. */
  readonly stopped = $derived(this.#results.some((r) => r.stopped));

  /** Colour index per run name: the editor's runs and the trained ones, each keeping its colour. */
  readonly runColors: ReadonlyMap<string, number> = $derived.by(() => {
    const shown = this.#shownRuns();
    const trained = (this.#started?.doc.runs ?? []).map((r) => r.name).filter((name) => !shown.includes(name));
    return this.#colors.assign([...shown, ...trained]);
  });

  colorOf(run: string, fallbackIndex = 0): string {
    return runColor(this.runColors.get(run) ?? fallbackIndex);
  }

  /** The trained document's runs with their colours and figures, in the document's order. */
  readonly runRows: RunRow[] = $derived(
    (this.#started?.doc.runs ?? []).map((spec, i) => {
      const live = this.#runs[spec.name] ?? emptyRun();
      const done = this.#results.find((r) => r.run === spec.name);
      const stack = (this.#started?.stacks ?? []).findIndex((names) => names.includes(spec.name));
      return {
        ...live,
        name: spec.name,
        color: this.colorOf(spec.name, i),
        testAccuracy: done?.testAccuracy ?? live.testAccuracy,
        stack: stack + 1,
        stackSize: this.#started?.stacks[stack]?.length ?? 1,
      };
    }),
  );

  /** The run names whose colours the page shows before anything trains (the editor's runs). */
  followRuns(names: () => readonly string[]): void {
    this.#shownRuns = names;
  }

  // ---- actions ----

  /** Trains `doc`. After Reset, the same document with the same settings continues from step 0. */
  train(doc: ExperimentDoc, backend: BackendRequest, options: StartOptions = {}): void {
    const key = startKey(doc, backend, options);
    if (this.#status === 'ready' && this.#started?.key === key) {
      this.#started = { ...this.#started, ready: false };
      this.resume();
      return;
    }
    this.start(doc, backend, options, false);
  }

  /** Stops whatever runs and rebuilds the runs at their initial weights (step 0, empty charts), paused until Train. */
  reset(doc: ExperimentDoc, backend: BackendRequest, options: StartOptions = {}): void {
    this.start(doc, backend, { ...options, paused: true }, true);
  }

  pause(): void {
    if (this.#status !== 'training') return;
    this.host.pause();
    this.#status = 'paused';
  }

  resume(): void {
    if (this.#status !== 'paused' && this.#status !== 'ready') return;
    this.host.resume();
    this.#status = 'training';
  }

  /** One step of every run; pauses first if training. */
  step(): void {
    if (this.#status === 'training') this.pause();
    if (this.#status === 'ready') this.#status = 'paused';
    if (this.#status === 'paused') this.host.step();
  }

  /** Stops training; the curves so far stay. */
  stop(): void {
    if (this.busy || this.#status === 'ready') this.host.stop();
  }

  /**
   * After an interruption: trains on from each run's kept weights (a new start with resume). The
   * curves keep what came before those steps; what came after them is trained again.
   */
  continueTraining(): void {
    const started = this.#started;
    const interruption = this.#interruption;
    if (!this.canContinue || !started || !interruption) return;
    const from = new Map(interruption.resumable.map((r) => [r.run, r.step]));
    const kept = this.history.filter((e) => e.type !== 'done' && e.step <= (from.get(e.run) ?? 0));
    // Without Reset's `paused`: a start after Reset-then-Train must not come back paused.
    const { paused: _paused, ...options } = started.options;
    this.start(started.doc, started.backend, { ...options, resume: true }, false);
    this.apply(kept);
  }

  /** After an interruption: trains every run again from step 0. */
  restart(): void {
    const started = this.#started;
    if (this.#status !== 'interrupted' || !started) return;
    const { resume: _resume, paused: _paused, ...options } = started.options;
    this.start(started.doc, started.backend, options, false);
  }

  setSpeed(stepsPerSecond: number | null): void {
    this.host.setSpeed(stepsPerSecond);
  }

  /** Sets up the chosen backend now, so that the header shows what will run; ignored while training. */
  probe(backend: BackendRequest): void {
    if (this.busy) return;
    this.current = this.host.probe(backend);
  }

  /** A question to one run's network, for the views; rejects with a readable reason. */
  inspect(run: string, query: InspectQuery): Promise<InspectResult> {
    return this.host.inspect(run, query);
  }

  /**
   * Runs a lesson's optimizers over its two-parameter valley. Asked again of the new host when the
   * session moved to the main thread meanwhile (the old host rejects what it had pending).
   */
  trace(valley: ValleySpec): Promise<ValleyTrace> {
    return this.askOfCurrentHost((host) => host.trace(valley));
  }

  /** Runs a lesson's compute step on a document's data in the session; like trace, asked again of a new host. */
  compute(lesson: string, doc: ExperimentDoc): Promise<unknown> {
    return this.askOfCurrentHost((host) => host.compute(lesson, doc));
  }

  /** The loss landscape of runs of the trained experiment (a lesson's step after training), with progress. */
  landscape(spec: LandscapeSpec, onProgress?: (done: number, total: number) => void): Promise<LandscapeResult> {
    return this.host.landscape(spec, onProgress);
  }

  /** Charts subscribe here; `reset` says a new training began and old series must go. */
  onEvents(listener: EventsListener): () => void {
    this.listeners.add(listener);
    listener(this.history, true);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.listeners.clear();
    this.unsubscribe();
    this.host.dispose();
  }

  private async askOfCurrentHost<T>(question: (host: TrainingHostLike) => Promise<T>): Promise<T> {
    const host = this.host;
    try {
      return await question(host);
    } catch (err) {
      if (this.host !== host) return this.askOfCurrentHost(question);
      throw err;
    }
  }

  private start(doc: ExperimentDoc, backend: BackendRequest, options: StartOptions, ready: boolean): void {
    this.history.length = 0;
    this.#runs = Object.fromEntries(doc.runs.map((r) => [r.name, emptyRun()]));
    this.#layers = {};
    this.#results = [];
    this.#error = null;
    this.#interruption = null;
    this.#started = describeStart(doc, backend, options, ready);
    this.#totalSteps = options.stepsOverride ?? Math.max(0, ...doc.runs.map((r) => r.training.steps));
    this.#status = doc.task === 'mnist' ? 'loading' : ready ? 'ready' : 'training';
    for (const listener of this.listeners) listener([], true);
    this.current = this.host.start(doc, backend, options);
  }

  private moveToMainThread(mainThreadHost: () => TrainingHostLike, message: BackendMessage): void {
    this.unsubscribe();
    this.host.dispose();
    this.host = mainThreadHost();
    this.unsubscribe = this.host.onMessage((m) => this.receive(m));
    this.#mainThreadNote = mainThreadNote(message);
    this.current = this.host.probe('webgl');
  }

  private receive(message: FromSession): void {
    if (message.start !== this.current) return; // late messages of a replaced training
    switch (message.type) {
      case 'backend':
        this.#backend = message;
        if (this.mainThreadHost && shouldMoveToMainThread(message, this.busy, this.pageHasWebGL)) this.moveToMainThread(this.mainThreadHost, message);
        break;
      case 'loading':
        this.#loading = { loaded: message.loaded, total: message.total };
        break;
      case 'events':
        if (this.#status === 'loading') this.#status = this.#started?.ready ? 'ready' : 'training';
        this.apply(message.events);
        break;
      case 'finished':
        this.#status = 'finished';
        break;
      case 'interrupted':
        this.#interruption = { reason: message.reason, step: message.step, resumable: message.resumable, restored: false };
        this.#status = 'interrupted';
        break;
      case 'context-restored':
        if (this.#interruption) this.#interruption = { ...this.#interruption, restored: true };
        break;
      case 'error':
        this.#error = message.message;
        // A failed probe leaves nothing running; a failed start ends its training.
        if (this.#status !== 'idle' && this.#status !== 'finished') this.#status = 'error';
        break;
      case 'paused':
        break; // the status already says paused, and the events before this message carried the steps
      case 'inspect-answer':
      case 'trace-answer':
      case 'compute-answer':
      case 'landscape-progress':
      case 'landscape-answer':
        break; // the host resolves these itself
    }
  }

  private apply(events: TrainEvent[]): void {
    this.history.push(...events);
    const layers = { ...this.#layers };
    const done: DoneEvent[] = [];
    for (const e of events) {
      const live = this.#runs[e.run];
      if (!live) continue;
      foldEvent(live, e);
      if (e.type === 'done') done.push(e);
      if (e.type === 'layers') layers[e.run] = e.layers;
    }
    this.#layers = layers;
    if (done.length) this.#results = [...this.#results, ...done];
    for (const listener of this.listeners) listener(events, false);
  }
}
