// CONVk-N: N filters of k×k, stride 1 and 'same' padding unless told otherwise (S2, P0).
import { z } from 'zod';
import { invalid, parseCount } from '../notation-tokens';
import { numberSchema, type NumberRange } from '../schema-kit';
import type { LayerKind } from './kind';
import { needsImage, slide, slideField } from './shapes';
import {
  applyWeightOption,
  completeWeights,
  joinTokens,
  newWeights,
  resetWeightDefaults,
  WEIGHT_OPTIONS,
  weightedSchemaFields,
  weightsFollowDefaults,
  weightTokens,
  type WeightedLayerFields,
} from './weighted';

export interface Conv2dSpec extends WeightedLayerFields {
  type: 'conv2d';
  filters: number;
  kernelSize: number;
  stride: number;
  /** 'same' keeps the spatial size at stride 1 (TensorFlow's rule: out = ceil(in / stride)); a number pads every side. */
  padding: 'same' | number;
}

export const CONV_LIMITS = {
  filters: { min: 1, max: 1024, integer: true },
  kernelSize: { min: 1, max: 64, integer: true },
  stride: { min: 1, max: 64, integer: true },
  padding: { min: 0, max: 64, integer: true },
} as const satisfies Record<string, NumberRange>;

const PADDINGS = [
  { value: 'same', label: 'same' },
  { value: 'pixels', label: 'pixels' },
] as const;

export const conv2d: LayerKind<Conv2dSpec> = {
  type: 'conv2d',
  word: 'CONV',
  label: 'CONV (convolution)',
  limits: CONV_LIMITS,
  outputCopies: 2,
  syntax: 'CONVk-N',
  schema: z.strictObject({
    type: z.literal('conv2d'),
    filters: numberSchema(CONV_LIMITS.filters),
    kernelSize: numberSchema(CONV_LIMITS.kernelSize),
    stride: numberSchema(CONV_LIMITS.stride).default(1),
    padding: z.union([z.literal('same'), numberSchema(CONV_LIMITS.padding)]).default('same'),
    ...weightedSchemaFields,
  }),
  perRunFields: ['kernelInit', 'biasInit'],
  defaultedFields: ['activation', 'alpha'],
  create: () => ({ type: 'conv2d', filters: 8, kernelSize: 3, stride: 1, padding: 'same', ...newWeights() }),
  complete: (layer, place) => completeWeights(layer, place, layer.filters),
  followsDefaults: (layer, place) => weightsFollowDefaults(layer, place, layer.filters),
  resetDefaults: (layer, place) => resetWeightDefaults(layer, place, layer.filters),
  counts: (layer) => ({ filters: layer.filters, kernelSize: layer.kernelSize, stride: layer.stride }),
  fieldProblem: (layer) =>
    layer.padding === 'same' || (Number.isSafeInteger(layer.padding) && layer.padding >= 0)
      ? null
      : `padding must be 'same' or a whole number of at least 0, got ${layer.padding}`,
  shape(layer, input) {
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
  },
  params: (layer, input) => layer.filters * (layer.kernelSize * layer.kernelSize * input[input.length - 1] + 1),
  receptiveField: (layer, field) => slideField(field, layer.kernelSize, layer.stride),
  notation: {
    readHead(upper) {
      if (!upper.startsWith('CONV')) return null;
      const match = /^(\d+)-(\d+)$/.exec(upper.slice(4));
      const kernelSize = match ? parseCount(match[1]) : null;
      const filters = match ? parseCount(match[2]) : null;
      if (kernelSize === null || filters === null) return invalid('expected CONVk-N with whole numbers, e.g. CONV5-10 (10 filters of 5x5)');
      if (kernelSize === 0) return invalid('the kernel size k in CONVk-N must be at least 1');
      if (filters === 0) return invalid('the filter count N in CONVk-N must be at least 1');
      return { type: 'conv2d', filters, kernelSize, stride: 1, padding: 'same', ...newWeights() };
    },
    options: ['stride', 'padding', ...WEIGHT_OPTIONS],
    apply(layer, option) {
      if (option.kind === 'stride') layer.stride = option.value;
      else if (option.kind === 'padding') layer.padding = option.value;
      else applyWeightOption(layer, option);
    },
    format: (layer, place) =>
      joinTokens([
        `CONV${layer.kernelSize}-${layer.filters}`,
        layer.stride !== 1 ? `S${layer.stride}` : '',
        layer.padding !== 'same' ? `P${layer.padding}` : '',
        ...weightTokens(layer, place, layer.filters),
      ]),
  },
  editor: [
    { kind: 'number', label: 'Filters', read: (layer) => layer.filters, write: (filters) => ({ filters }) },
    { kind: 'number', label: 'Kernel size', read: (layer) => layer.kernelSize, write: (kernelSize) => ({ kernelSize }) },
    { kind: 'number', label: 'Stride', read: (layer) => layer.stride, write: (stride) => ({ stride }) },
    {
      kind: 'choice',
      label: 'Padding',
      choices: PADDINGS,
      read: (layer) => (layer.padding === 'same' ? 'same' : 'pixels'),
      write: (choice) => ({ padding: choice === 'same' ? 'same' : 0 }),
    },
    {
      kind: 'number',
      label: 'Padding (px)',
      read: (layer) => (layer.padding === 'same' ? 0 : layer.padding),
      write: (padding) => ({ padding }),
      shown: (layer) => layer.padding !== 'same',
    },
    { kind: 'weights' },
  ],
  weighted: { units: (layer) => layer.filters },
  imageFilters: true,
  window: (layer) => ({ size: layer.kernelSize, stride: layer.stride }),
};
