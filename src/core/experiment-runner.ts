// Trains every run of an experiment, round-robin by chunks so that all curves advance together,
// over one upload of the data. Pause, resume, single steps and stop are the controls the app and
// the command line share; a diverged run ends alone while the others go on.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset';
import { DeviceData } from './device-data';
import { DEFAULT_CHUNK_STEPS, DEFAULT_PROBE_SIZE } from './engine-sizes';
import type { DoneEvent, TrainEventListener } from './events';
import type { ExperimentDoc } from './experiment-types';
import type { Network } from './model';
import { rngFor } from './rng';
import { RunTrainer } from './run-trainer';
import type { RunSnapshot } from './snapshot';

export { DEFAULT_CHUNK_STEPS, DEFAULT_PROBE_SIZE };

export interface RunnerOptions {
  onEvent: TrainEventListener;
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
  /** Copy each run's weights and optimizer state to the host at every evaluation (see snapshots()). */
  snapshots?: boolean;
  /** Go on from these snapshots (by run name) instead of the initial weights; runs without one start at step 0. */
  resumeFrom?: readonly RunSnapshot[];
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
  private data: DeviceData | null = null;
  private trainers: RunTrainer[] = [];
  private probe: Int32Array = new Int32Array();
  private disposedSnapshots: RunSnapshot[] = [];

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
    const data = (this.data = new DeviceData(this.dataset));
    this.probe = probePositions(this.doc, this.dataset.train.count, this.options.probeSize ?? DEFAULT_PROBE_SIZE);
    try {
      for (const run of this.doc.runs) {
        const trainer = new RunTrainer(run, data, {
          probe: this.probe,
          diagnosticsEvery: this.options.diagnosticsEvery ?? run.training.evalEvery,
          steps: this.options.steps,
          order: { order: this.doc.data.order, firstClass: this.doc.data.firstClass },
          emit: this.options.onEvent,
          snapshots: this.options.snapshots,
          restore: this.options.resumeFrom?.find((s) => s.run === run.name),
        });
        this.trainers.push(trainer);
        await trainer.start();
      }
      await this.loop(this.trainers);
      return this.trainers.map((t) => {
        const done = t.summary(!t.finished);
        this.options.onEvent(done);
        return done;
      });
    } finally {
      if (!this.options.keepModels) this.dispose();
    }
  }

  /**
   * Asks a question of one run's network (see inspect.ts), now or after training. Safe while
   * training: queries only read weights, and the trainer never awaits inside a tidy.
   */
  async inspect<T>(runName: string, query: (network: Network, data: DeviceData, probe: Int32Array) => Promise<T>): Promise<T> {
    const trainer = this.trainers.find((t) => t.run.name === runName);
    if (!trainer || !this.data) throw new Error(`no trained network for run ${JSON.stringify(runName)}`);
    return query(trainer.network, this.data, this.probe);
  }

  /** Each run's latest host copy (taken at its evaluations when options.snapshots is set). */
  snapshots(): RunSnapshot[] {
    if (this.trainers.length === 0) return this.disposedSnapshots;
    return this.trainers.map((t) => t.snapshot()).filter((s): s is RunSnapshot => s !== null);
  }

  /** Frees every network, optimizer and the uploaded data (the host snapshots stay). Idempotent. */
  dispose(): void {
    if (this.trainers.length > 0) this.disposedSnapshots = this.snapshots();
    this.trainers.forEach((t) => t.dispose());
    this.trainers = [];
    this.data?.dispose();
    this.data = null;
  }

  private async loop(trainers: RunTrainer[]): Promise<void> {
    const chunk = this.options.chunkSteps ?? DEFAULT_CHUNK_STEPS;
    while (!this.stopped) {
      const active = trainers.filter((t) => !t.finished);
      if (!active.length) return;
      if (this.paused && this.pendingSingleSteps === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
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
