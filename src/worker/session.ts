// One training session: takes protocol messages in, posts protocol messages out. The worker and the
// main-thread fallback both run this class, so the two paths cannot drift apart; only `post` and
// the browser environment (fetch, wasm file URLs) are injected.
import { errorText } from '../core/error-text';
import { loseWebGLContext, type BackendOptions } from '../core/backend';
import type { TrainEvent } from '../core/events';
import { parseExperiment, type ExperimentDoc } from '../core/experiment';
import { assertFitsMemory } from './fits-memory';
import { ExperimentRunner } from '../core/experiment-runner';
import { computeLandscape } from '../core/landscape';
import { PathRecorder } from '../core/landscape-path';
import { parseLandscape } from '../core/landscape-spec';
import { resumableRuns, type StackSnapshot } from '../core/snapshot';
import { parseValley } from '../core/valley';
import { traceValley } from '../core/valley-trace';
import { MNIST_URL, type FetchBytes } from '../data/mnist';
import { BackendSetup } from './backend-setup';
import { EventBatcher } from './event-batcher';
import { ProgressTracker } from './pacer';
import { SessionData } from './session-data';
import { lessonById } from '../lessons';
import { EVENT_FLUSH_MS, type ComputeMessage, type FromSession, type InspectMessage, type LandscapeMessage, type ProbeMessage, type StartMessage, type ToSession, type TraceMessage, type Untagged, type Where } from './protocol';
import { answerInspect } from './inspect-answers';
import { CONTEXT_LOST, ContextWatch, LOST } from './context-watch';
import { RunControl } from './run-control';
import { Turns } from './turns';

export interface SessionEnvironment {
  where: Where;
  post(message: FromSession): void;
  fetchBytes: FetchBytes;
  wasmPaths?: BackendOptions['wasmPaths'];
}

export class TrainingSession {
  private control: RunControl | null = null;
  /** The latest start's id, for errors that are not about a run (an invalid control). */
  private latestStart = 0;
  /** Starts run one after another: a new start stops the current run and waits for it to end. */
  private queue: Promise<void> = Promise.resolve();
  private readonly data: SessionData;
  /**
   * The latest experiment's runner, kept after training so that the views can still ask it questions,
   * with its runs' training paths (kernels at each evaluation) for a loss landscape asked afterwards.
   */
  private runner: { start: number; runner: ExperimentRunner; paths: PathRecorder } | null = null;
  /** The latest backend set-up (probe or start); a compute step before any probe sets one up itself. */
  private readonly backends: BackendSetup;
  /**
   * Work that needs the backend to stay put takes turns: a compute step, a probe, and a start until
   * it has chosen its backend ('auto' switches between all of them to time steps). Training itself
   * does not hold the turn, so a compute step may run beside it on the same backend.
   */
  private readonly backendTurns = new Turns();
  /** The runs' host snapshots of the start a context loss interrupted: what a start with options.resume goes on from. */
  private interrupted: { doc: string; snapshots: StackSnapshot[] } | null = null;
  private readonly context = new ContextWatch({
    lost: () => this.contextLostWhileIdle(),
    restored: () => this.env.post({ type: 'context-restored', start: this.latestStart }),
  });

  constructor(private readonly env: SessionEnvironment) {
    this.data = new SessionData(env.fetchBytes);
    this.backends = new BackendSetup({ wasmPaths: env.wasmPaths, onChosen: (name) => this.context.follow(name) });
  }

  handle(message: ToSession): void {
    try {
      this.dispatch(message);
    } catch (err) {
      // A bad control (a negative speed, say) is reported; the run it was meant for goes on.
      this.fail(this.latestStart, err);
    }
  }

  private dispatch(message: ToSession): void {
    switch (message.type) {
      case 'start': {
        const control = new RunControl(message.options.speed ?? null, message.options.paused ?? false);
        this.control?.stop();
        this.control = control;
        this.latestStart = message.id;
        this.queue = this.queue.then(() => this.run(message, control));
        return;
      }
      case 'pause':
        return this.control?.pause();
      case 'resume':
        return this.control?.resume();
      case 'step':
        return this.control?.step();
      case 'stop':
        return this.control?.stop();
      case 'setSpeed':
        return this.control?.setSpeed(message.speed);
      case 'probe':
        return void this.probe(message);
      case 'inspect':
        return void this.inspect(message);
      case 'trace':
        return void this.trace(message);
      case 'compute':
        return void this.compute(message);
      case 'landscape':
        return void this.landscape(message);
      case 'simulateContextLoss':
        if (!loseWebGLContext(message.restoreAfterMs)) this.fail(this.latestStart, new Error('there is no WebGL context to lose: the backend is not webgl'));
        return;
      default: {
        const unknown: never = message;
        this.fail(this.latestStart, new Error(`unknown message ${JSON.stringify(unknown)}`));
      }
    }
  }

  /** Stops the current run (its `finished` still follows) and frees the kept networks. */
  dispose(): void {
    this.control?.stop();
    void this.queue.then(() => this.releaseRunner());
  }

  private async probe(message: ProbeMessage): Promise<void> {
    if (this.control) return this.fail(message.id, new Error('the backend cannot change while training; stop first'));
    // A probe that keeps the backend as it is (the page's first one, after a compute step set it up)
    // switches nothing: it answers at once instead of waiting for a measurement to end.
    const release = this.backends.keeps(message.backend) ? () => {} : await this.backendTurns.take();
    try {
      // A start may have begun while this probe waited for its turn.
      if (this.control) throw new Error('the backend cannot change while training; stop first');
      const { info, fallback } = await this.backends.choose(message.backend);
      this.env.post({ type: 'backend', info, requested: message.backend, ...(fallback ? { fallback } : {}), where: this.env.where, start: message.id });
    } catch (err) {
      this.fail(message.id, err);
    } finally {
      release();
    }
  }

  private async inspect(message: InspectMessage): Promise<void> {
    const kept = this.runner;
    const answer = { type: 'inspect-answer' as const, id: message.id, start: kept?.start ?? 0 };
    try {
      if (!kept) throw new Error('nothing has been trained yet');
      const result = await this.context.required(answerInspect(kept.runner, message.run, message.query));
      this.env.post({ ...answer, result });
    } catch (err) {
      this.env.post({ ...answer, error: errorText(err) });
    }
  }

  private async trace(message: TraceMessage): Promise<void> {
    const answer = { type: 'trace-answer' as const, id: message.id, start: this.latestStart };
    try {
      const parsed = parseValley(message.valley);
      if (!parsed.ok) throw new Error(`invalid valley:\n  ${parsed.errors.join('\n  ')}`);
      await this.backends.settled();
      const trace = await this.context.required(traceValley(parsed.spec));
      this.env.post({ ...answer, trace });
    } catch (err) {
      this.env.post({ ...answer, error: errorText(err) });
    }
  }

  /**
   * A lesson's compute step on the document's data (loaded as a start loads it), on the backend set
   * up last (or, before any, the preferred one), answered with its plain-data result.
   */
  private async compute(message: ComputeMessage): Promise<void> {
    const answer = { type: 'compute-answer' as const, id: message.id, start: this.latestStart };
    const release = await this.backendTurns.take();
    try {
      const lesson = lessonById(message.lesson);
      if (!lesson?.compute) throw new Error(`the lesson ${JSON.stringify(message.lesson)} has no compute step`);
      const parsed = parseExperiment(message.doc, { memoryLimit: null });
      if (!parsed.ok) throw new Error(`invalid experiment:\n  ${parsed.errors.join('\n  ')}`);
      const doc = parsed.doc;
      const chosen = this.backends.chosen ?? (await this.backends.choose('auto'));
      assertFitsMemory(doc, chosen.info.name);
      const dataset = await this.data.load(doc, message.mnistUrl ?? MNIST_URL, message.examples, () => {});
      const result = await this.context.required(lesson.compute(doc, dataset));
      this.env.post({ ...answer, result });
    } catch (err) {
      this.env.post({ ...answer, error: errorText(err) });
    } finally {
      release();
    }
  }

  /** The loss landscape of the kept runs, with progress at most every flush period; refused while training. */
  private async landscape(message: LandscapeMessage): Promise<void> {
    const kept = this.runner;
    const tag = { id: message.id, start: kept?.start ?? 0 };
    // A turn like a compute step's: no probe may switch the backend under the kept networks meanwhile.
    const release = await this.backendTurns.take();
    try {
      if (!kept) throw new Error('nothing has been trained yet');
      if (this.control) throw new Error('the landscape is computed after training; wait for it to stop');
      const parsed = parseLandscape(message.spec);
      if (!parsed.ok) throw new Error(`invalid landscape request:\n  ${parsed.errors.join('\n  ')}`);
      let lastPost = -Infinity;
      const progress = (done: number, total: number) => {
        if (done < total && performance.now() - lastPost < EVENT_FLUSH_MS) return;
        lastPost = performance.now();
        this.env.post({ type: 'landscape-progress', ...tag, done, total });
      };
      const result = await this.context.required(computeLandscape(kept.runner, parsed.spec, kept.paths, progress));
      this.env.post({ type: 'landscape-answer', ...tag, result });
    } catch (err) {
      this.env.post({ type: 'landscape-answer', ...tag, error: errorText(err) });
    } finally {
      release();
    }
  }

  private releaseRunner(): void {
    try {
      this.runner?.runner.dispose();
    } catch {
      // Freeing textures of a lost context may fail; they are gone anyway.
    }
    this.runner = null;
  }

  /** A loss with nothing training: the kept networks (the views' answers) are gone with it. */
  private contextLostWhileIdle(): void {
    if (this.control) return; // the training's own guard reports it, with what can be resumed
    this.releaseRunner();
    this.env.post({ type: 'interrupted', reason: CONTEXT_LOST, step: 0, resumable: [], where: this.env.where, start: this.latestStart });
  }

  private async run(message: StartMessage, control: RunControl): Promise<void> {
    const { where } = this.env;
    const start = message.id;
    // Nothing more is sent for a start once a context loss interrupted it (its abandoned work may still wake up).
    let over = false;
    const post = (m: Untagged) => {
      if (!over) this.env.post({ ...m, start });
    };
    // The furthest step reported, and the flush of the events not yet sent (set once training starts).
    const progress = { step: 0, flush: () => {} };
    const release = await this.backendTurns.take();
    try {
      // The page is a trust boundary like any other: the document is checked again here, and its
      // memory below, once the backend (and so the limit) is known.
      const parsed = parseExperiment(message.doc, { memoryLimit: null });
      if (!parsed.ok) throw new Error(`invalid experiment:\n  ${parsed.errors.join('\n  ')}`);
      const doc = parsed.doc;
      const resumeFrom = message.options.resume ? this.snapshotsFor(doc) : undefined;
      if (!message.options.resume) this.interrupted = null;
      // An explicit choice is set up (and reported) first; 'auto' needs the data to time the steps on.
      const explicit = message.backend === 'auto' ? null : await this.backends.choose(message.backend);
      if (explicit) {
        post({ type: 'backend', info: explicit.info, requested: message.backend, ...(explicit.fallback ? { fallback: explicit.fallback } : {}), where });
        if (control.stopped) return post({ type: 'finished' });
      }
      // Before the data loads and before 'auto' times steps on every backend: with 'auto' the
      // smallest limit (webgl's) applies, since any backend may end up holding the runs.
      assertFitsMemory(doc, explicit ? explicit.info.name : 'webgl', { chunkSteps: message.options.chunkSteps });

      const outcome = await this.context.guard(this.train(message, control, doc, resumeFrom, post, progress, release));
      if (outcome !== LOST) return post({ type: 'finished' });
      // The steps read back before the loss are real: they reach the charts, then nothing more.
      progress.flush();
      over = true;
      control.stop();
      const snapshots = this.runner?.start === start ? this.runner.runner.snapshots() : [];
      this.interrupted = { doc: JSON.stringify(doc), snapshots };
      this.releaseRunner();
      this.env.post({ type: 'interrupted', reason: CONTEXT_LOST, step: progress.step, resumable: resumableRuns(snapshots), where, start });
    } catch (err) {
      if (!over) this.fail(start, err);
    } finally {
      release();
      control.stop();
      if (this.control === control) this.control = null;
    }
  }

  /** The snapshots a resumed start goes on from: the interrupted start's, for the same document. */
  private snapshotsFor(doc: ExperimentDoc): StackSnapshot[] {
    if (!this.interrupted) throw new Error('there is nothing to continue: no training was interrupted');
    if (this.interrupted.doc !== JSON.stringify(doc)) throw new Error('there is nothing to continue for this experiment: the interrupted one was different');
    return this.interrupted.snapshots;
  }

  /** Loads the data, builds the runs and trains them; resolves when training ends (finished or stopped). */
  private async train(
    message: StartMessage,
    control: RunControl,
    doc: ExperimentDoc,
    resumeFrom: StackSnapshot[] | undefined,
    post: (m: Untagged) => void,
    progress: { step: number; flush(): void },
    /** Ends the start's backend turn: called once its backend is chosen. */
    backendChosen: () => void,
  ): Promise<void> {
    const dataset = await this.data.load(doc, message.options.mnistUrl ?? MNIST_URL, message.options.examples, (loaded, total) => post({ type: 'loading', loaded, total }));
    if (control.stopped) return;
    const { stepsOverride, chunkSteps, diagnosticsEvery, stacking } = message.options;
    if (message.backend === 'auto') {
      const { info, measured, cached } = await this.backends.chooseFastest(doc, dataset, stacking);
      post({ type: 'backend', info, requested: 'auto', measured, cached, where: this.env.where });
      if (control.stopped) return;
    }
    backendChosen();

    const batcher = new EventBatcher((events) => post({ type: 'events', events }));
    progress.flush = () => batcher.flush();
    // Every run's path, within a host budget shared by the runs: a landscape may be asked once training stops.
    let runner: ExperimentRunner | null = null;
    const paths = new PathRecorder(() => runner, doc.runs.map((r) => r.name), PATH_FLOATS / doc.runs.length);
    const onEvent = (event: TrainEvent) => {
      if (event.type === 'metrics') progress.step = Math.max(progress.step, event.step);
      batcher.push(event);
      control.observe(event);
      paths.observe(event);
    };
    this.releaseRunner();
    // Only a WebGL context can be lost: only there is each run's state copied to the host at its evaluations.
    const snapshots = this.context.watching;
    // At rest after the user's pause (or after a single step while paused): the steps trained so far
    // leave now, and the page learns where the runs stand.
    const onResting = () => {
      if (!control.paused || control.stopped) return;
      batcher.flush();
      post({ type: 'paused', step: progress.step });
    };
    runner = new ExperimentRunner(doc, dataset, { onEvent, onResting, steps: stepsOverride, chunkSteps, diagnosticsEvery, keepModels: true, stacking, snapshots, resumeFrom });
    this.runner = { start: message.id, runner, paths };
    control.attach(runner, new ProgressTracker(doc, stepsOverride));
    try {
      await runner.run();
    } finally {
      // On an engine error too: the steps that did train still reach the charts, before the error.
      batcher.flush();
    }
  }

  private fail(start: number, err: unknown): void {
    const message = errorText(err);
    this.env.post({ type: 'error', message, where: this.env.where, start });
  }
}

/** Floats of kernels the session keeps of all the runs' training paths together (16 MB). */
const PATH_FLOATS = 4_000_000;

