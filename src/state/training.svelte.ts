// The bridge between the training session (worker or main thread) and the panels. Small, slowly
// changing facts (status, backend, each run's latest numbers) are runes; the growing metric history
// stays in a plain array and reaches charts through onEvents, never through Svelte proxies.
import type { BackendName } from '../core/backend';
import type { DoneEvent, LayerStats, TrainEvent } from '../core/events';
import type { ExperimentDoc } from '../core/experiment-types';
import type { ValleySpec, ValleyTrace } from '../core/valley';
import type { BackendMessage, FromSession, InspectQuery, InspectResult, StartOptions } from '../worker/protocol';
import { TrainingHost, type TrainingHostLike } from '../worker/host';

export type TrainingStatus = 'idle' | 'loading' | 'training' | 'paused' | 'finished' | 'error';

export interface RunLive {
  step: number;
  loss: number;
  accuracy: number;
  testLoss: number;
  testAccuracy: number;
  msPerStep: number;
  msPerInference: number;
  examplesPerSecond: number;
  /** The step at which the loss stopped being a finite number, or null. */
  divergedAt: number | null;
}

const emptyRun = (): RunLive => ({
  step: 0,
  loss: NaN,
  accuracy: NaN,
  testLoss: NaN,
  testAccuracy: NaN,
  msPerStep: NaN,
  msPerInference: NaN,
  examplesPerSecond: NaN,
  divergedAt: null,
});

export type EventsListener = (events: readonly TrainEvent[], reset: boolean) => void;

export class TrainingController {
  status = $state<TrainingStatus>('idle');
  backend = $state<BackendMessage | null>(null);
  loading = $state<{ loaded: number; total: number } | null>(null);
  error = $state<string | null>(null);
  runs = $state<Record<string, RunLive>>({});
  layers = $state.raw<Record<string, LayerStats[]>>({});
  results = $state.raw<DoneEvent[]>([]);
  /** The document of the current (or last) training, as it was started. */
  trainedDoc = $state.raw<ExperimentDoc | null>(null);

  /** Every event of the current training, in order: for charts mounted after it began. */
  readonly history: TrainEvent[] = [];
  private readonly listeners = new Set<EventsListener>();
  private current = 0;

  /** Why training moved to the page's thread, shown beside the backend; null while in the worker. */
  mainThreadNote = $state<string | null>(null);
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

  train(doc: ExperimentDoc, backend: BackendName, options: StartOptions = {}): void {
    this.history.length = 0;
    this.runs = Object.fromEntries(doc.runs.map((r) => [r.name, emptyRun()]));
    this.layers = {};
    this.results = [];
    this.error = null;
    this.trainedDoc = doc;
    this.status = doc.task === 'mnist' ? 'loading' : 'training';
    for (const listener of this.listeners) listener([], true);
    this.current = this.host.start(doc, backend, options);
  }

  pause(): void {
    if (this.status !== 'training') return;
    this.host.pause();
    this.status = 'paused';
  }

  resume(): void {
    if (this.status !== 'paused') return;
    this.host.resume();
    this.status = 'training';
  }

  /** One step of every run; pauses first if training. */
  step(): void {
    if (this.status === 'training') this.pause();
    if (this.status === 'paused') this.host.step();
  }

  stop(): void {
    if (this.status === 'training' || this.status === 'paused' || this.status === 'loading') this.host.stop();
  }

  setSpeed(stepsPerSecond: number | null): void {
    this.host.setSpeed(stepsPerSecond);
  }

  /** Sets up the chosen backend now, so that the header shows what will run; ignored while training. */
  probe(backend: BackendName): void {
    if (this.status === 'training' || this.status === 'paused' || this.status === 'loading') return;
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
  async trace(valley: ValleySpec): Promise<ValleyTrace> {
    const host = this.host;
    try {
      return await host.trace(valley);
    } catch (err) {
      if (this.host !== host) return this.trace(valley);
      throw err;
    }
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

  /** Only on a probe (nothing is training yet), only from the worker, only if the page has WebGL. */
  private shouldMoveToMainThread(message: BackendMessage): boolean {
    return (
      message.where === 'worker' &&
      message.requested === 'webgl' &&
      message.info.name !== 'webgl' &&
      this.status !== 'training' &&
      this.status !== 'paused' &&
      this.status !== 'loading' &&
      this.mainThreadHost !== null &&
      this.pageHasWebGL()
    );
  }

  private moveToMainThread(message: BackendMessage): void {
    this.unsubscribe();
    this.host.dispose();
    this.host = this.mainThreadHost!();
    this.unsubscribe = this.host.onMessage((m) => this.receive(m));
    this.mainThreadNote = `Training runs on the page's thread: the worker has no WebGL here (${message.fallback ?? 'it fell back to ' + message.info.name}). The page may respond more slowly while training.`;
    this.current = this.host.probe('webgl');
  }

  private receive(message: FromSession): void {
    if (message.start !== this.current) return; // late messages of a replaced training
    switch (message.type) {
      case 'backend':
        this.backend = message;
        if (this.shouldMoveToMainThread(message)) this.moveToMainThread(message);
        break;
      case 'loading':
        this.loading = { loaded: message.loaded, total: message.total };
        break;
      case 'events':
        if (this.status === 'loading') this.status = 'training';
        this.apply(message.events);
        break;
      case 'finished':
        this.results = message.results;
        this.status = 'finished';
        break;
      case 'error':
        this.error = message.message;
        // A failed probe leaves nothing running; a failed start ends its training.
        if (this.status !== 'idle' && this.status !== 'finished') this.status = 'error';
        break;
      case 'inspect-answer':
      case 'trace-answer':
        break; // the host resolves these itself
    }
  }

  private apply(events: TrainEvent[]): void {
    this.history.push(...events);
    const layers = { ...this.layers };
    for (const e of events) {
      const live = this.runs[e.run];
      if (!live) continue;
      switch (e.type) {
        case 'metrics':
          Object.assign(live, { step: e.step, loss: e.loss, accuracy: e.accuracy });
          break;
        case 'eval':
          Object.assign(live, { testLoss: e.testLoss, testAccuracy: e.testAccuracy });
          break;
        case 'timing':
          Object.assign(live, { msPerStep: e.msPerStep, msPerInference: e.msPerInference, examplesPerSecond: e.examplesPerSecond });
          break;
        case 'done': {
          // The run's figures become its medians (warm-up left out), steadier than the last chunk's;
          // examples/s follows from the same per-step time, so every number on the page agrees.
          if (!Number.isFinite(e.msPerStep)) break;
          const batchSize = this.trainedDoc?.runs.find((r) => r.name === e.run)?.training.batchSize ?? NaN;
          Object.assign(live, { msPerStep: e.msPerStep, msPerInference: e.msPerInference, examplesPerSecond: (1000 * batchSize) / e.msPerStep });
          break;
        }
        case 'diverged':
          live.divergedAt = e.step;
          break;
        case 'layers':
          layers[e.run] = e.layers;
          break;
      }
    }
    this.layers = layers;
    for (const listener of this.listeners) listener(events, false);
  }
}

function detectPageWebGL(): boolean {
  try {
    return typeof document !== 'undefined' && !!document.createElement('canvas').getContext('webgl2');
  } catch {
    return false;
  }
}
