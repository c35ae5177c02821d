// The per-run training settings a stacked step applies, as tensors with one entry per run: which runs
// still train, their L2 factors, their clipping norms and their learning-rate schedules. A setting no
// run uses costs nothing: its tensor is never made and its kernels never run.
import * as tf from '@tensorflow/tfjs';
import type { RunSpec } from './experiment-types';
import { clipByGlobalNorm } from './optimizers';
import { isScheduled, learningRateFactor } from './schedule';

export class RunSettings {
  /** [R] bool: runs still training (a diverged run's weights stay as they were); null while all are. */
  private active: tf.Tensor1D | null = null;
  private readonly l2: tf.Tensor1D | null;
  /** Infinity where a run does not clip. */
  private readonly clipNorms: tf.Tensor1D | null;
  private readonly scheduled: boolean;

  constructor(
    private readonly runs: readonly RunSpec[],
    private readonly totalSteps: number,
  ) {
    this.l2 = runs.some((r) => r.training.l2 > 0) ? tf.keep(tf.tensor1d(runs.map((r) => r.training.l2))) : null;
    this.clipNorms = runs.some((r) => r.training.clipNorm !== null) ? tf.keep(tf.tensor1d(runs.map((r) => r.training.clipNorm ?? Infinity))) : null;
    this.scheduled = runs.some((r) => isScheduled(r.training));
  }

  /** The mask for the optimizer: null while every run trains. */
  get activeMask(): tf.Tensor1D | null {
    return this.active;
  }

  /** Only the runs marked true go on training; their slices of every weight and slot keep changing. */
  setTraining(training: readonly boolean[]): void {
    const next = training.every(Boolean) ? null : tf.keep(tf.tensor1d(training.slice(), 'bool'));
    this.active?.dispose();
    this.active = next;
  }

  /** Each run's data loss plus its L2 penalty λ·Σw² over its own slices of the kernels. */
  withL2(dataLoss: tf.Tensor, kernels: readonly tf.Tensor[]): tf.Tensor {
    return this.l2 ? tf.add(dataLoss, tf.mul(this.l2, tf.addN(kernels.map(perRunSumOfSquares)))) : dataLoss;
  }

  /** The gradients with each run's clipped to its own global norm. */
  clip(gradients: tf.Tensor[]): tf.Tensor[] {
    return this.clipNorms ? clipByGlobalNorm(gradients, this.clipNorms) : gradients;
  }

  /** Each run's learning-rate factor at `step` (1-based), or null when no run follows a schedule. */
  learningRateFactors(step: number): tf.Tensor1D | null {
    return this.scheduled ? tf.tensor1d(this.runs.map((r) => learningRateFactor(r.training, step, this.totalSteps))) : null;
  }

  dispose(): void {
    tf.dispose([...(this.active ? [this.active] : []), ...(this.l2 ? [this.l2] : []), ...(this.clipNorms ? [this.clipNorms] : [])]);
  }
}

/** Σ w² of each run's slice of a stacked kernel: [R]. */
function perRunSumOfSquares(kernel: tf.Tensor): tf.Tensor {
  return tf.sum(tf.square(kernel), kernel.shape.slice(1).map((_, k) => k + 1));
}
