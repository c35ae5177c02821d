// The experiment document's types. Validation, defaults and versioning live in experiment.ts;
// this file is types only so that every module (data, engine, UI) can name them cheaply.
import type { ModelSpec } from './layers';

export const EXPERIMENT_VERSION = 1;

export const TASKS = ['xor', 'mnist'] as const;
export type Task = (typeof TASKS)[number];

export const DATA_ORDERS = ['shuffled', 'by-class', 'one-class-first'] as const;
/**
 * shuffled: every epoch in a fresh seeded order.
 * by-class: every example of class 0, then class 1, ... (no shuffling), epoch after epoch.
 * one-class-first: every epoch starts with all examples of `firstClass`, then the rest shuffled.
 */
export type DataOrder = (typeof DATA_ORDERS)[number];

export const XOR_POINTS = ['table', 'cloud'] as const;
/** table: the four corners (0,0) (0,1) (1,0) (1,1); cloud: noisy points around the corners. */
export type XorPoints = (typeof XOR_POINTS)[number];

export interface DataOptions {
  trainSize: number;
  testSize: number;
  /** XOR cloud only: standard deviation of the Gaussian noise around each corner. */
  noise: number;
  xorPoints: XorPoints;
  order: DataOrder;
  /** With order one-class-first: the class fed first. */
  firstClass: number;
  /** Seeds the train/test split and the XOR cloud. */
  seed: number;
}

export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

export type OptimizerSpec =
  | { name: 'sgd'; learningRate: number }
  | { name: 'momentum' | 'nesterov'; learningRate: number; momentum: number }
  | { name: 'adagrad'; learningRate: number; initialAccumulator: number }
  | { name: 'rmsprop'; learningRate: number; decay: number; momentum: number; epsilon: number }
  | { name: 'adam'; learningRate: number; beta1: number; beta2: number; epsilon: number };

export const LOSSES = ['softmax-cross-entropy', 'hinge', 'mse'] as const;
/**
 * softmax-cross-entropy: on the last layer's pre-activation scores (a single output unit uses the
 * logistic function, the two-class softmax). hinge: multiclass SVM loss on the same scores.
 * mse: mean squared error between the last layer's output and the one-hot target.
 */
export type LossName = (typeof LOSSES)[number];

export interface TrainingSpec {
  batchSize: number;
  steps: number;
  loss: LossName;
  /** L2 weight decay: adds l2 * sum(w^2) over every kernel (not biases) to the loss. */
  l2: number;
  /** Clip the global gradient norm to this value; null turns clipping off. */
  clipNorm: number | null;
  /** Test loss and accuracy every this many steps (and at the last step). */
  evalEvery: number;
}

export interface RunSpec {
  name: string;
  /** Seeds initial weights, batch order and dropout masks: runs sharing a seed are comparable. */
  seed: number;
  model: ModelSpec;
  optimizer: OptimizerSpec;
  training: TrainingSpec;
}

export interface ExperimentDoc {
  version: typeof EXPERIMENT_VERSION;
  title: string;
  task: Task;
  data: DataOptions;
  runs: RunSpec[];
}
