// The messages between the page and the training session (in a worker or, as a fallback, on the
// main thread). Everything here is structured-cloneable data: no tensors, no functions, no classes,
// so the same union crosses a postMessage boundary or a plain function call unchanged.
import type { BackendInfo, BackendRequest } from '../core/backend';
import type { Measured } from './backend-choice';
import type { TrainEvent } from '../core/events';
import type { ActivationMap, FilterBank, Histogram, PictureLayer, TestPredictions } from '../core/inspect';
import type { ExperimentDoc } from '../core/experiment-types';
import type { LandscapeResult, LandscapeSpec } from '../core/landscape-spec';
import type { ValleySpec, ValleyTrace } from '../core/valley';
import type { UserExamples } from '../data/user-examples';

/** Where the session runs; the UI shows a note when training shares the page's thread. */
export type Where = 'worker' | 'main-thread';

export interface StartOptions {
  /** Overrides every run's step count (a step budget). */
  stepsOverride?: number;
  /** Steps dispatched between two readbacks; see RunnerOptions.chunkSteps. */
  chunkSteps?: number;
  /** Per-layer diagnostics every this many steps; 0 turns them off. Default: each run's evalEvery. */
  diagnosticsEvery?: number;
  /** Steps per second at most, for watching training unfold; null (the default) is as fast as possible. */
  speed?: number | null;
  /** Build the runs and wait at step 0 until resumed or stepped (Reset). */
  paused?: boolean;
  /** Train runs of the same shapes as one stack (default true); false trains each run alone, for comparison. */
  stacking?: boolean;
  /**
   * The examples made from the user's file (CSV or images) in the page, for a document whose task
   * trains on one: the file itself never leaves the browser, and the session checks them against data.source.
   */
  examples?: UserExamples;
  /**
   * Absolute URL of the MNIST chunks' directory (data/mnist/). A worker resolves relative URLs against its own script, not the
   * page, so the host fills this in from the page's base URL.
   */
  mnistUrl?: string;
  /**
   * Go on from where the interrupted start left off (its `interrupted` message's `resumable` steps):
   * the same document, each run from the weights last read back to the host. Refused when the
   * session holds no such snapshots.
   */
  resume?: boolean;
}

// ---- page -> session ----------------------------------------------------------------------------

export interface StartMessage {
  type: 'start';
  /** Chosen by the page (increasing); every message about this start carries it back as `start`. */
  id: number;
  doc: ExperimentDoc;
  /** A backend, or 'auto': the fastest for this experiment here, measured on a few of its steps. */
  backend: BackendRequest;
  options: StartOptions;
}

export interface SetSpeedMessage {
  type: 'setSpeed';
  /** Steps per second, or null for as fast as possible. */
  speed: number | null;
}

export type ControlMessage = { type: 'pause' } | { type: 'resume' } | { type: 'step' } | { type: 'stop' };

/** Sets up a backend and reports it (a `backend` message tagged with this id), without training. Refused while training. */
export interface ProbeMessage {
  type: 'probe';
  id: number;
  /** 'auto' sets up the preferred backend that works; the measuring waits for a start. */
  backend: BackendRequest;
}

/** The views' questions to one run's network (the latest experiment's, during or after training). */
export type InspectQuery =
  /** A 2-D task's class probabilities over [lo, hi]², and the predicted class of `points` ((x, y) pairs). */
  | { kind: 'decision-grid'; resolution: number; lo: number; hi: number; points?: Float32Array }
  | { kind: 'predict'; x: Float32Array; n: number }
  | { kind: 'test-predictions' }
  | { kind: 'filters' }
  | { kind: 'activation-maps'; example: Float32Array }
  | { kind: 'histograms'; bins: number }
  /** Every unit of a small dense network on the probe batch: the live network view. */
  | { kind: 'network' }
  /** The first `count` test examples (inputs as the model sees them, and labels): the digit grid's images. */
  | { kind: 'test-examples'; count: number }
  /** The first `count` training examples: the XOR view's points. */
  | { kind: 'train-examples'; count: number };

export type InspectResult =
  /** probabilities: cells x classes, row by row from the top; predicted: one class per point asked about. */
  | { kind: 'decision-grid'; probabilities: Float32Array; classes: number; predicted: Int32Array }
  | { kind: 'predict'; probabilities: Float32Array }
  | { kind: 'test-predictions'; predictions: TestPredictions; labels: Uint8Array }
  | { kind: 'filters'; filters: FilterBank | null }
  | { kind: 'activation-maps'; maps: ActivationMap[] }
  | { kind: 'histograms'; histograms: Histogram[] }
  /** null: the network is too large or not dense, so it is not pictured. */
  | { kind: 'network'; layers: PictureLayer[] | null }
  | { kind: 'test-examples' | 'train-examples'; x: Float32Array; labels: Uint8Array; featureShape: number[] };

export interface InspectMessage {
  type: 'inspect';
  /** Chosen by the page; the answer carries it back. */
  id: number;
  run: string;
  query: InspectQuery;
}

/** Runs optimizers over a two-parameter valley (a lesson's contour plot); needs no experiment. */
export interface TraceMessage {
  type: 'trace';
  /** Chosen by the page; the answer carries it back. */
  id: number;
  valley: ValleySpec;
}

/** Computes the loss landscape of runs of the latest experiment (see core/landscape-spec.ts), after training. */
export interface LandscapeMessage {
  type: 'landscape';
  /** Chosen by the page; the progress and the answer carry it back. */
  id: number;
  spec: LandscapeSpec;
}

/**
 * Runs a lesson's compute step (a measurement made without training, e.g. gradient checking) on an
 * experiment's data, loaded as a start loads it. The answer is the step's plain-data result.
 */
export interface ComputeMessage {
  type: 'compute';
  /** Chosen by the page; the answer carries it back. */
  id: number;
  /** The lesson whose compute step runs (an id from src/lessons/index.ts). */
  lesson: string;
  doc: ExperimentDoc;
  /** As in StartOptions: the MNIST chunks' absolute URL, and the examples of a user's file. */
  mnistUrl?: string;
  examples?: UserExamples;
}

/**
 * Loses the WebGL context on purpose (the WEBGL_lose_context extension), as a driver reset would;
 * `restoreAfterMs` gives it back after that long. For the tests, and for trying the recovery by hand.
 */
export interface SimulateContextLossMessage {
  type: 'simulateContextLoss';
  restoreAfterMs?: number;
}

export type ToSession = StartMessage | SetSpeedMessage | ControlMessage | ProbeMessage | InspectMessage | TraceMessage | ComputeMessage | LandscapeMessage | SimulateContextLossMessage;

// ---- session -> page ----------------------------------------------------------------------------

/**
 * Which start a message belongs to. A new start stops the current one, whose last events and
 * `finished` still arrive afterwards; the tag keeps them from being taken for the new run's.
 */
interface AboutStart {
  start: number;
}

/** Sent once per start, before any training: what actually runs, and where. */
export interface BackendMessage extends AboutStart {
  type: 'backend';
  info: BackendInfo;
  requested: BackendRequest;
  /** Set when the requested backend failed and another one is used: what failed and why. */
  fallback?: string;
  /** With 'auto' at a start: each backend's ms/step on this experiment, fastest (the one used) first. */
  measured?: Measured[];
  /** The measurement is an earlier one for the same shapes and batch, not taken for this start. */
  cached?: boolean;
  where: Where;
}

/** MNIST download progress; total is 0 when the server does not say how big the file is. */
export interface LoadingMessage extends AboutStart {
  type: 'loading';
  loaded: number;
  total: number;
}

/** A batch of engine events, in the order the engine emitted them (never one message per step). */
export interface EventsMessage extends AboutStart {
  type: 'events';
  events: TrainEvent[];
}

/** The experiment ended (finished, diverged or stopped); each run's summary came as its `done` event. Each start ends with finished or error. */
export interface FinishedMessage extends AboutStart {
  type: 'finished';
}

/**
 * A start failed (invalid document, no backend, download, dataset or engine error): no `finished`
 * follows for it. Also sent for an invalid control message, which leaves the current run as it is
 * (`start` is then the latest start's id, or 0 before any).
 */
export interface ErrorMessage extends AboutStart {
  type: 'error';
  message: string;
  where: Where;
}

/**
 * The WebGL context was lost (a GPU driver reset, a sleeping device, the browser reclaiming the GPU):
 * the training stopped, and no `finished` follows for it. The events sent so far stand. `resumable`
 * lists each run's step whose weights the session holds on the host (taken at its evaluations):
 * a start with options.resume goes on from there; a run not listed would start again at step 0.
 * Sent too when nothing was training (step 0, nothing resumable): the kept networks are gone.
 */
export interface InterruptedMessage extends AboutStart {
  type: 'interrupted';
  /** What happened, as a sentence without the step: "the GPU's WebGL context was lost (...)". */
  reason: string;
  /** The furthest step any run had reported. */
  step: number;
  resumable: { run: string; step: number }[];
  where: Where;
}

/** The browser gave the lost WebGL context back; a new start (or a resume) can use the GPU again. */
/**
 * The runs came to rest after a pause (or after a single step while paused): every event of the
 * steps trained so far has been sent before this, and nothing more comes until resume or step.
 */
export interface PausedMessage extends AboutStart {
  type: 'paused';
  /** The furthest step reported. */
  step: number;
}

export interface ContextRestoredMessage extends AboutStart {
  type: 'context-restored';
}

/** The answer to an inspect message, matched by `id` (its `start` is the experiment that answered). */
export interface InspectAnswerMessage extends AboutStart {
  type: 'inspect-answer';
  id: number;
  result?: InspectResult;
  error?: string;
}

/** The answer to a trace message, matched by `id`. */
export interface TraceAnswerMessage extends AboutStart {
  type: 'trace-answer';
  id: number;
  trace?: ValleyTrace;
  error?: string;
}

/** The answer to a compute message, matched by `id`: `result` when `error` is absent. */
export interface ComputeAnswerMessage extends AboutStart {
  type: 'compute-answer';
  id: number;
  result?: unknown;
  error?: string;
}

/** How far a landscape has got: points evaluated of all its lines' and slices' points. */
export interface LandscapeProgressMessage extends AboutStart {
  type: 'landscape-progress';
  id: number;
  done: number;
  total: number;
}

/** The answer to a landscape message, matched by `id`. */
export interface LandscapeAnswerMessage extends AboutStart {
  type: 'landscape-answer';
  id: number;
  result?: LandscapeResult;
  error?: string;
}

export type FromSession =
  | BackendMessage
  | LoadingMessage
  | EventsMessage
  | FinishedMessage
  | ErrorMessage
  | InterruptedMessage
  | ContextRestoredMessage
  | PausedMessage
  | InspectAnswerMessage
  | TraceAnswerMessage
  | ComputeAnswerMessage
  | LandscapeProgressMessage
  | LandscapeAnswerMessage;

/** Flush period of the event batches: a few updates per second is all a chart can show. */
export const EVENT_FLUSH_MS = 100;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A session's message before it is tagged with its start's id. */
export type Untagged = DistributiveOmit<FromSession, 'start'>;
