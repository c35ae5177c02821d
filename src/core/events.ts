// What the engine tells its listeners: plain numbers only, never tensors, so that events cross a
// worker boundary or become JSON lines unchanged.
import type { LearningProblem } from './learning-check';

export type { LearningProblem } from './learning-check';

export interface MetricsEvent {
  type: 'metrics';
  run: string;
  step: number;
  /** Training loss of this step's batch (the data term; L2's penalty is not included). */
  loss: number;
  accuracy: number;
  /** The learning rate this step used: the optimizer's rate times the schedule's factor (absent in recordings older than schedules). */
  learningRate?: number;
}

export interface EvalEvent {
  type: 'eval';
  run: string;
  step: number;
  testLoss: number;
  testAccuracy: number;
  /**
   * Loss and accuracy on the training set (up to 2,000 examples) in inference mode, like the test
   * figures: the honest train side of the train/test gap (the per-step loss has dropout on).
   */
  trainSetLoss: number;
  trainSetAccuracy: number;
}

export interface LayerStats {
  /** The layer's row in the summary table: INPUT is 0, model.layers[i] is i + 1. */
  layer: number;
  label: string;
  units: number;
  /** L2 norm of the loss gradient for this layer's kernel and bias, on the probe batch. */
  gradNorm: number;
  weightNorm: number;
  activationMean: number;
  activationStd: number;
  /** Fraction of units whose output is exactly 0 for every probe example. */
  deadFraction: number;
  /** Units whose incoming weights (and bias) differ from every other unit's beyond a tolerance. */
  distinctUnits: number;
}

export interface LayersEvent {
  type: 'layers';
  run: string;
  step: number;
  layers: LayerStats[];
}

export interface TimingEvent {
  type: 'timing';
  run: string;
  step: number;
  /** Wall time per training step, readback included: the median over the chunks so far, the first (warm-up) left out. */
  msPerStep: number;
  /** Wall time of one inference batch (the run's batch size, training off), readback included: the median so far, warm-up left out. */
  msPerInference: number;
  examplesPerSecond: number;
  /** Kernels one inference pass dispatches (input slicing left out): its structure, independent of timing noise. */
  kernelsPerInference: number;
}

export interface DivergedEvent {
  type: 'diverged';
  run: string;
  step: number;
}

export interface DoneEvent {
  type: 'done';
  run: string;
  steps: number;
  loss: number;
  accuracy: number;
  testLoss: number;
  testAccuracy: number;
  /** Medians of the training time per step (over chunks) and of the inference time (over evaluations); the first, warm-up sample is left out when there are others. */
  msPerStep: number;
  msPerInference: number;
  /** Batch size over msPerStep: the same per-step time, as throughput. */
  examplesPerSecond: number;
  diverged: boolean;
  stopped: boolean;
  /** A run that trained all its steps without learning: stalled at chance, or blew up (see learning-check.ts); else null. */
  reason: LearningProblem | null;
}

export type TrainEvent = MetricsEvent | EvalEvent | LayersEvent | TimingEvent | DivergedEvent | DoneEvent;
export type TrainEventListener = (event: TrainEvent) => void;
