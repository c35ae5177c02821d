// The experiment document's shape, as a zod schema: per-field types, ranges, defaults and the
// rejection of unknown fields. Cross-field rules (model vs task, loss vs output layer) live in
// experiment.ts, which also turns zod's issues into the messages users read.
import { z } from 'zod';
import { ACTIVATIONS, DEFAULT_BATCHNORM, PARAMETERLESS_INITIALIZERS, type InitializerSpec } from './layers';
import { DATA_ORDERS, LOSSES, TASKS, XOR_POINTS } from './experiment-types';

const fmt = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** A finite number in a range; the message names the range in interval notation. */
function numberIn(lo: number, hi: number, { loOpen = false, hiOpen = false } = {}) {
  const range = `${loOpen ? '(' : '['}${lo}, ${hi === Infinity ? '∞' : hi}${hiOpen ? ')' : ']'}`;
  return z.number().refine(
    (v) => Number.isFinite(v) && (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi),
    { error: (issue) => `must be in ${range}, got ${fmt(issue.input)}` },
  );
}

function integerIn(lo: number, hi: number) {
  return z.number().refine((v) => Number.isInteger(v) && v >= lo && v <= hi, {
    error: (issue) => `must be an integer from ${lo} to ${hi}, got ${fmt(issue.input)}`,
  });
}

const positive = () => numberIn(0, Infinity, { loOpen: true, hiOpen: true });
const nonNegative = () => numberIn(0, Infinity, { hiOpen: true });
const unitInterval = () => numberIn(0, 1, { hiOpen: true });
const seed = () => integerIn(0, 2 ** 31 - 1);

export const MAX_RUNS = 8;
export const MAX_UNITS = 4096;
export const MAX_STEPS = 1_000_000;
export const DEFAULT_BATCH_SIZE = 32;

const initializerObject = z.discriminatedUnion('name', [
  z.strictObject({ name: z.enum(PARAMETERLESS_INITIALIZERS) }),
  z.strictObject({ name: z.literal('constant'), value: numberIn(-1e6, 1e6) }),
  z.strictObject({ name: z.literal('uniform'), limit: positive() }),
  z.strictObject({ name: z.literal('normal'), stddev: positive() }),
]);

/** "he-normal" is shorthand for { "name": "he-normal" }. */
export const initializerSchema = z
  .union([z.enum(PARAMETERLESS_INITIALIZERS), initializerObject])
  .transform((v): InitializerSpec => (typeof v === 'string' ? { name: v } : v));

const weightedFields = {
  // Left optional: the default depends on the layer's position (see experiment.ts).
  activation: z.enum(ACTIVATIONS).optional(),
  alpha: positive().optional(),
  kernelInit: initializerSchema.default({ name: 'glorot-uniform' }),
  biasInit: initializerSchema.default({ name: 'zeros' }),
};

export const layerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('dense'), units: integerIn(1, MAX_UNITS), ...weightedFields }),
  z.strictObject({
    type: z.literal('conv2d'),
    filters: integerIn(1, 1024),
    kernelSize: integerIn(1, 64),
    stride: integerIn(1, 64).default(1),
    padding: z.union([z.literal('same'), integerIn(0, 64)]).default('same'),
    ...weightedFields,
  }),
  z.strictObject({ type: z.literal('maxpool'), poolSize: integerIn(1, 64), stride: integerIn(1, 64).optional() }),
  z.strictObject({ type: z.literal('flatten') }),
  z.strictObject({ type: z.literal('dropout'), rate: unitInterval() }),
  z.strictObject({
    type: z.literal('batchnorm'),
    momentum: unitInterval().default(DEFAULT_BATCHNORM.momentum),
    epsilon: positive().default(DEFAULT_BATCHNORM.epsilon),
  }),
]);

/** A model is either course notation ("INPUT 784, FC-100 RELU, FC-10") or the layer list. */
export const modelSchema = z.union([
  z.string(),
  z.strictObject({
    input: z.array(integerIn(1, 100_000)).min(1).max(3),
    layers: z.array(layerSchema).min(1).max(64),
  }),
]);

const learningRate = () => numberIn(0, 100, { loOpen: true });
export const optimizerSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('sgd'), learningRate: learningRate().default(0.1) }),
  z.strictObject({ name: z.literal('momentum'), learningRate: learningRate().default(0.01), momentum: unitInterval().default(0.9) }),
  z.strictObject({ name: z.literal('nesterov'), learningRate: learningRate().default(0.01), momentum: unitInterval().default(0.9) }),
  z.strictObject({ name: z.literal('adagrad'), learningRate: learningRate().default(0.1), initialAccumulator: positive().default(0.1) }),
  z.strictObject({
    name: z.literal('rmsprop'),
    learningRate: learningRate().default(0.001),
    decay: unitInterval().default(0.9),
    momentum: unitInterval().default(0),
    epsilon: positive().default(1e-7),
  }),
  z.strictObject({
    name: z.literal('adam'),
    learningRate: learningRate().default(0.001),
    beta1: unitInterval().default(0.9),
    beta2: unitInterval().default(0.999),
    epsilon: positive().default(1e-7),
  }),
]);

export const trainingSchema = z.strictObject({
  // Default: min(32, the number of training examples); experiment.ts fills it in.
  batchSize: integerIn(1, 4096).optional(),
  steps: integerIn(1, MAX_STEPS).default(500),
  loss: z.enum(LOSSES).default('softmax-cross-entropy'),
  l2: nonNegative().default(0),
  clipNorm: positive().nullable().default(null),
  evalEvery: integerIn(1, MAX_STEPS).default(50),
});

export const runSchema = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  seed: seed().default(1),
  model: modelSchema.optional(),
  optimizer: optimizerSchema.default({ name: 'sgd', learningRate: 0.1 }),
  training: trainingSchema.default(trainingSchema.parse({})),
});

export const dataSchema = z.strictObject({
  // Size defaults depend on the task; experiment.ts fills them in.
  trainSize: integerIn(1, 100_000).optional(),
  testSize: integerIn(1, 100_000).optional(),
  noise: numberIn(0, 10).default(0),
  xorPoints: z.enum(XOR_POINTS).default('table'),
  order: z.enum(DATA_ORDERS).default('shuffled'),
  firstClass: integerIn(0, 9).default(0),
  seed: seed().default(1),
});

export const experimentSchema = z.strictObject({
  version: z.number().default(1),
  title: z.string().max(200).default(''),
  task: z.enum(TASKS),
  data: dataSchema.default(dataSchema.parse({})),
  runs: z.array(runSchema).min(1).max(MAX_RUNS),
});

export type ExperimentInput = z.input<typeof experimentSchema>;
export type ParsedExperiment = z.output<typeof experimentSchema>;
export type ParsedLayer = z.output<typeof layerSchema>;
