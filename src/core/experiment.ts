// Turning untrusted input (a file, a share link, a form) into a valid experiment document:
// schema checks, version handling, defaults that depend on the task or a layer's position,
// and the cross-field rules. Every problem is reported at once, each naming its field path; each run
// is checked on its own, and a run's model is checked whatever else is wrong with the document.
import type { z } from 'zod';
import { documentSchema, MAX_RUNS, modelSchema, runSchema } from './experiment-schema';
import { EXPERIMENT_VERSION, type DataOptions, type ExperimentDoc, type RunSpec, type Task } from './experiment-types';
import { checkData, classCount, completeData, exampleCounts, featuresOf, inputShapesFor, outputUnitsFor, stepsPerEpoch } from './data-rules';
import { DEFAULT_BATCH_SIZE, MAX_STEPS } from './fields';
import { isPlaneTask, TASK_INFO } from './tasks';
import { hasWeights, kindOf, outputLayerIndex, places, unitsOf, type LayerSpec, type ModelSpec } from './layers';
import { parseNotation, type NotationResult } from './notation';
import { describeProblems, summarize, trySummarize, type ModelSummary } from './summary';
import { DEFAULT_MEMORY_LIMIT, documentMemoryProblems, type EngineSizes, type MemoryLimit } from './budget';

export * from './experiment-types';

export { TASK_INFO, isPlaneTask, type TaskInfo, type TaskKind } from './tasks';
export { classCount, exampleCounts, featuresOf, inputShapesFor, sharedStepsPerEpoch, stepsPerEpoch, type ExampleCounts } from './data-rules';

/** One problem: the field it belongs to (`runs[1].optimizer.momentum`; '' for the whole document) and the message. */
export interface Issue {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; doc: ExperimentDoc } | { ok: false; errors: string[]; issues: Issue[] };

/** Collects problems; every message starts with its field path so that it reads on its own. */
class Issues {
  readonly list: Issue[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
  failure(): ParseResult {
    return { ok: false, errors: this.list.map((i) => i.message), issues: this.list };
  }
}

const failure = (path: string, message: string): ParseResult => {
  const issues = new Issues();
  issues.add(path, message);
  return issues.failure();
};

/** Parses JSON text; syntax errors are reported like any other problem. */
export function parseExperimentText(text: string, options: ParseOptions = {}): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return failure('', `not valid JSON: ${(err as Error).message}`);
  }
  return parseExperiment(value, options);
}

export interface ParseOptions {
  /** Parses a model's notation; the editor passes a cache so that a keystroke parses each model once. */
  parseNotation?: (text: string) => NotationResult;
  /** The memory the runs must fit in (budget.ts): the chosen backend's; null skips the check. Default: DEFAULT_MEMORY_LIMIT. */
  memoryLimit?: MemoryLimit | null;
}

/** A run's model once it parsed, with the summary table its shapes were checked by. */
export interface CheckedModel {
  model: ModelSpec;
  summary: ModelSummary;
}

export function parseExperiment(input: unknown, options: ParseOptions = {}): ParseResult {
  const versionError = checkVersion(input);
  if (versionError) return failure(versionError.startsWith('version') ? 'version' : '', versionError);
  const issues = new Issues();
  const top = documentSchema.safeParse(input, { reportInput: true });
  if (!top.success) for (const issue of top.error.issues) formatIssue(issue, [], issues);
  const raw = input as { task?: unknown; runs?: unknown };
  const task = top.success ? top.data.task : knownTask(raw.task);
  const rawRuns = Array.isArray(raw.runs) ? raw.runs.slice(0, MAX_RUNS) : [];
  const runs = rawRuns.map((run, i) => checkRun(run, i, task, options, issues));
  const data = top.success ? completeData(top.data.task, top.data.data as Record<string, unknown>) : null;
  // A run's model is checked against the task even when the data options failed, where the task alone fixes the shapes.
  const shapeData = data ?? (task && !dependsOnData(task) ? completeData(task, {}) : null);
  if (task && shapeData) runs.forEach((run, i) => run.fields && run.model && checkModelFitsTask(run.model.model, run.fields, task, shapeData, `runs[${i}]`, issues));
  if (!top.success || !data) return issues.failure();
  checkData(top.data.task, top.data.data as Record<string, unknown>, data, (path, message) => issues.add(path, message));
  if (runs.every((run) => run.fields !== null)) checkRunsTogether(top.data.task, data, runs as { fields: RunFields }[], issues);
  if (issues.list.length > 0) return issues.failure();
  const doc = assemble(top.data, data, runs as CheckedRun[]);
  const limit = options.memoryLimit === undefined ? DEFAULT_MEMORY_LIMIT : options.memoryLimit;
  const summaries = (runs as CheckedRun[]).map((run) => run.model.summary);
  if (limit !== null) for (const issue of documentMemoryProblems(doc, summaries, limit)) issues.add(issue.path, issue.message);
  if (issues.list.length > 0) return issues.failure();
  return { ok: true, doc };
}

/**
 * Whether a valid document's runs fit in `limit` (the budget in budget.ts), checked before anything
 * is allocated: the session checks again with the backend it really got.
 */
export function checkMemory(doc: ExperimentDoc, limit: MemoryLimit, engine: Partial<EngineSizes> = {}): Issue[] {
  return documentMemoryProblems(doc, doc.runs.map((run) => summarize(run.model)), limit, engine);
}

/** The class count or input shapes come from data options (spiral arms, drawn classes, image size, a file). */
const dependsOnData = (task: Task) => TASK_INFO[task].numClasses === null || task === 'images';

/** Like parseExperiment, for documents the program itself builds: throws on any problem. */
export function experiment(input: unknown): ExperimentDoc {
  const result = parseExperiment(input);
  if (!result.ok) throw new Error(`invalid experiment:\n  ${result.errors.join('\n  ')}`);
  return result.doc;
}

function checkVersion(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return `an experiment must be a JSON object, got ${Array.isArray(input) ? 'an array' : describe(input)}`;
  }
  const version = (input as { version?: unknown }).version;
  if (version === undefined || version === EXPERIMENT_VERSION) return null;
  if (typeof version === 'number' && Number.isInteger(version) && version > EXPERIMENT_VERSION) {
    return `version ${version} is newer than this Gradient Lab understands (${EXPERIMENT_VERSION}); update the app`;
  }
  return `version must be ${EXPERIMENT_VERSION}, got ${describe(version)}`;
}

type RunFields = Omit<RunSpec, 'name' | 'model' | 'training'> & { name?: string; training: Omit<RunSpec['training'], 'batchSize'> & { batchSize?: number } };
type CheckedRun = { fields: RunFields; model: CheckedModel };

const knownTask = (task: unknown): Task | null => (typeof task === 'string' && task in TASK_INFO ? (task as Task) : null);

/** One run: its fields by the schema, its model by the notation and the shape rules, each reported on its own. */
function checkRun(raw: unknown, index: number, task: Task | null, options: ParseOptions, issues: Issues): { fields: RunFields | null; model: CheckedModel | null } {
  const path = `runs[${index}]`;
  const isObject = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  const { model: rawModel, ...rest } = isObject ? (raw as Record<string, unknown>) : { model: undefined };
  const parsed = runSchema.omit({ model: true }).safeParse(isObject ? rest : raw, { reportInput: true });
  if (!parsed.success) for (const issue of parsed.error.issues) formatIssue(issue, ['runs', index], issues);
  const fields = parsed.success ? (parsed.data as RunFields) : null;
  const source = rawModel ?? (task ? TASK_INFO[task].defaultModel : undefined);
  const model = source === undefined ? null : checkModel(source, `${path}.model`, options, issues);
  if (task && fields?.features && !isPlaneTask(task)) issues.add(`${path}.features`, `${path}.features applies to the 2-D tasks only (the points' inputs), not ${task}`);
  return { fields, model };
}

function checkModel(source: unknown, path: string, options: ParseOptions, issues: Issues): CheckedModel | null {
  const parsed = modelSchema.safeParse(source, { reportInput: true });
  if (!parsed.success) {
    const [, index] = /^runs\[(\d+)\]/.exec(path) ?? [];
    for (const issue of parsed.error.issues) formatIssue(issue, ['runs', Number(index), 'model'], issues);
    return null;
  }
  if (typeof parsed.data === 'string') {
    const result = (options.parseNotation ?? parseNotation)(parsed.data);
    if (result.ok) return { model: result.model, summary: result.summary };
    for (const e of result.errors) issues.add(path, `${path}: ${e.message}`);
    return null;
  }
  // The layer list leaves the same fields to a layer's place as the notation does.
  const layers = parsed.data.layers as unknown as LayerSpec[];
  const where = places(layers);
  const model: ModelSpec = { input: parsed.data.input, layers: layers.map((layer, i) => kindOf(layer.type).complete(layer, where[i])) };
  const summary = trySummarize(model);
  if (summary.ok) return { model, summary: summary.summary };
  for (const problem of describeProblems(model, summary.problems)) issues.add(path, `${path}: ${problem}`);
  return null;
}

function assemble(top: z.output<typeof documentSchema>, data: DataOptions, runs: CheckedRun[]): ExperimentDoc {
  const examples = exampleCounts(top.task, data).train;
  return {
    version: EXPERIMENT_VERSION,
    title: top.title,
    task: top.task,
    data,
    runs: runs.map(({ fields, model }, i) => {
      const batchSize = fields.training.batchSize ?? Math.min(DEFAULT_BATCH_SIZE, examples);
      const { epochs } = fields.training;
      // Epochs decide the length when given: the steps every consumer reads are derived from them here.
      const steps = epochs === null ? fields.training.steps : epochs * stepsPerEpoch(examples, batchSize);
      return {
        name: fields.name ?? `run ${i + 1}`,
        seed: fields.seed,
        model: model.model,
        ...(fields.features ? { features: fields.features } : {}),
        optimizer: fields.optimizer,
        training: { ...fields.training, batchSize, steps },
      };
    }),
  };
}

/** Rules across runs and data that need no model: unique names, batches that fit the training set, epochs within the step cap. */
function checkRunsTogether(task: Task, data: DataOptions, runs: { fields: RunFields }[], errors: Issues): void {
  const trainCount = exampleCounts(task, data).train;
  const seen = new Set<string>();
  runs.forEach(({ fields }, i) => {
    const path = `runs[${i}]`;
    const name = fields.name ?? `run ${i + 1}`;
    if (seen.has(name)) errors.add(`${path}.name`, `${path}.name must be unique, got ${JSON.stringify(name)} twice`);
    seen.add(name);
    if (trainCount === 0) return; // no file yet: data.source says so
    const { batchSize, epochs } = fields.training;
    if (batchSize !== undefined && batchSize > trainCount) {
      errors.add(`${path}.training.batchSize`, `${path}.training.batchSize must be at most the ${trainCount} training examples, got ${batchSize}`);
    }
    if (epochs !== null) {
      const perEpoch = stepsPerEpoch(trainCount, Math.min(batchSize ?? DEFAULT_BATCH_SIZE, trainCount));
      if (epochs * perEpoch > MAX_STEPS) {
        errors.add(
          `${path}.training.epochs`,
          `${path}.training.epochs ${epochs} make ${(epochs * perEpoch).toLocaleString('en-US')} steps (${perEpoch.toLocaleString('en-US')} per epoch); the limit is ${MAX_STEPS.toLocaleString('en-US')} steps`,
        );
      }
    }
  });
}

function checkModelFitsTask(model: ModelSpec, fields: RunFields, task: Task, data: DataOptions, path: string, errors: Issues): void {
  const modelPath = `${path}.model`;
  const classes = classCount(task, data);
  const outputUnits = classes === null ? null : outputUnitsFor(classes);
  if (model.layers.length === 0) {
    errors.add(modelPath, `${modelPath} has no layers: add at least the output layer, e.g. FC-${outputUnits?.at(-1) ?? 2}`);
    return;
  }
  const features = featuresOf(fields);
  const inputShapes = inputShapesFor(task, data, features);
  if (inputShapes && !inputShapes.some((shape) => sameShape(shape, model.input))) {
    const allowed = inputShapes.map((s) => s.join('x')).join(' or ');
    errors.add(modelPath, `${path}.model input must be ${allowed} for ${task}${inputReason(task, data, fields)}, got ${model.input.join('x')}`);
  }
  const last = model.layers[model.layers.length - 1];
  if (outputLayerIndex(model.layers) !== model.layers.length - 1 || !hasWeights(last)) {
    errors.add(modelPath, `${path}.model must end with a dense (FC) layer that scores the classes, got ${kindOf(last.type).word}`);
    return;
  }
  const units = unitsOf(last);
  if (outputUnits && !outputUnits.includes(units)) {
    const why = TASK_INFO[task].numClasses === null ? ` (its ${classes} classes)` : '';
    errors.add(modelPath, `${path}.model's last layer must have ${outputUnits.join(' or ')} units for ${task}${why}, got ${units}`);
  }
  const okForCrossEntropy = units === 1 ? ['sigmoid', 'linear'] : ['softmax', 'linear'];
  if (fields.training.loss === 'softmax-cross-entropy' && !okForCrossEntropy.includes(last.activation)) {
    errors.add(
      modelPath,
      `${path}.model: softmax-cross-entropy needs the last layer's activation to be ${okForCrossEntropy.join(' or ')}, got ${last.activation}`,
    );
  }
}

/** Why the input must be what it must, where the document decides it. */
function inputReason(task: Task, data: DataOptions, fields: RunFields): string {
  if (fields.features) return ` (one input per feature: ${fields.features.join(', ')})`;
  if (task === 'csv' && data.source) return ` (the ${data.source.features} feature columns of ${data.source.name})`;
  if (task === 'images') return ` (images of ${data.imageSize}x${data.imageSize}, ${data.color === 'rgb' ? '3 channels' : '1 channel'})`;
  return '';
}

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** runs[1].optimizer.momentum */
function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function formatIssue(issue: z.core.$ZodIssue, parentPath: PropertyKey[], issues: Issues): void {
  const path = [...parentPath, ...issue.path];
  const field = formatPath(path);
  const where = field || 'the document';
  for (const message of describeIssue(issue, path, where, issues)) issues.add(field, message);
}

function describeIssue(issue: z.core.$ZodIssue, path: PropertyKey[], where: string, issues: Issues): string[] {
  if (issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') return [`${where} is required`];
  switch (issue.code) {
    case 'invalid_type':
      return [`${where} must be ${article(issue.expected)}, got ${describe(issue.input)}`];
    case 'unrecognized_keys':
      return [`${where} has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`];
    case 'invalid_value':
      return [`${where} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(issue.input)}`];
    case 'invalid_union':
      return formatUnionIssue(issue, path, where, issues);
    case 'too_small':
    case 'too_big': {
      const [bound, limit] = issue.code === 'too_small' ? ['at least', issue.minimum] : ['at most', issue.maximum];
      if (issue.origin === 'array') return [`${where} must have ${bound} ${limit} entries`];
      if (issue.origin === 'string') return [`${where} must have ${bound} ${limit} characters`];
      return [`${where} ${issue.message}`];
    }
    default:
      return [`${where} ${issue.message}`];
  }
}

/**
 * A discriminated union names the allowed tags; a plain union (a model is notation text or a layer
 * list) reports the problems of the branch whose type the input had, rather than "invalid input".
 */
function formatUnionIssue(issue: z.core.$ZodIssueInvalidUnion, path: PropertyKey[], where: string, issues: Issues): string[] {
  const { options, discriminator } = issue as { options?: unknown[]; discriminator?: string };
  if (options && discriminator !== undefined) {
    const got = (issue.input as Record<string, unknown> | undefined)?.[discriminator];
    return [`${where} must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${describe(got)}`];
  }
  const rootIssue = (branch: z.core.$ZodIssue[], code: string) => branch.some((e) => e.code === code && e.path.length === 0);
  const matchingBranch =
    issue.errors.find((branch) => !rootIssue(branch, 'invalid_type') && !rootIssue(branch, 'invalid_value')) ??
    issue.errors.find((branch) => rootIssue(branch, 'invalid_value'));
  if (matchingBranch) {
    for (const e of matchingBranch) formatIssue(e, path, issues);
    return [];
  }
  return [`${where} has the wrong type: got ${describe(issue.input)}`];
}

function article(expected: string): string {
  if (expected === 'object' || expected === 'array') return `an ${expected}`;
  if (expected === 'string' || expected === 'number' || expected === 'boolean') return `a ${expected}`;
  return expected;
}
