// The experiment document's shape, as a zod schema: per-field types, ranges, defaults and the
// rejection of unknown fields. Optimizer and training fields come from the field table (fields.ts),
// layers from their kinds (layers/). Cross-field rules (model vs task, loss vs output layer) live in
// experiment.ts, which also turns zod's issues into the messages users read.
import { z } from 'zod';
import { layerSchema } from './layers';
import { TASKS } from './experiment-types';
import { DATA_FIELDS, FEATURE_IDS, MAX_DRAWN_POINTS, type DataField } from './data-fields';
import { MAX_SOURCE_NAME, SOURCE_KINDS } from '../data/source';
import { PLANAR_EXTENT } from '../data/planar';
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

/** A run's input features (2-D tasks): each at most once. */
export const featuresSchema = z
  .array(z.enum(FEATURE_IDS))
  .min(1)
  .max(FEATURE_IDS.length)
  .refine((list) => new Set(list).size === list.length, { error: (issue) => `must list each feature once, got ${(issue.input as string[]).join(', ')}` });

export const runSchema = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  seed: seedSchema().default(1),
  model: modelSchema.optional(),
  features: featuresSchema.optional(),
  optimizer: optimizerSchema.default({ name: 'sgd', learningRate: 0.1 }),
  training: trainingSchema.default(trainingSchema.parse({})),
});

const coordinate = numberSchema({ min: -PLANAR_EXTENT, max: PLANAR_EXTENT });

/** What a document says about a user's file; kind, name, size and sha256 are what checkSource compares. */
export const sourceSchema = z.strictObject({
  kind: z.enum(SOURCE_KINDS),
  name: z.string().min(1).max(MAX_SOURCE_NAME),
  size: integerIn(0, Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex digits (a SHA-256 checksum)' }),
  files: integerIn(0, 1_000_000).optional(),
  examples: integerIn(1, 100_000),
  classes: integerIn(2, 100),
  features: integerIn(1, 1_023).optional(),
  path: z.string().min(1).max(1000).optional(),
});

/**
 * A field of the data table as a zod schema. Fields every document has get their defaults here; the
 * others stay optional, and experiment.ts fills them in for the tasks they apply to.
 */
function dataFieldSchema(field: DataField): z.ZodType {
  const everywhere = field.tasks === 'all';
  const withDefault = (schema: z.ZodType, value: unknown) => (everywhere && value !== undefined ? schema.default(value as never) : schema.optional());
  switch (field.type) {
    case 'number':
      return withDefault(numberSchema(field.range), field.default);
    case 'choice':
      return withDefault(z.enum(field.choices.map((c) => c.value) as [string, ...string[]]), field.default);
    case 'boolean':
      return withDefault(z.boolean(), field.default);
    case 'column':
      return z.string().trim().min(1).max(200).nullable().optional();
    case 'points':
      return z.array(z.tuple([coordinate, coordinate, integerIn(0, 7)])).max(MAX_DRAWN_POINTS).optional();
    case 'source':
      return sourceSchema.optional();
  }
}

// Built from the table, so zod cannot infer the field types: they are DataOptions' (experiment-types.ts).
export const dataSchema = z.strictObject(Object.fromEntries(Object.entries(DATA_FIELDS).map(([key, field]) => [key, dataFieldSchema(field)])));

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
