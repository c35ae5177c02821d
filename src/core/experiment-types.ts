// The experiment document's types. Validation, defaults and versioning live in experiment.ts; the
// optimizer and training fields come from the field table (fields.ts). This file is types and
// enumerations only so that every module (data, engine, UI) can name them cheaply.
import type { LayerType, ModelSpec } from './layers';
import type { HyperparameterKey, LossName, OptimizerName, OptimizerSpec, TrainingFieldKey, TrainingSpec } from './fields';

export type { LossName, OptimizerName, OptimizerSpec, TrainingSpec } from './fields';
export { LOSSES, OPTIMIZER_NAMES } from './fields';

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

// ---- what a document may say before defaults are filled in (lessons, examples, tests) ----------

/** An optimizer as written: its name and any of its own hyperparameters (a typo is a type error). */
export type OptimizerInput = { [N in OptimizerName]: { name: N } & Partial<Pick<Record<HyperparameterKey, number>, keyof Extract<OptimizerSpec, { name: N }> & HyperparameterKey>> }[OptimizerName];

export type TrainingInput = { [K in TrainingFieldKey]?: TrainingSpec[K] };

/** A layer of the layer-list form; its kind's schema checks the fields when it is validated. */
export type LayerInput = { type: LayerType } & Record<string, unknown>;

export interface RunInput {
  name?: string;
  seed?: number;
  model?: string | { input: number[]; layers: LayerInput[] };
  optimizer?: OptimizerInput;
  training?: TrainingInput;
}

export interface ExperimentInput {
  version?: number;
  title?: string;
  task: Task;
  data?: Partial<DataOptions>;
  runs: RunInput[];
}
