// The experiment document's shape, as a zod schema: per-field types, ranges, defaults and the
// rejection of unknown fields. Optimizer and training fields come from the field table (fields.ts),
// layers from their kinds (layers/). Cross-field rules (model vs task, loss vs output layer) live in
// experiment.ts, which also turns zod's issues into the messages users read.
import { z } from 'zod';
import { layerSchema } from './layers';
import { DATA_ORDERS, TASKS, XOR_POINTS } from './experiment-types';
import { HYPERPARAMETERS, OPTIMIZERS, TRAINING_FIELDS, type FieldSpec, type OptimizerName, type OptimizerSpec, type TrainingSpec } from './fields';
import type { OptimizerInput, TrainingInput } from './experiment-types';
import { INPUT_DIMENSION } from './summary';
import { integerIn, numberSchema, seedSchema } from './schema-kit';

export { DEFAULT_BATCH_SIZE, MAX_STEPS } from './fields';

export const MAX_RUNS = 8;
export const MAX_LAYERS = 64;

/** A model is either course notation ("INPUT 784, FC-100 RELU, FC-10") or the layer list. */
export const modelSchema = z.union([
  z.string(),
  z.strictObject({
    input: z.array(numberSchema(INPUT_DIMENSION)).min(1).max(3),
    layers: z.array(layerSchema).min(1).max(MAX_LAYERS),
  }),
]);

/** A field of the table as a zod schema, with its default (or left optional when the document decides it). */
function fieldSchema(field: FieldSpec) {
  if (field.type === 'choice') return z.enum(field.choices.map((c) => c.value) as [string, ...string[]]).default(field.default);
  const number = numberSchema(field.range);
  const schema = field.nullable ? number.nullable() : number;
  return field.default === undefined ? schema.optional() : schema.default(field.default as number);
}

const optimizerObject = (name: OptimizerName) =>
  z.strictObject({
    name: z.literal(name),
    ...Object.fromEntries(
      Object.entries(OPTIMIZERS[name].defaults).map(([key, value]) => [key, numberSchema(HYPERPARAMETERS[key as keyof typeof HYPERPARAMETERS].range).default(value)]),
    ),
  });

// Built from the table, so zod cannot infer the precise types: they are the table's (fields.ts).
export const optimizerSchema = z.discriminatedUnion(
  'name',
  (Object.keys(OPTIMIZERS) as OptimizerName[]).map(optimizerObject) as unknown as [ReturnType<typeof optimizerObject>, ...ReturnType<typeof optimizerObject>[]],
) as unknown as z.ZodType<OptimizerSpec, OptimizerInput>;

export const trainingSchema = z.strictObject(
  Object.fromEntries(Object.entries(TRAINING_FIELDS).map(([key, field]) => [key, fieldSchema(field)])),
) as unknown as z.ZodType<Omit<TrainingSpec, 'batchSize'> & { batchSize?: number }, TrainingInput>;

export const runSchema = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  seed: seedSchema().default(1),
  model: modelSchema.optional(),
  optimizer: optimizerSchema.default({ name: 'sgd', learningRate: 0.1 }),
  training: trainingSchema.default(trainingSchema.parse({})),
});

export const dataSchema = z.strictObject({
  // Size defaults depend on the task; experiment.ts fills them in.
  trainSize: integerIn(1, 100_000).optional(),
  testSize: integerIn(1, 100_000).optional(),
  noise: numberSchema({ min: 0, max: 10 }).default(0),
  xorPoints: z.enum(XOR_POINTS).default('table'),
  order: z.enum(DATA_ORDERS).default('shuffled'),
  firstClass: integerIn(0, 9).default(0),
  seed: seedSchema().default(1),
});

/** Everything but the runs, which are checked one by one so that one bad run does not hide another's problems. */
export const documentSchema = z.strictObject({
  version: z.number().default(1),
  title: z.string().max(200).default(''),
  task: z.enum(TASKS),
  data: dataSchema.default(dataSchema.parse({})),
  runs: z.array(z.unknown()).min(1).max(MAX_RUNS),
});

export const experimentSchema = documentSchema.extend({ runs: z.array(runSchema).min(1).max(MAX_RUNS) });

export type ParsedExperiment = z.output<typeof experimentSchema>;
export type ParsedRun = z.output<typeof runSchema>;
