// The page's handle on training. By default the session runs in a module worker, so the page stays
// responsive; with { mainThread: true } the very same TrainingSession runs on the page's thread
// instead, for browsers whose workers lack WebGL or cannot start. Either way the listener gets the
// same messages, and `where` in them says which one is in use.
//
// Only types come from the session and the engine here: tfjs is loaded by the worker, or on demand
// for the main-thread fallback, never with the page's own bundle.
import { errorText } from '../core/error-text';
import type { BackendRequest } from '../core/backend';
import type { ExperimentDoc } from '../core/experiment-types';
import type { LandscapeResult, LandscapeSpec } from '../core/landscape-spec';
import type { ValleySpec, ValleyTrace } from '../core/valley';
import { MNIST_URL } from '../data/mnist';
import { checkRate } from './pacer';
import type { FromSession, InspectQuery, InspectResult, StartOptions, ToSession, Where } from './protocol';
import type { TrainingSession } from './session';

export interface HostOptions {
  /** Train on the page's thread (slower UI, but WebGL wherever the page has it). */
  mainThread?: boolean;
}

export type HostListener = (message: FromSession) => void;

/** What the page needs of a host: the class below, or a stand-in in tests. */
export type TrainingHostLike = Pick<TrainingHost, 'where' | 'start' | 'pause' | 'resume' | 'step' | 'stop' | 'setSpeed' | 'probe' | 'inspect' | 'trace' | 'compute' | 'landscape' | 'onMessage' | 'dispose'>;

export class TrainingHost {
  readonly where: Where;
  private readonly listeners = new Set<HostListener>();
  private readonly deliver: (message: ToSession) => void;
  private worker: Worker | null = null;
  private session: Promise<TrainingSession> | null = null;
  private disposed = false;
  private lastStart = 0;
  private lastInspect = 0;
  private readonly pendingInspections = new Map<number, Pending<InspectResult>>();
  private lastTrace = 0;
  private readonly pendingTraces = new Map<number, Pending<ValleyTrace>>();
  private lastCompute = 0;
  private readonly pendingComputes = new Map<number, Pending<{ result: unknown }>>();
  private lastLandscape = 0;
  private readonly pendingLandscapes = new Map<number, Pending<LandscapeResult> & { progress?: (done: number, total: number) => void }>();

  constructor(options: HostOptions = {}) {
    this.where = options.mainThread ? 'main-thread' : 'worker';
    this.deliver = options.mainThread ? this.connectMainThread() : this.connectWorker();
  }

  /**
   * Starts an experiment and returns its id, which every message about it carries as `start`.
   * A run already going is stopped first; its last events and `finished` still arrive.
   */
  start(doc: ExperimentDoc, backend: BackendRequest, options: StartOptions = {}): number {
    if (options.speed != null) checkRate(options.speed);
    const id = ++this.lastStart;
    this.send({
      type: 'start',
      id,
      // Documents are JSON by design; the copy also sheds Svelte state proxies, which postMessage cannot clone.
      doc: JSON.parse(JSON.stringify(doc)) as ExperimentDoc,
      backend,
      // A worker would resolve a relative URL against its own script; the page's base is meant.
      options: { ...options, mnistUrl: new URL(options.mnistUrl ?? MNIST_URL, document.baseURI).href },
    });
    return id;
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  /** One step of every unfinished run; only while paused. */
  step(): void {
    this.send({ type: 'step' });
  }

  stop(): void {
    this.send({ type: 'stop' });
  }

  /** Steps per second at most, or null for as fast as possible. */
  setSpeed(speed: number | null): void {
    if (speed !== null) checkRate(speed);
    this.send({ type: 'setSpeed', speed });
  }

  /** Sets up a backend without training; the `backend` message comes back tagged with the returned id. */
  probe(backend: BackendRequest): number {
    const id = ++this.lastStart;
    this.send({ type: 'probe', id, backend });
    return id;
  }

  /** Asks one run of the latest experiment a question (for the views); rejects with the session's reason. */
  inspect(run: string, query: InspectQuery): Promise<InspectResult> {
    const id = ++this.lastInspect;
    return new Promise((resolve, reject) => {
      this.pendingInspections.set(id, { resolve, reject });
      this.send({ type: 'inspect', id, run, query });
    });
  }

  /** Runs the valley's optimizers (on the session's backend); rejects with the session's reason. */
  trace(valley: ValleySpec): Promise<ValleyTrace> {
    const id = ++this.lastTrace;
    return new Promise((resolve, reject) => {
      this.pendingTraces.set(id, { resolve, reject });
      this.send({ type: 'trace', id, valley: JSON.parse(JSON.stringify(valley)) as ValleySpec });
    });
  }

  /**
   * Runs a lesson's compute step on the document's data (on the session's backend) and resolves
   * with its plain-data result; rejects with the session's reason.
   */
  async compute(lesson: string, doc: ExperimentDoc, options: Pick<StartOptions, 'mnistUrl' | 'examples'> = {}): Promise<unknown> {
    const id = ++this.lastCompute;
    const answered = new Promise<{ result: unknown }>((resolve, reject) => this.pendingComputes.set(id, { resolve, reject }));
    this.send({
      type: 'compute',
      id,
      lesson,
      doc: JSON.parse(JSON.stringify(doc)) as ExperimentDoc,
      mnistUrl: new URL(options.mnistUrl ?? MNIST_URL, document.baseURI).href,
      ...(options.examples ? { examples: options.examples } : {}),
    });
    return (await answered).result;

  }

  /** The loss landscape of runs of the latest experiment, once trained; rejects with the session's reason. */
  landscape(spec: LandscapeSpec, onProgress?: (done: number, total: number) => void): Promise<LandscapeResult> {
    const id = ++this.lastLandscape;
    return new Promise((resolve, reject) => {
      this.pendingLandscapes.set(id, { resolve, reject, progress: onProgress });
      this.send({ type: 'landscape', id, spec: JSON.parse(JSON.stringify(spec)) as LandscapeSpec });
    });
  }

  /** Loses the session's WebGL context on purpose (WEBGL_lose_context), as a driver reset would: for tests and for trying the recovery. */
  simulateContextLoss(restoreAfterMs?: number): void {
    this.send({ type: 'simulateContextLoss', ...(restoreAfterMs !== undefined ? { restoreAfterMs } : {}) });
  }

  /** Returns the function that removes the listener. */
  onMessage(listener: HostListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends training for good: the worker is terminated (a main-thread session is stopped). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.clear();
    // Nothing will answer now: whoever waits hears so, and may ask another host.
    for (const pending of [this.pendingInspections, this.pendingTraces, this.pendingComputes, this.pendingLandscapes] as Map<number, Pending<unknown>>[]) {
      for (const waiting of pending.values()) waiting.reject(new Error('the training session was closed'));
      pending.clear();
    }
    this.worker?.terminate();
    void this.session?.then((session) => session.dispose());
  }

  private send(message: ToSession): void {
    if (!this.disposed) this.deliver(message);
  }

  private emit(message: FromSession): void {
    if (message.type === 'inspect-answer') return settle(this.pendingInspections, message.id, message.result, message.error);
    if (message.type === 'trace-answer') return settle(this.pendingTraces, message.id, message.trace, message.error);
    // A result may be any plain data, undefined too: it is boxed so that only an error rejects.
    if (message.type === 'compute-answer') return settle(this.pendingComputes, message.id, message.error === undefined ? { result: message.result } : undefined, message.error);
    if (message.type === 'landscape-answer') return settle(this.pendingLandscapes, message.id, message.result, message.error);
    if (message.type === 'landscape-progress') return this.pendingLandscapes.get(message.id)?.progress?.(message.done, message.total);
    for (const listener of this.listeners) listener(message);
  }

  private connectWorker(): (message: ToSession) => void {
    let worker: Worker;
    try {
      // Written out in full: this is the pattern Vite recognises to bundle the worker.
      worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module' });
    } catch (err) {
      this.emitSoon(`the training worker could not be created (${errorText(err)}); use the main-thread mode`);
      return () => {};
    }
    worker.addEventListener('message', (event: MessageEvent<FromSession>) => this.emit(event.data));
    worker.addEventListener('error', (event: ErrorEvent) => {
      // A module that fails to load gives an ErrorEvent without a message.
      const text = event.message ? `the training worker failed: ${event.message}` : 'the training worker could not start; use the main-thread mode';
      this.emit(workerError(text, this.lastStart));
    });
    worker.addEventListener('messageerror', () => this.emit(workerError('a message from the training worker could not be read', this.lastStart)));
    this.worker = worker;
    return (message) => worker.postMessage(message);
  }

  private connectMainThread(): (message: ToSession) => void {
    const session = import('./browser-session').then(({ createBrowserSession }) =>
      // Delivered in a later microtask, like a worker's message: a listener never runs inside the engine.
      createBrowserSession('main-thread', (message) => queueMicrotask(() => this.emit(message))),
    );
    session.catch((err: unknown) =>
      this.emit({ type: 'error', message: `training could not be loaded: ${errorText(err)}`, where: 'main-thread', start: this.lastStart }),
    );
    this.session = session;
    // Messages sent before the session module has loaded wait for it, in order.
    return (message) => void session.then((s) => s.handle(message), () => {});
  }

  private emitSoon(message: string): void {
    queueMicrotask(() => this.emit(workerError(message, this.lastStart)));
  }
}

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

function settle<T>(pending: Map<number, Pending<T>>, id: number, value: T | undefined, error: string | undefined): void {
  const waiting = pending.get(id);
  pending.delete(id);
  if (value !== undefined) waiting?.resolve(value);
  else waiting?.reject(new Error(error ?? 'no answer'));
}

/** Failures of the worker itself are not about one start: they are tagged with the latest. */
function workerError(message: string, start: number): FromSession {
  return { type: 'error', message, where: 'worker', start };
}

