// Trains one stack of runs (see stacks.ts): owns their stacked network, optimizer and batch streams,
// and every tensor it makes. A chunk of steps is dispatched without any readback; the chunk's losses
// and scores are then read in one `await data()`, so the device pipeline never stalls inside the loop.
// Every event is about one run: a stack of eight reports exactly what eight runs trained alone would.
import * as tf from '@tensorflow/tfjs';
import { createBatchStream, type BatchStream } from '../data/batches';
import type { DeviceData } from './device-data';
import type { DoneEvent, TrainEventListener } from './events';
import type { RunSpec } from './experiment-types';
import { hasWeights, unitsOf } from './layers';
import { chanceAccuracy, LearningCheck } from './learning-check';
import { accuracyOfRows, computeLoss } from './losses';
import { layerDiagnostics } from './metrics';
import { Network, type RunNetwork } from './model';
import { createOptimizer, type StackOptimizer } from './optimizers';
import { RunSettings } from './run-settings';
import { learningRateFactor } from './schedule';
import { readState, restoreState, type StackSnapshot } from './snapshot';
import { evaluateSplit } from './split-evaluation';
import { nowMs, StackTimings } from './stack-timings';

export interface RunTrainerOptions {
  /** Probe examples (train-set positions) for the per-layer diagnostics; shared by all runs. */
  probe: Int32Array;
  /** Per-layer diagnostics every this many steps (and at steps 0 and last); 0 turns them off. */
  diagnosticsEvery: number;
  /** Overrides the runs' step count (the `--steps` of the command line, a step budget in the app). */
  steps?: number;
  /** Dataset order policy and its class, from the document's data options. */
  order: { order: Parameters<typeof createBatchStream>[1]; firstClass: number };
  emit: TrainEventListener;
  /** Copy the stack's state to the host at each evaluation (see snapshot()). */
  snapshots?: boolean;
  /** Go on from this snapshot of the same runs instead of the initial weights. */
  restore?: StackSnapshot;
}

/** Training examples evaluated in inference mode at each evaluation (the train side of the train/test gap). */
const TRAIN_EVAL_LIMIT = 2000;

interface Member {
  run: RunSpec;
  batches: BatchStream;
  /** Steps this run has trained (its divergence step, once diverged). */
  step: number;
  diverged: boolean;
  last: { loss: number; accuracy: number; testLoss: number; testAccuracy: number; msPerInference: number };
  /** Whether the run is learning at all (learning-check.ts): judged in its done event. */
  learning: LearningCheck;
}

export class RunTrainer {
  readonly network: Network;
  readonly totalSteps: number;
  /** Steps the stack has dispatched. */
  step = 0;
  private readonly members: Member[];
  private readonly optimizer: StackOptimizer;
  private readonly timings = new StackTimings();
  private readonly settings: RunSettings;
  private latest: StackSnapshot | null = null;

  constructor(
    readonly runs: readonly RunSpec[],
    private readonly data: DeviceData,
    private readonly options: RunTrainerOptions,
  ) {
    const first = runs[0];
    this.totalSteps = options.steps ?? first.training.steps;
    const chance = chanceAccuracy(data.dataset.test.labels);
    this.members = runs.map((run) => ({
      run,
      batches: createBatchStream(data.dataset.train.labels, options.order.order, run.seed, options.order.firstClass),
      step: 0,
      diverged: false,
      last: { loss: NaN, accuracy: NaN, testLoss: NaN, testAccuracy: NaN, msPerInference: NaN },
      learning: new LearningCheck(this.totalSteps, chance),
    }));
    this.network = new Network(
      runs.map((r) => r.model),
      runs.map((r) => r.seed),
    );
    this.optimizer = createOptimizer(runs.map((r) => r.optimizer));
    this.settings = new RunSettings(runs, this.totalSteps);
  }

  get finished(): boolean {
    return this.step >= this.totalSteps || this.members.every((m) => m.diverged);
  }

  /** The stack's runs by name, for the runner. */
  get names(): string[] {
    return this.runs.map((r) => r.name);
  }

  /** Run `name` of this stack, alone, as the views ask their questions of it. */
  view(name: string): RunNetwork {
    return this.network.view(this.names.indexOf(name));
  }

  private get batchSize(): number {
    return this.runs[0].training.batchSize;
  }

  private get outputUnits(): number {
    const last = this.runs[0].model.layers[this.runs[0].model.layers.length - 1];
    return hasWeights(last) ? unitsOf(last) : 1;
  }

  /** Step-0 diagnostics: the state the initializers left, before any update; or the restored snapshot. */
  async start(): Promise<void> {
    const from = this.options.restore;
    if (from) return this.restore(from);
    if (this.options.diagnosticsEvery > 0) await this.diagnose();
  }

  /** The stack's state at its latest evaluation, on the host (with options.snapshots), or null before the first. */
  snapshot(): StackSnapshot | null {
    return this.latest;
  }

  private async takeSnapshot(): Promise<void> {
    const state = await readState(this.network, this.optimizer);
    const members = this.members.map((m) => ({ run: m.run.name, step: m.step, diverged: m.diverged, figures: { ...m.last }, learning: m.learning.snapshot() }));
    this.latest = { runs: this.names, step: this.step, ...state, members };
  }

  /** Weights, optimizer state, figures and each batch stream's position as they were at the snapshot's step. */
  private restore(from: StackSnapshot): void {
    if (JSON.stringify(from.runs) !== JSON.stringify(this.names)) {
      throw new Error(`a snapshot of runs ${from.runs.join(', ')} cannot restore the stack of ${this.names.join(', ')}`);
    }
    restoreState(from, this.network, this.optimizer);
    this.step = from.step;
    const chance = chanceAccuracy(this.data.dataset.test.labels);
    this.members.forEach((m, r) => {
      const saved = from.members[r];
      // Every run draws its batches at every step of the stack, diverged ones too (see trainChunk).
      m.batches.skip(from.step * this.batchSize);
      m.step = saved.step;
      m.diverged = saved.diverged;
      m.last = { ...saved.figures };
      m.learning = new LearningCheck(this.totalSteps, chance, saved.learning);
    });
    if (this.members.some((m) => m.diverged)) this.freeze();
    this.latest = from;
  }

  /** Trains up to `maxSteps` steps of every run still training, stopping early at an evaluation point or the end. */
  async trainChunk(maxSteps: number): Promise<void> {
    const { evalEvery } = this.runs[0].training;
    const untilEval = evalEvery - (this.step % evalEvery);
    const steps = Math.min(maxSteps, untilEval, this.totalSteps - this.step);
    if (steps <= 0 || this.finished) return;
    const t0 = nowMs();
    const R = this.runs.length;
    const B = this.batchSize;
    // Every run draws its batches, diverged ones too, so that no run's stream depends on another's fate.
    const positions = Array.from({ length: steps }, () => {
      const step = new Int32Array(R * B);
      this.members.forEach((m, r) => m.batches.fill(step.subarray(r * B, (r + 1) * B)));
      return step;
    });
    const { losses, scores } = await this.dispatchSteps(positions);
    this.timings.chunkEnded(t0, steps);
    const units = this.outputUnits;
    const labels = this.data.dataset.train.labels;
    // Score rows are in the order the positions were drawn: step by step, each run's batch in turn.
    const rowPositions = new Int32Array(steps * R * B);
    positions.forEach((p, s) => rowPositions.set(p, s * R * B));
    const newlyDiverged: number[] = [];
    this.members.forEach((m, r) => {
      if (m.diverged) return;
      for (let s = 0; s < steps; s++) {
        const loss = losses[s * R + r];
        const stepNumber = this.step + s + 1;
        if (!Number.isFinite(loss)) {
          m.step = stepNumber;
          m.diverged = true;
          newlyDiverged.push(r);
          this.options.emit({ type: 'diverged', run: m.run.name, step: stepNumber });
          return;
        }
        const accuracy = accuracyOfRows(scores, units, (s * R + r) * B, B, labels, rowPositions);
        m.last.loss = loss;
        m.last.accuracy = accuracy;
        m.learning.loss(loss);
        const learningRate = m.run.optimizer.learningRate * learningRateFactor(m.run.training, stepNumber, this.totalSteps);
        this.options.emit({ type: 'metrics', run: m.run.name, step: stepNumber, loss, accuracy, learningRate });
      }
      m.step = this.step + steps;
    });
    this.step += steps;
    if (newlyDiverged.length) this.freeze();
    await this.afterChunk();
  }

  /** Diverged runs stop: their slices of every weight and slot stay as they are. */
  private freeze(): void {
    this.settings.setTraining(this.members.map((m) => !m.diverged));
  }

  private async afterChunk(): Promise<void> {
    const { evalEvery } = this.runs[0].training;
    const atEnd = this.step >= this.totalSteps;
    if (this.members.every((m) => m.diverged)) return;
    if (this.step % evalEvery === 0 || atEnd) {
      await this.evaluate();
      if (this.options.snapshots) await this.takeSnapshot();
    }
    const every = this.options.diagnosticsEvery;
    if (every > 0 && (this.step % every === 0 || atEnd)) await this.diagnose();
  }

  /**
   * Runs one training step per entry of `positions` (each run's batch in turn) and returns every
   * step's per-run loss and the scores, from one readback. Accuracy is counted on the host from the
   * scores (a few kilobytes per chunk): on the device it would cost four more kernels every step.
   */
  private async dispatchSteps(positions: Int32Array[]): Promise<{ losses: Float32Array; scores: Float32Array }> {
    const { loss } = this.runs[0].training;
    const units = this.outputUnits;
    const vars = this.network.trainableVariables();
    const kernels = this.network.kernels();
    const R = this.runs.length;
    const kept: tf.Tensor[] = [];
    try {
      positions.forEach((stepPositions, s) => {
        const stepNumber = this.step + s + 1;
        const [lossValues, stepScores] = tf.tidy(() => {
          const batch = this.data.batch('train', stepPositions, R, this.runs[0].model.input, units);
          let dataLoss: tf.Tensor | null = null;
          let scores: tf.Tensor | null = null;
          const { grads } = tf.variableGrads(() => {
            const out = this.network.forward(batch.x, { training: true, step: stepNumber });
            this.network.applyMovingStats(out);
            dataLoss = tf.keep(computeLoss(loss, out.scores, out.outputs, batch.targets));
            scores = tf.keep(out.scores);
            // The sum over runs: each run's gradient is its own loss's.
            return tf.sum(this.settings.withL2(dataLoss, kernels)) as tf.Scalar;
          }, vars);
          const gradients = this.settings.clip(vars.map((v) => grads[v.name]));
          this.optimizer.apply(vars, gradients, this.settings.activeMask, this.settings.learningRateFactors(stepNumber));
          return [dataLoss!, scores!] as const;
        });
        kept.push(lossValues, stepScores);
      });
      const packed = tf.tidy(() =>
        tf.concat([...kept.filter((_, i) => i % 2 === 0), ...kept.filter((_, i) => i % 2 === 1).map((t) => tf.reshape(t, [-1]))]),
      );
      let values: Float32Array;
      try {
        values = (await packed.data()) as Float32Array;
      } finally {
        packed.dispose();
      }
      return { losses: values.subarray(0, positions.length * R), scores: values.subarray(positions.length * R) };
    } finally {
      tf.dispose(kept);
    }
  }

  /** Test loss and accuracy, the same on (part of) the training set, and the cost of one inference batch. */
  private async evaluate(): Promise<void> {
    const shape = { input: this.runs[0].model.input, units: this.outputUnits, loss: this.runs[0].training.loss };
    const [test, train] = await Promise.all([
      evaluateSplit(this.network, this.data, shape, 'test', Infinity),
      evaluateSplit(this.network, this.data, shape, 'train', TRAIN_EVAL_LIMIT),
    ]);
    this.members.forEach((m, r) => {
      if (m.diverged) return;
      m.last.testLoss = test.loss[r];
      m.last.testAccuracy = test.accuracy[r];
      m.learning.evaluation(this.step, test.accuracy[r]);
      this.options.emit({
        type: 'eval',
        run: m.run.name,
        step: this.step,
        testLoss: test.loss[r],
        testAccuracy: test.accuracy[r],
        trainSetLoss: train.loss[r],
        trainSetAccuracy: train.accuracy[r],
      });
    });
    await this.timeInference();
  }

  private async timeInference(): Promise<void> {
    const size = Math.min(this.batchSize, this.data.count('test'));
    const infer = () =>
      tf.tidy(() => {
        const rows = this.data.rows('test', 0, size, this.runs[0].model.input, this.outputUnits);
        return this.network.forward(rows.x, { training: false }).outputs;
      });
    await this.timings.timeInference(infer);
    const { msPerStep, msPerInference } = this.timings;
    for (const m of this.members) {
      if (m.diverged) continue;
      m.last.msPerInference = msPerInference;
      this.options.emit({
        type: 'timing',
        run: m.run.name,
        step: this.step,
        msPerStep,
        msPerInference,
        examplesPerSecond: (1000 * this.batchSize) / msPerStep,
        kernelsPerInference: this.timings.kernelsPerInference!,
      });
    }
  }

  private async diagnose(): Promise<void> {
    const probeX = tf.tidy(() => tf.gather(this.data.inputs('train', this.runs[0].model.input), this.options.probe));
    const probeTargets = tf.tidy(() => tf.gather(this.data.targets('train', this.outputUnits), this.options.probe)) as tf.Tensor2D;
    try {
      const perRun = await layerDiagnostics(this.network, probeX, probeTargets, this.runs[0].training.loss);
      this.members.forEach((m, r) => {
        if (!m.diverged) this.options.emit({ type: 'layers', run: m.run.name, step: this.step, layers: perRun[r] });
      });
    } finally {
      tf.dispose([probeX, probeTargets]);
    }
  }

  /** Each run's closing summary; call once, after the last chunk or when stopped. */
  summaries(stopped: boolean): DoneEvent[] {
    const { msPerStep, msPerInference } = this.timings;
    return this.members.map((m) => ({
      type: 'done' as const,
      run: m.run.name,
      steps: m.step,
      ...m.last,
      msPerStep,
      msPerInference,
      examplesPerSecond: (1000 * this.batchSize) / msPerStep,
      diverged: m.diverged,
      stopped: stopped && !m.diverged,
      // Only a run that trained every step is judged: a stopped one may not have had the time.
      reason: stopped || m.diverged || m.step < this.totalSteps ? null : m.learning.verdict(),
    }));
  }

  dispose(): void {
    this.network.dispose();
    this.optimizer.dispose();
    this.settings.dispose();
  }
}

