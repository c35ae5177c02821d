// The document's optimizer and training fields, declared once: type, range, default, label, unit and
// help text. The zod schema (experiment-schema.ts), the types (experiment-types.ts), the editor's
// fields (ui/editor) and the tables of docs/experiment.md (fields-docs.ts, checked by a test) all
// come from here, so they cannot disagree.
import { NON_NEGATIVE, POSITIVE, UNIT_INTERVAL, type NumberRange } from './schema-kit';

export const MAX_STEPS = 1_000_000;
export const MAX_EPOCHS = 10_000;
export const MAX_BATCH_SIZE = 4096;
/** Batch size when the document names none (or the training examples, if fewer). */
export const DEFAULT_BATCH_SIZE = 32;

interface Described {
  label: string;
  /** What the number counts, shown beside the box ("steps"). */
  unit?: string;
  /** One sentence: the docs' "meaning" column and the editor's tooltip. */
  help: string;
}

export interface NumberField extends Described {
  type: 'number';
  range: NumberRange;
  /** undefined: the default depends on the document (see defaultText). */
  default?: number | null;
  /** null switches the field off (gradient clipping): the editor shows a checkbox, and names the number so. */
  nullable?: true;
  valueLabel?: string;
  /** How the docs state a default that depends on the document, or a constraint beyond the range. */
  defaultText?: string;
  note?: string;
  /** Another field that, when set (not null), decides this one: the editor shows the value derived from it. */
  replacedBy?: string;
  /** Only means something when another (choice) field has this value: the editor shows it only then. */
  onlyWhen?: { field: string; is: string };
}

export interface ChoiceField<V extends string = string> extends Described {
  type: 'choice';
  choices: readonly { value: V; label: string }[];
  default: V;
}

export type FieldSpec = NumberField | ChoiceField;

// ---- optimizers ---------------------------------------------------------------------------------

export const HYPERPARAMETERS = {
  learningRate: { type: 'number', label: 'Learning rate', range: { min: 0, max: 100, minOpen: true }, help: 'lr: how far each step moves along the (transformed) gradient.' },
  momentum: { type: 'number', label: 'Momentum', range: UNIT_INTERVAL, help: 'β: the share of the velocity kept from one step to the next (0.99999 allowed).' },
  decay: { type: 'number', label: 'Decay', range: UNIT_INTERVAL, help: 'd: how slowly the running mean of g² forgets.' },
  beta1: { type: 'number', label: 'Beta 1', range: UNIT_INTERVAL, help: 'β₁: the moving average rate of the gradient.' },
  beta2: { type: 'number', label: 'Beta 2', range: UNIT_INTERVAL, help: 'β₂: the moving average rate of g².' },
  epsilon: { type: 'number', label: 'Epsilon', range: POSITIVE, help: 'ε: keeps the division finite where g² is tiny.' },
  initialAccumulator: { type: 'number', label: 'Initial accumulator', range: POSITIVE, help: 'Where the running sum of g² starts.' },
} as const satisfies Record<string, NumberField>;

export type HyperparameterKey = keyof typeof HYPERPARAMETERS;

/** Each optimizer's hyperparameters with their defaults, in the order the editor and docs list them. */
export const OPTIMIZERS = {
  sgd: { label: 'SGD', update: 'w −= lr·g', defaults: { learningRate: 0.1 } },
  momentum: { label: 'Momentum', update: 'v = β·v + g; w −= lr·v (terminal step lr/(1−β)·g)', defaults: { learningRate: 0.01, momentum: 0.9 } },
  nesterov: { label: 'Nesterov', update: 'v = β·v + g; w −= lr·(g + β·v)', defaults: { learningRate: 0.01, momentum: 0.9 } },
  adagrad: { label: 'AdaGrad', update: 'a += g²; w −= lr·g/√a', defaults: { learningRate: 0.1, initialAccumulator: 0.1 } },
  rmsprop: {
    label: 'RMSProp',
    update: 's = d·s + (1−d)·g²; u = μ·u + lr·g/√(s+ε); w −= u',
    defaults: { learningRate: 0.001, decay: 0.9, momentum: 0, epsilon: 1e-7 },
  },
  adam: { label: 'Adam', update: 'bias-corrected moving averages of g and g²', defaults: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } },
} as const satisfies Record<string, { label: string; update: string; defaults: Partial<Record<HyperparameterKey, number>> }>;

type Optimizers = typeof OPTIMIZERS;
export type OptimizerName = keyof Optimizers;
export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS) as [OptimizerName, ...OptimizerName[]];

/** { name: 'momentum', learningRate, momentum } and so on: each optimizer with exactly its own fields. */
export type OptimizerSpec = { [N in OptimizerName]: { name: N } & { -readonly [K in keyof Optimizers[N]['defaults']]: number } }[OptimizerName];

export function hyperparameterKeys(name: OptimizerName): HyperparameterKey[] {
  return Object.keys(OPTIMIZERS[name].defaults) as HyperparameterKey[];
}

/** An optimizer with its own defaults (switching optimizer in the editor starts from these). */
export function defaultOptimizer(name: OptimizerName): OptimizerSpec {
  return { name, ...OPTIMIZERS[name].defaults } as OptimizerSpec;
}

// Every member of the union has the keys hyperparameterKeys lists for its name; these two read and
// write them by key, which TypeScript cannot follow through the union by itself.
export function hyperparameter(spec: OptimizerSpec, key: HyperparameterKey): number {
  return (spec as unknown as Partial<Record<HyperparameterKey, number>>)[key] ?? NaN;
}

export function setHyperparameter(spec: OptimizerSpec, key: HyperparameterKey, value: number): void {
  if (hyperparameterKeys(spec.name).includes(key)) (spec as unknown as Record<HyperparameterKey, number>)[key] = value;
}

// ---- training -----------------------------------------------------------------------------------

export const LOSS_CHOICES = [
  { value: 'softmax-cross-entropy', label: 'cross-entropy' },
  { value: 'hinge', label: 'hinge (SVM)' },
  { value: 'mse', label: 'squared error' },
] as const;

export type LossName = (typeof LOSS_CHOICES)[number]['value'];

export const SCHEDULE_CHOICES = [
  { value: 'constant', label: 'constant' },
  { value: 'step', label: 'step decay' },
  { value: 'cosine', label: 'cosine decay' },
] as const;

export type ScheduleName = (typeof SCHEDULE_CHOICES)[number]['value'];

export const INPUT_SCALING_CHOICES = [
  { value: 'raw', label: 'raw' },
  { value: 'centred', label: 'centred (mean subtracted)' },
  { value: 'standardised', label: 'standardised (mean 0, std 1)' },
] as const;

export type InputScaling = (typeof INPUT_SCALING_CHOICES)[number]['value'];
export const LOSSES = LOSS_CHOICES.map((c) => c.value) as [LossName, ...LossName[]];

export const TRAINING_FIELDS = {
  batchSize: {
    type: 'number',
    label: 'Batch size',
    range: { min: 1, max: MAX_BATCH_SIZE, integer: true },
    defaultText: `min(${DEFAULT_BATCH_SIZE}, training examples)`,
    note: '≤ the training examples',
    help: 'Examples per step.',
  },
  steps: {
    type: 'number',
    label: 'Steps',
    range: { min: 1, max: MAX_STEPS, integer: true },
    default: 500,
    replacedBy: 'epochs',
    help: "Training steps (the app's step budget and `lab run --steps` override it). Replaced by epochs × steps per epoch when `epochs` is set.",
  },
  epochs: {
    type: 'number',
    label: 'Epochs',
    range: { min: 1, max: MAX_EPOCHS, integer: true },
    nullable: true,
    valueLabel: 'Epochs: passes over the training set',
    default: null,
    note: 'epochs × steps per epoch ≤ 1,000,000',
    help: 'Training length in passes over the training set, as homework states it: when set, steps = epochs × ceil(training examples / batch size). Off (null) by default.',
  },
  loss: { type: 'choice', label: 'Loss', choices: LOSS_CHOICES, default: 'softmax-cross-entropy', help: 'What training minimises; see Losses below.' },
  l2: { type: 'number', label: 'L2 weight decay', range: NON_NEGATIVE, default: 0, help: 'Adds l2·Σw² over every kernel (not biases) to the loss that is minimised.' },
  clipNorm: {
    type: 'number',
    label: 'Clip gradients',
    range: POSITIVE,
    nullable: true,
    valueLabel: 'Maximum gradient norm',
    default: null,
    help: 'Scales all gradients together so that their global L2 norm is at most this; off (null) by default.',
  },
  inputs: {
    type: 'choice',
    label: 'Inputs',
    choices: INPUT_SCALING_CHOICES,
    default: 'raw',
    help: "The run's input preprocessing: raw; centred (each feature minus its mean over the training examples); standardised (centred, then divided by its standard deviation; a constant feature is only centred). The training examples' statistics apply to every input, test examples and drawn digits included.",
  },
  schedule: {
    type: 'choice',
    label: 'Learning-rate schedule',
    choices: SCHEDULE_CHOICES,
    default: 'constant',
    help: 'How the learning rate changes over the run: constant; step decay (times the decay factor every decay period); cosine decay (from lr down to 0 at the last step, lr·(1 + cos(π·t/T))/2). See core/schedule.ts.',
  },
  decayEvery: {
    type: 'number',
    label: 'Decay every',
    unit: 'steps',
    range: { min: 1, max: MAX_STEPS, integer: true },
    default: 100,
    onlyWhen: { field: 'schedule', is: 'step' },
    help: 'Step decay: the learning rate is multiplied by the decay factor after every this many steps.',
  },
  decayFactor: {
    type: 'number',
    label: 'Decay factor',
    range: { min: 0, max: 1, minOpen: true },
    default: 0.1,
    onlyWhen: { field: 'schedule', is: 'step' },
    help: 'Step decay: what each decay multiplies the learning rate by (0.1: ten times smaller).',
  },
  evalEvery: {
    type: 'number',
    label: 'Eval every',
    unit: 'steps',
    range: { min: 1, max: MAX_STEPS, integer: true },
    default: 50,
    help: 'Test loss and accuracy (and per-layer diagnostics) every this many steps, and at the last step.',
  },
} as const satisfies Record<string, FieldSpec>;

export type TrainingFieldKey = keyof typeof TRAINING_FIELDS;

type ValueOf<F> = F extends { type: 'choice'; choices: readonly { value: infer V }[] } ? V : F extends { nullable: true } ? number | null : number;

/** The training settings of a run, every field filled in. */
export type TrainingSpec = { -readonly [K in TrainingFieldKey]: ValueOf<(typeof TRAINING_FIELDS)[K]> };
