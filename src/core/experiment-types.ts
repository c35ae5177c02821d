// The experiment document's types. Validation, defaults and versioning live in experiment.ts; the
// optimizer and training fields come from the field table (fields.ts). This file is types and
// enumerations only so that every module (data, engine, UI) can name them cheaply.
import type { LayerType, ModelSpec } from './layers';
import type { HyperparameterKey, LossName, OptimizerName, OptimizerSpec, TrainingFieldKey, TrainingSpec } from './fields';
import type { PlanarFeature } from '../data/planar';
import type { SourceDescription } from '../data/source';

export type { LossName, OptimizerName, OptimizerSpec, TrainingSpec } from './fields';
export { LOSSES, OPTIMIZER_NAMES } from './fields';

export const EXPERIMENT_VERSION = 1;

/** What each task is (its data, classes, default model) is declared once, in tasks.ts. */
export const TASKS = ['xor', 'circle', 'gaussians', 'spiral', 'points', 'mnist', 'csv', 'images'] as const;
export type Task = (typeof TASKS)[number];

export const DATA_ORDERS = ['shuffled', 'by-class', 'one-class-first'] as const;
/**
 * shuffled: every epoch in a fresh seeded order.
 * by-class: every example of class 0, then class 1, ... (no shuffling), epoch after epoch.
 * one-class-first: every epoch starts with all examples of `firstClass`, then the rest shuffled.
 */
export type DataOrder = (typeof DATA_ORDERS)[number];

export const XOR_POINTS = ['table', 'cloud', 'quadrants'] as const;
/**
 * table: the four corners (0,0) (0,1) (1,0) (1,1); cloud: noisy points around the corners;
 * quadrants: TensorFlow Playground's XOR, points in the four quadrants of [-6, 6]².
 */
export type XorPoints = (typeof XOR_POINTS)[number];

export const IMAGE_COLORS = ['grey', 'rgb'] as const;
export type ImageColor = (typeof IMAGE_COLORS)[number];

/** A drawn point: x, y (in [-6, 6]) and its class. */
export type DrawnPointTuple = [number, number, number];

/**
 * A user's file as the document names it (a link cannot carry the file): what checkSource compares
 * (kind, name, size, sha256, files), and what the file was found to hold, so that the document can be
 * checked against the model before the file is at hand again: examples, classes and (CSV) features.
 */
export interface DataSource extends SourceDescription {
  examples: number;
  classes: number;
  /** CSV: feature columns (every column but the label). */
  features?: number;
  /** Where `lab run` finds the file, relative to the document (the page never uses it). */
  path?: string;
}

/**
 * The data options. The first seven are in every document; the rest only in the documents of the
 * tasks they apply to (the field table, data-fields.ts, says which).
 */
export interface DataOptions {
  /** Training examples; counted from the data where the document holds it (points, a file). */
  trainSize: number;
  testSize: number;
  /** Standard deviation of the Gaussian noise: XOR cloud and quadrants, circle, Gaussians, spiral. */
  noise: number;
  xorPoints: XorPoints;
  order: DataOrder;
  /** With order one-class-first: the class fed first. */
  firstClass: number;
  /** Seeds the generated points, the train/test split and the diagnostics probe batch. */
  seed: number;
  /** Spiral arms, or the classes of drawn points (2 to 8). */
  classes?: number;
  /** Drawn points: the dataset itself. */
  points?: DrawnPointTuple[];
  /** Share of the examples held out for testing (points, CSV, images); 0 tests on the training set. */
  testFraction?: number;
  /** CSV and images: the user's file. */
  source?: DataSource;
  /** CSV: the label column's name; null is the last column. */
  label?: string | null;
  /** CSV: features to mean 0 and standard deviation 1 (with the training rows' statistics). */
  standardize?: boolean;
  /** Images: the side of the square every image is fitted into. */
  imageSize?: number;
  /** Images: made grey (1 channel) or kept in colour (3). */
  color?: ImageColor;
  /** Images: 1 − v, for dark drawings on a light background (MNIST's digits are light on dark). */
  invert?: boolean;
}

export interface RunSpec {
  name: string;
  /** Seeds initial weights, batch order and dropout masks: runs sharing a seed are comparable. */
  seed: number;
  model: ModelSpec;
  /** 2-D tasks: the inputs computed from each point (default x and y); present only when the document gives them. */
  features?: PlanarFeature[];
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
  features?: PlanarFeature[];
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
