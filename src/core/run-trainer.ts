// Trains one run: owns its network, optimizer and batch stream, and every tensor it makes.
// A chunk of steps is dispatched without any readback; the chunk's losses and accuracies are then
// read in one `await data()`, so the device pipeline never stalls inside the loop.
import * as tf from '@tensorflow/tfjs';
import { createBatchStream } from '../data/batches';
import type { DeviceData, SplitName } from './device-data';
import type { TrainEventListener } from './events';
import type { RunSpec } from './experiment-types';
import { accuracyOfRows, computeLoss, correctCount } from './losses';
import { EVAL_BATCH } from './engine-sizes';
import { median } from './stats';
import { hasWeights, unitsOf } from './layers';
import { chanceAccuracy, LearningCheck } from './learning-check';
import { layerDiagnostics } from './metrics';
import { Network } from './model';
import { clipByGlobalNorm, createOptimizer, disposeOptimizer } from './optimizers';
import { readState, restoreState, type RunSnapshot } from './snapshot';

export interface RunTrainerOptions {
  /** Probe examples (train-set positions) for the per-layer diagnostics; shared by all runs. */
  probe: Int32Array;
  /** Per-layer diagnostics every this many steps (and at steps 0 and last); 0 turns them off. */
  diagnosticsEvery: number;
  /** Overrides run.training.steps (the `--steps` of the command line, a step budget in the app). */
  steps?: number;
  /** Dataset order policy and its class, from the document's data options. */
  order: { order: Parameters<typeof createBatchStream>[1]; firstClass: number };
  emit: TrainEventListener;
  /** Copy the run's state to the host at each evaluation (see snapshot()). */
  snapshots?: boolean;
  /** Go on from this snapshot of the same run instead of the initial weights. */
  restore?: RunSnapshot;
}

/** Training examples evaluated in inference mode at each evaluation (the train side of the train/test gap). */
const TRAIN_EVAL_LIMIT = 2000;
/** Slicing and reshaping the input batch: bookkeeping, not the network's computation. */
const PLUMBING_KERNELS = new Set(['Slice', 'Reshape', 'Identity']);
const now = () => (globalThis as unknown as { performance: { now(): number } }).performance.now();

export class RunTrainer {
  readonly network: Network;
  readonly totalSteps: number;
  step = 0;
  diverged = false;
  private readonly optimizer: tf.Optimizer;
  private readonly batches;
  private readonly chunkTimes: number[] = [];
  private readonly inferenceTimes: number[] = [];
  private kernelsPerInference: number | null = null;
  private last = { loss: NaN, accuracy: NaN, testLoss: NaN, testAccuracy: NaN, msPerInference: NaN };
  private learning: LearningCheck;
  private latest: RunSnapshot | null = null;

  constructor(
    readonly run: RunSpec,
    private readonly data: DeviceData,
    private readonly options: RunTrainerOptions,
  ) {
    this.network = new Network(run.model, run.seed);
    this.optimizer = createOptimizer(run.optimizer);
    this.totalSteps = options.steps ?? run.training.steps;
    this.batches = createBatchStream(data.dataset.train.labels, options.order.order, run.seed, options.order.firstClass);
    this.learning = new LearningCheck(this.totalSteps, chanceAccuracy(data.dataset.test.labels));
  }

  get finished(): boolean {
    return this.diverged || this.step >= this.totalSteps;
  }

  private get outputUnits(): number {
    const last = this.run.model.layers[this.run.model.layers.length - 1];
    return hasWeights(last) ? unitsOf(last) : 1;
  }

  /** Step-0 diagnostics: the state the initializer left, before any update; or the restored snapshot. */
  async start(): Promise<void> {
    const from = this.options.restore;
    if (from) return this.restore(from);
    if (this.options.diagnosticsEvery > 0) await this.diagnose();
  }

  /** The run's state at its latest evaluation, on the host (with options.snapshots), or null before the first. */
  snapshot(): RunSnapshot | null {
    return this.latest;
  }

  private async takeSnapshot(): Promise<void> {
    const state = await readState(this.network, this.optimizer);
    this.latest = { run: this.run.name, step: this.step, ...state, figures: { ...this.last }, learning: this.learning.snapshot() };
  }

  /** Weights, optimizer state, figures and the batch stream's position as they were at the snapshot's step. */
  private async restore(from: RunSnapshot): Promise<void> {
    if (from.run !== this.run.name) throw new Error(`a snapshot of run ${JSON.stringify(from.run)} cannot restore run ${JSON.stringify(this.run.name)}`);
    await restoreState(from, this.network, this.optimizer);
    this.step = from.step;
    this.batches.skip(from.step * this.run.training.batchSize);
    this.last = { ...from.figures };
    this.learning = new LearningCheck(this.totalSteps, chanceAccuracy(this.data.dataset.test.labels), from.learning);
    this.latest = from;
  }

  /** Trains up to `maxSteps` steps, stopping early at an evaluation point or the end. */
  async trainChunk(maxSteps: number): Promise<void> {
    const { evalEvery, batchSize } = this.run.training;
    const untilEval = evalEvery - (this.step % evalEvery);
    const steps = Math.min(maxSteps, untilEval, this.totalSteps - this.step);
    if (steps <= 0) return;
    const t0 = now();
    const positions = new Int32Array(steps * batchSize);
    for (let s = 0; s < steps; s++) positions.set(this.batches.next(batchSize), s * batchSize);
    const { losses, accuracies } = await this.dispatchSteps(positions, steps);
    this.chunkTimes.push((now() - t0) / steps);
    const firstStep = this.step + 1;
    for (let s = 0; s < steps; s++) {
      const loss = losses[s];
      if (!Number.isFinite(loss)) {
        this.step = firstStep + s;
        this.diverged = true;
        this.options.emit({ type: 'diverged', run: this.run.name, step: this.step });
        return;
      }
      this.last.loss = loss;
      this.last.accuracy = accuracies[s];
      this.learning.loss(loss);
      this.options.emit({ type: 'metrics', run: this.run.name, step: firstStep + s, loss, accuracy: accuracies[s] });
    }
    this.step += steps;
    await this.afterChunk();
  }

  private async afterChunk(): Promise<void> {
    const { evalEvery } = this.run.training;
    const atEnd = this.step >= this.totalSteps;
    if (this.step % evalEvery === 0 || atEnd) {
      await this.evaluate();
      if (this.options.snapshots) await this.takeSnapshot();
    }
    const every = this.options.diagnosticsEvery;
    if (every > 0 && (this.step % every === 0 || atEnd)) await this.diagnose();
  }

  /**
   * Runs `steps` training steps on the batches at `positions` and returns each step's loss and
   * accuracy from one readback. The accuracy is counted on the host from the read-back scores (a few
   * kilobytes per chunk): on the device it would cost four more kernels every step.
   */
  private async dispatchSteps(positions: Int32Array, steps: number): Promise<{ losses: Float32Array; accuracies: Float32Array }> {
    const { batchSize, loss, l2, clipNorm } = this.run.training;
    const units = this.outputUnits;
    const block = this.data.block('train', positions, this.run.model.input, units);
    const vars = this.network.trainableVariables();
    const losses: tf.Scalar[] = [];
    const scores: tf.Tensor[] = [];
    try {
      for (let s = 0; s < steps; s++) {
        const stepNumber = this.step + s + 1;
        const [lossValue, stepScores] = tf.tidy(() => {
          const xb = sliceRows(block.x, s * batchSize, batchSize);
          const yb = sliceRows(block.targets, s * batchSize, batchSize) as tf.Tensor2D;
          let dataLoss: tf.Scalar | null = null;
          let kept: tf.Tensor | null = null;
          const { grads } = tf.variableGrads(() => {
            const out = this.network.forward(xb, { training: true, step: stepNumber });
            this.network.applyMovingStats(out);
            dataLoss = tf.keep(computeLoss(loss, out.scores, out.outputs, yb));
            kept = tf.keep(out.scores);
            if (l2 === 0) return dataLoss;
            return tf.add(dataLoss, tf.mul(l2, tf.addN(this.network.kernels().map((k) => tf.sum(tf.square(k)))))) as tf.Scalar;
          }, vars);
          this.optimizer.applyGradients(clipNorm === null ? grads : clipByGlobalNorm(grads, clipNorm));
          return [dataLoss!, kept!] as const;
        });
        losses.push(lossValue);
        scores.push(stepScores);
      }
      const packed = tf.tidy(() => tf.concat([tf.stack(losses), tf.reshape(tf.concat(scores, 0), [-1])]));
      let values: Float32Array;
      try {
        values = (await packed.data()) as Float32Array;
      } finally {
        packed.dispose();
      }
      const scoreValues = values.subarray(steps);
      const labels = this.data.dataset.train.labels;
      const accuracies = Float32Array.from({ length: steps }, (_, s) => accuracyOfRows(scoreValues, units, s * batchSize, batchSize, labels, positions));
      return { losses: values.subarray(0, steps), accuracies };
    } finally {
      tf.dispose([...losses, ...scores]);
      tf.dispose([block.x, block.targets, block.labels]);
    }
  }

  /** Test loss and accuracy, the same on (part of) the training set, and the cost of one inference batch. */
  private async evaluate(): Promise<void> {
    const [test, train] = await Promise.all([this.lossAndAccuracy('test', Infinity), this.lossAndAccuracy('train', TRAIN_EVAL_LIMIT)]);
    this.last.testLoss = test.loss;
    this.last.testAccuracy = test.accuracy;
    this.learning.evaluation(this.step, test.accuracy);
    this.options.emit({
      type: 'eval',
      run: this.run.name,
      step: this.step,
      testLoss: test.loss,
      testAccuracy: test.accuracy,
      trainSetLoss: train.loss,
      trainSetAccuracy: train.accuracy,
    });
    await this.timeInference();
  }

  /** Mean loss and accuracy in inference mode (dropout off, batch norm on its moving statistics). */
  private async lossAndAccuracy(split: SplitName, limit: number): Promise<{ loss: number; accuracy: number }> {
    const x = this.data.inputs(split, this.run.model.input);
    const targets = this.data.targets(split, this.outputUnits);
    const labels = this.data.labels(split);
    const n = Math.min(limit, this.data.count(split));
    // One tidy per batch: a batch's activations are freed before the next one's exist, so an
    // evaluation holds one batch of them (what the memory budget counts), not the whole test set's.
    const sums: tf.Tensor[] = [];
    for (let start = 0; start < n; start += EVAL_BATCH) {
      const size = Math.min(EVAL_BATCH, n - start);
      sums.push(
        tf.tidy(() => {
          const out = this.network.forward(sliceRows(x, start, size), { training: false });
          const loss = tf.mul(computeLoss(this.run.training.loss, out.scores, out.outputs, sliceRows(targets, start, size) as tf.Tensor2D), size);
          return tf.stack([loss, correctCount(out.scores, sliceRows(labels, start, size) as tf.Tensor1D)]);
        }),
      );
    }
    const totals = tf.tidy(() => tf.addN(sums));
    tf.dispose(sums);
    const [lossSum, correct] = await totals.data();
    totals.dispose();
    return { loss: lossSum / n, accuracy: correct / n };
  }

  private async timeInference(): Promise<void> {
    const x = this.data.inputs('test', this.run.model.input);
    const size = Math.min(this.run.training.batchSize, this.data.count('test'));
    const infer = () => tf.tidy(() => this.network.forward(sliceRows(x, 0, size), { training: false }).outputs);
    if (this.kernelsPerInference === null) {
      // Counted once: the structure of an inference pass, which dropout must not change.
      const profile = await tf.profile(() => infer());
      this.kernelsPerInference = profile.kernels.filter((k) => !PLUMBING_KERNELS.has(k.name)).length;
      tf.dispose(profile.result as tf.Tensor);
    }
    const t0 = now();
    const out = infer();
    await out.data();
    out.dispose();
    this.last.msPerInference = now() - t0;
    this.inferenceTimes.push(this.last.msPerInference);
    const msPerStep = this.chunkTimes[this.chunkTimes.length - 1] ?? NaN;
    this.options.emit({
      type: 'timing',
      run: this.run.name,
      step: this.step,
      msPerStep,
      msPerInference: this.last.msPerInference,
      examplesPerSecond: (1000 * this.run.training.batchSize) / msPerStep,
      kernelsPerInference: this.kernelsPerInference,
    });
  }

  private async diagnose(): Promise<void> {
    const probeX = tf.tidy(() => tf.gather(this.data.inputs('train', this.run.model.input), this.options.probe));
    const probeTargets = tf.tidy(() => tf.gather(this.data.targets('train', this.outputUnits), this.options.probe)) as tf.Tensor2D;
    try {
      const layers = await layerDiagnostics(this.network, probeX, probeTargets, this.run.training.loss);
      this.options.emit({ type: 'layers', run: this.run.name, step: this.step, layers });
    } finally {
      tf.dispose([probeX, probeTargets]);
    }
  }

  /** The closing summary; call once, after the last chunk or when stopped. */
  summary(stopped: boolean) {
    // Medians without the first sample (shader compilation, warm-up): one slow reading, say
    // behind a view's query to the same device, does not become the run's figure.
    const steady = (times: number[]) => (times.length > 1 ? times.slice(1) : times);
    const msPerStep = median(steady(this.chunkTimes));
    return {
      type: 'done' as const,
      run: this.run.name,
      steps: this.step,
      ...this.last,
      msPerStep,
      msPerInference: median(steady(this.inferenceTimes)),
      examplesPerSecond: (1000 * this.run.training.batchSize) / msPerStep,
      diverged: this.diverged,
      stopped,
      // Only a run that trained every step is judged: a stopped one may not have had the time.
      reason: stopped || this.diverged || this.step < this.totalSteps ? null : this.learning.verdict(),
    };
  }

  dispose(): void {
    this.network.dispose();
    disposeOptimizer(this.optimizer);
  }
}

function sliceRows(t: tf.Tensor, start: number, size: number): tf.Tensor {
  const begin = t.shape.map((_, k) => (k === 0 ? start : 0));
  const shape = t.shape.map((d, k) => (k === 0 ? size : d));
  return tf.slice(t, begin, shape);
}
