// Per-layer numbers of a model, as courses teach them (lessons.md item 11): output shape, parameter
// count and receptive field, each layer's rule taken from its kind. Layers are numbered as in the
// summary table: 0 is the input, i + 1 is model.layers[i]; the notation parser numbers its
// comma-separated items the same way.
import { kindOf, places, type LayerSpec, type LayerType, type ModelSpec } from './layers';
import type { FieldWalk } from './layers/kind';
import { describeRange, inRange, type NumberRange } from './schema-kit';
import { inputToNotation } from './notation-words';

export interface LayerSummary {
  notation: string;
  type: LayerType | 'input';
  outputShape: number[];
  params: number;
  /** Side, in input pixels (or features, for flat input), of the input region one output unit sees. */
  receptiveField: number;
}

export interface ModelSummary {
  layers: LayerSummary[];
  totalParams: number;
}

export interface ShapeProblem {
  /** 0: the input; i + 1: model.layers[i]. */
  layerIndex: number;
  /** What is wrong, without the location, e.g. "a 3x3 window does not fit a 2x2 input". */
  message: string;
}

export interface ShapeTrace {
  /** shapes[0] is the input, shapes[i + 1] the output of model.layers[i]; cut short at the first layer whose shape is unknown. */
  shapes: number[][];
  problems: ShapeProblem[];
}

/** Each input dimension: the same cap whether the model is written in notation or as a layer list. */
export const INPUT_DIMENSION: NumberRange = { min: 1, max: 100_000, integer: true };

/**
 * Every layer's output shape. Size fields are checked on every layer; shapes are followed until the
 * first layer that cannot apply (after it, the input of the next layer is unknown).
 */
export function traceShapes(model: ModelSpec): ShapeTrace {
  const problems: ShapeProblem[] = [];
  const inputProblem = checkInput(model.input);
  if (inputProblem !== null) problems.push({ layerIndex: 0, message: inputProblem });
  const shapes = inputProblem === null ? [[...model.input]] : [];
  let known = inputProblem === null;
  model.layers.forEach((layer, i) => {
    const fieldProblem = checkFields(layer);
    const step = fieldProblem !== null ? { problem: fieldProblem } : known ? kindOf(layer.type).shape(layer, shapes[i]) : null;
    if (step === null) return;
    if ('problem' in step) {
      problems.push({ layerIndex: i + 1, message: step.problem });
      known = false;
    } else {
      shapes.push(step.shape);
    }
  });
  return { shapes, problems };
}

/** Readable problems with sizes and shapes, e.g. "layer 5 (POOL3): a 3x3 window does not fit a 2x2 input"; empty if none. */
export function validateShapes(model: ModelSpec): string[] {
  return describeProblems(model, traceShapes(model).problems);
}

export function describeProblems(model: ModelSpec, problems: readonly ShapeProblem[]): string[] {
  const names = layerNames(model);
  return problems.map((p) => `layer ${p.layerIndex} (${names[p.layerIndex]}): ${p.message}`);
}

export type SummaryResult = { ok: true; summary: ModelSummary } | { ok: false; problems: ShapeProblem[] };

/** The summary table, or the problems that keep its shapes from being defined: one trace either way. */
export function trySummarize(model: ModelSpec): SummaryResult {
  const { shapes, problems } = traceShapes(model);
  if (problems.length > 0) return { ok: false, problems };
  const names = layerNames(model);
  const rows: LayerSummary[] = [{ notation: names[0], type: 'input', outputShape: [...model.input], params: 0, receptiveField: 1 }];
  let field: FieldWalk = { size: 1, jump: 1 };
  model.layers.forEach((layer, i) => {
    const kind = kindOf(layer.type);
    field = kind.receptiveField(layer, field, model.input);
    rows.push({ notation: names[i + 1], type: layer.type, outputShape: shapes[i + 1], params: kind.params(layer, shapes[i]), receptiveField: field.size });
  });
  return { ok: true, summary: { layers: rows, totalParams: rows.reduce((sum, row) => sum + row.params, 0) } };
}

/** The summary table. Throws on a model that validateShapes rejects: its shapes are not defined. */
export function summarize(model: ModelSpec): ModelSummary {
  const result = trySummarize(model);
  if (!result.ok) throw new Error(`cannot summarize an invalid model: ${describeProblems(model, result.problems).join('; ')}`);
  return result.summary;
}

/** Each layer's canonical notation, the input first. */
export function layerNames(model: ModelSpec): string[] {
  const where = places(model.layers);
  return [inputToNotation(model.input), ...model.layers.map((layer, i) => kindOf(layer.type).notation.format(layer, where[i]))];
}

function checkInput(input: readonly number[]): string | null {
  if ((input.length === 1 || input.length === 3) && input.every((n) => Number.isSafeInteger(n) && n >= 1)) {
    const big = input.find((n) => !inRange(INPUT_DIMENSION, n));
    return big === undefined ? null : `each input size must be an ${describeRange(INPUT_DIMENSION)}, got ${big}`;
  }
  return `the input must be [N] features or [H, W, C] for an image, with whole numbers of at least 1; got [${input.join(', ')}]`;
}

/**
 * Size fields that no shape rule can work with (zero, negative or fractional counts), and sizes past
 * the kind's caps: the same caps the layer-list schema has, so the notation cannot slip past them.
 */
function checkFields(layer: LayerSpec): string | null {
  const kind = kindOf(layer.type);
  const bad = Object.entries(kind.counts(layer)).filter(([, n]) => !(Number.isSafeInteger(n) && n >= 1));
  if (bad.length > 0) return bad.map(([name, n]) => `${name} must be a whole number of at least 1, got ${n}`).join('; ');
  const problem = kind.fieldProblem?.(layer) ?? null;
  if (problem !== null) return problem;
  const capped = Object.entries(kind.limits ?? {}).filter(([name, range]) => {
    const value = (layer as unknown as Record<string, unknown>)[name];
    return typeof value === 'number' && !inRange(range, value);
  });
  if (capped.length > 0) {
    return capped.map(([name, range]) => `${name} must be an ${describeRange(range)}, got ${(layer as unknown as Record<string, number>)[name]}`).join('; ');
  }
  return null;
}
