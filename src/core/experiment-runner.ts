// Trains every run of an experiment, over one upload of the data. Runs that share their network's
// shapes train as one stack (one set of kernels, see stacks.ts); stacks take turns by chunks so that
// all curves advance together. Pause, resume, single steps and stop are the controls the app and the
// command line share; a diverged run ends alone while the others go on.
import * as tf from '@tensorflow/tfjs';
import { runDataKey, runDataset, type Dataset } from '../data/dataset';
import { DeviceData } from './device-data';
import { DEFAULT_CHUNK_STEPS, DEFAULT_PROBE_SIZE } from './engine-sizes';
import type { DoneEvent, TrainEventListener } from './events';
import type { ExperimentDoc, RunSpec } from './experiment-types';
import type { RunNetwork } from './model';
import { rngFor } from './rng';
import { RunTrainer } from './run-trainer';
import type { StackSnapshot } from './snapshot';
import { stackRuns } from './stacks';

export { DEFAULT_CHUNK_STEPS, DEFAULT_PROBE_SIZE };

export interface RunnerOptions {
  onEvent: TrainEventListener;
  /**
   * Called each time the runner comes to rest while paused: no chunk is in flight, every event of
   * the steps trained so far has been emitted. The worker tells the page so (a pause is then exact).
   */
  onResting?: () => void;
  /** Steps dispatched between two readbacks. Larger is faster; smaller updates charts more often. */
  chunkSteps?: number;
  /** Per-layer diagnostics every this many steps; default: each run's evalEvery. 0 turns them off. */
  diagnosticsEvery?: number;
  probeSize?: number;
  /** Overrides every run's step count. */
  steps?: number;
  signal?: AbortSignalLike;
  /**
   * Keep the trained networks and the uploaded data after run() resolves, for inspect() (the app
   * still predicts drawn digits after training). The caller must then call dispose().
   */
  keepModels?: boolean;
  /** Train runs of the same shapes as one stack (default true); false trains each run alone. */
  stacking?: boolean;
  /** Copy each stack's weights and optimizer state to the host at every evaluation (see snapshots()). */
  snapshots?: boolean;
  /** Go on from these snapshots (matched by their runs) instead of the initial weights; other stacks start at step 0. */
  resumeFrom?: readonly StackSnapshot[];
}

/** The part of AbortSignal the runner uses (core builds without DOM types). */
export interface AbortSignalLike {
  addEventListener(type: 'abort', listener: () => void): void;
}


export class ExperimentRunner {
  private paused = false;
  private pendingSingleSteps = 0;
  private wake: (() => void) | null = null;
  private stopped = false;
  /** One upload per set of input features (2-D tasks): runs with the same features share it. */
  private data = new Map<string, DeviceData>();
  private trainers: RunTrainer[] = [];
  private probe: Int32Array = new Int32Array();
  private disposedSnapshots: StackSnapshot[] = [];

  constructor(
    readonly doc: ExperimentDoc,
    readonly dataset: Dataset,
    private readonly options: RunnerOptions,
  ) {
    options.signal?.addEventListener('abort', () => this.stop());
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wakeUp();
  }

  /** While paused: train one step of every unfinished run. Ignored while running. */
  step(): void {
    if (!this.paused) return;
    this.pendingSingleSteps++;
    this.wakeUp();
  }

  stop(): void {
    this.stopped = true;
    this.wakeUp();
  }

  /** Trains until every run is done or diverged, or until stopped; resolves with each run's summary. */
  async run(): Promise<DoneEvent[]> {
    this.probe = probePositions(this.doc, this.dataset.train.count, this.options.probeSize ?? DEFAULT_PROBE_SIZE);
    try {
      for (const stack of this.stacks) {
        const runs = stack.map((i) => this.doc.runs[i]);
        // A stack's runs share their input features (stackKey includes them): one upload serves them all.
        const trainer = new RunTrainer(runs, this.dataFor(runs[0]), {
          probe: this.probe,
          diagnosticsEvery: this.options.diagnosticsEvery ?? runs[0].training.evalEvery,
          steps: this.options.steps,
          order: { order: this.doc.data.order, firstClass: this.doc.data.firstClass },
          emit: this.options.onEvent,
          snapshots: this.options.snapshots,
          restore: this.options.resumeFrom?.find((s) => JSON.stringify(s.runs) === JSON.stringify(runs.map((r) => r.name))),
        });
        this.trainers.push(trainer);
        await trainer.start();
      }
      await this.loop(this.trainers);
      // Each run's summary, in the document's order.
      const done = this.trainers.flatMap((t) => t.summaries(!t.finished));
      const ordered = this.doc.runs.map((run) => done.find((d) => d.run === run.name)!);
      for (const event of ordered) this.options.onEvent(event);
      return ordered;
    } finally {
      if (!this.options.keepModels) this.dispose();
    }
  }

  /** Which runs train together: the document's run indices, one list per stack. */
  get stacks(): number[][] {
    return stackRuns(this.doc.runs, this.options.stacking ?? true);
  }

  /**
   * Asks a question of one run's network (see inspect.ts), now or after training. Safe while
   * training: queries only read weights, and the trainer never awaits inside a tidy.
   */
  async inspect<T>(runName: string, query: (network: RunNetwork, data: DeviceData, probe: Int32Array) => Promise<T>): Promise<T> {
    const trainer = this.trainers.find((t) => t.names.includes(runName));
    const data = trainer && this.data.get(runDataKey(trainer.runs[0]));
    if (!trainer || !data) throw new Error(`no trained network for run ${JSON.stringify(runName)}`);
    return query(trainer.view(runName), data, this.probe);
  }

  /** Each stack's latest host copy (taken at its evaluations when options.snapshots is set). */
  snapshots(): StackSnapshot[] {
    if (this.trainers.length === 0) return this.disposedSnapshots;
    return this.trainers.map((t) => t.snapshot()).filter((s): s is StackSnapshot => s !== null);
  }

  /** Frees every network, optimizer and the uploaded data (the host snapshots stay). Idempotent. */
  dispose(): void {
    if (this.trainers.length > 0) this.disposedSnapshots = this.snapshots();
    this.trainers.forEach((t) => t.dispose());
    this.trainers = [];
    for (const data of this.data.values()) data.dispose();
    this.data.clear();
  }

  private dataFor(run: RunSpec): DeviceData {
    const key = runDataKey(run);
    let data = this.data.get(key);
    if (!data) {
      data = new DeviceData(runDataset(this.dataset, run));
      this.data.set(key, data);
    }
    return data;
  }

  private async loop(trainers: RunTrainer[]): Promise<void> {
    const chunk = this.options.chunkSteps ?? DEFAULT_CHUNK_STEPS;
    while (!this.stopped) {
      const active = trainers.filter((t) => !t.finished);
      if (!active.length) return;
      if (this.paused && this.pendingSingleSteps === 0) {
        const resting = new Promise<void>((resolve) => (this.wake = resolve));
        this.options.onResting?.();
        await resting;
        continue;
      }
      const steps = this.paused ? 1 : chunk;
      if (this.paused) this.pendingSingleSteps--;
      for (const trainer of active) {
        if (this.stopped) return;
        await trainer.trainChunk(steps);
      }
      // Lets the page (or the worker's message port) breathe between rounds.
      await tf.nextFrame();
    }
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}


/** The fixed probe batch: a seeded sample of training positions, the same for every run. */
function probePositions(doc: ExperimentDoc, trainCount: number, size: number): Int32Array {
  const all = Int32Array.from({ length: trainCount }, (_, i) => i);
  return rngFor(doc.data.seed, 'probe').shuffle(all).slice(0, Math.min(size, trainCount));
}
