// Per-layer numbers of a model, as courses teach them (lessons.md item 11): output shape,
// parameter count and receptive field. Layers are numbered as in the summary table: 0 is the
// input, i + 1 is model.layers[i]; the notation parser numbers its comma-separated items the same way.
import type { Conv2dSpec, LayerSpec, LayerType, MaxPoolSpec, ModelSpec } from './layers';
import { inputToNotation, lastDenseIndex, layerToNotation } from './notation-format';

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

type Step = { shape: number[] } | { problem: string };

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
    const step: Step | null = fieldProblem !== null ? { problem: fieldProblem } : known ? layerStep(layer, shapes[i]) : null;
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

function describeProblems(model: ModelSpec, problems: ShapeProblem[]): string[] {
  const names = layerNames(model);
  return problems.map((p) => `layer ${p.layerIndex} (${names[p.layerIndex]}): ${p.message}`);
}

/** The summary table. Throws on a model that validateShapes rejects: its shapes are not defined. */
export function summarize(model: ModelSpec): ModelSummary {
  const { shapes, problems } = traceShapes(model);
  if (problems.length > 0) {
    throw new Error(`cannot summarize an invalid model: ${describeProblems(model, problems).join('; ')}`);
  }
  const names = layerNames(model);
  const rows: LayerSummary[] = [
    { notation: names[0], type: 'input', outputShape: [...model.input], params: 0, receptiveField: 1 },
  ];
  let field: Field = { size: 1, jump: 1 };
  model.layers.forEach((layer, i) => {
    field = nextField(layer, field, model.input);
    rows.push({
      notation: names[i + 1],
      type: layer.type,
      outputShape: shapes[i + 1],
      params: layerParams(layer, shapes[i]),
      receptiveField: field.size,
    });
  });
  return { layers: rows, totalParams: rows.reduce((sum, row) => sum + row.params, 0) };
}

function layerNames(model: ModelSpec): string[] {
  const last = lastDenseIndex(model.layers);
  return [inputToNotation(model.input), ...model.layers.map((layer, i) => layerToNotation(layer, i === last))];
}

// ---- shapes ----

const isCount = (n: number, min: number) => Number.isSafeInteger(n) && n >= min;

function checkInput(input: readonly number[]): string | null {
  if ((input.length === 1 || input.length === 3) && input.every((n) => isCount(n, 1))) return null;
  return `the input must be [N] features or [H, W, C] for an image, with whole numbers of at least 1; got [${input.join(', ')}]`;
}

/** Size fields that no shape rule can work with: zero, negative or fractional counts. */
function checkFields(layer: LayerSpec): string | null {
  const counts: Record<string, number> =
    layer.type === 'conv2d'
      ? { filters: layer.filters, kernelSize: layer.kernelSize, stride: layer.stride }
      : layer.type === 'maxpool'
        ? { poolSize: layer.poolSize, stride: layer.stride }
        : layer.type === 'dense'
          ? { units: layer.units }
          : {};
  const bad = Object.entries(counts).filter(([, n]) => !isCount(n, 1));
  if (bad.length > 0) return bad.map(([name, n]) => `${name} must be a whole number of at least 1, got ${n}`).join('; ');
  if (layer.type === 'conv2d' && layer.padding !== 'same' && !isCount(layer.padding, 0)) {
    return `padding must be 'same' or a whole number of at least 0, got ${layer.padding}`;
  }
  return null;
}

function layerStep(layer: LayerSpec, input: number[]): Step {
  switch (layer.type) {
    case 'conv2d':
      return convStep(layer, input);
    case 'maxpool':
      return poolStep(layer, input);
    case 'dense':
      // A dense layer after an image flattens it implicitly.
      return { shape: [layer.units] };
    case 'flatten':
      return { shape: [size(input)] };
    case 'dropout':
    case 'batchnorm':
      return { shape: [...input] };
  }
}

const size = (shape: readonly number[]) => shape.reduce((product, n) => product * n, 1);

function describe(shape: readonly number[]): string {
  return shape.length === 1 ? `${shape[0]} flat features` : shape.join('x');
}

function needsImage(what: string, input: readonly number[]): Step {
  return { problem: `${what} needs an image input (HxWxC), but gets ${describe(input)}` };
}

/** Output side of a window sliding over a (padded) side; TensorFlow and PyTorch floor it. */
const slide = (side: number, window: number, stride: number, pad: number) =>
  Math.floor((side - window + 2 * pad) / stride) + 1;

function convStep(layer: Conv2dSpec, input: number[]): Step {
  if (input.length !== 3) return needsImage('a convolution', input);
  const [h, w] = input;
  const { kernelSize: k, stride: s, padding } = layer;
  // 'same' pads as much as needed, so any kernel fits: TensorFlow's out = ceil(in / stride).
  if (padding === 'same') return { shape: [Math.ceil(h / s), Math.ceil(w / s), layer.filters] };
  if (k > h + 2 * padding || k > w + 2 * padding) {
    const padded = padding > 0 ? ` padded by ${padding} on each side (${h + 2 * padding}x${w + 2 * padding})` : '';
    return { problem: `a ${k}x${k} kernel does not fit a ${h}x${w} input${padded}` };
  }
  return { shape: [slide(h, k, s, padding), slide(w, k, s, padding), layer.filters] };
}

function poolStep(layer: MaxPoolSpec, input: number[]): Step {
  if (input.length !== 3) return needsImage('max-pooling', input);
  const [h, w, c] = input;
  const { poolSize: k, stride: s } = layer;
  // Pooling uses 'valid' padding: the window must fit inside the input.
  if (k > h || k > w) return { problem: `a ${k}x${k} window does not fit a ${h}x${w} input` };
  return { shape: [slide(h, k, s, 0), slide(w, k, s, 0), c] };
}

// ---- parameters ----

function layerParams(layer: LayerSpec, input: number[]): number {
  switch (layer.type) {
    case 'conv2d':
      return layer.filters * (layer.kernelSize * layer.kernelSize * input[input.length - 1] + 1);
    case 'dense':
      return size(input) * layer.units + layer.units;
    case 'batchnorm':
      // Trainable gamma and beta per channel; the moving mean and variance are not trained, so not counted.
      return 2 * input[input.length - 1];
    default:
      return 0;
  }
}

// ---- receptive field ----

/** size: side of the input region one unit sees; jump: input pixels between neighbouring units. */
interface Field {
  size: number;
  jump: number;
}

function nextField(layer: LayerSpec, field: Field, input: readonly number[]): Field {
  switch (layer.type) {
    case 'conv2d':
      return slideField(field, layer.kernelSize, layer.stride);
    case 'maxpool':
      return slideField(field, layer.poolSize, layer.stride);
    case 'dense':
      // Every unit sees the whole input: the image's longer side, or all N features.
      return { size: input.length === 3 ? Math.max(input[0], input[1]) : input[0], jump: field.jump };
    default:
      // Flatten, dropout and batch norm act on each unit alone: a flattened value is still one unit of
      // the map before it, with that unit's field.
      return field;
  }
}

/** n = r + (k - 1) j, then j *= s: the layer-by-layer form of lessons.md's n = k + s (m - 1). */
function slideField({ size: r, jump: j }: Field, kernel: number, stride: number): Field {
  return { size: r + (kernel - 1) * j, jump: j * stride };
}
