// FC-N: a fully connected layer of N units; on an image it flattens the image first.
import { z } from 'zod';
import { parseCount } from '../notation-tokens';
import { invalid } from '../notation-tokens';
import { numberSchema, type NumberRange } from '../schema-kit';
import type { LayerKind } from './kind';
import { sizeOf } from './shapes';
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

export interface DenseSpec extends WeightedLayerFields {
  type: 'dense';
  units: number;
}

export const DENSE_LIMITS = { units: { min: 1, max: 4096, integer: true } } as const satisfies Record<string, NumberRange>;

export const dense: LayerKind<DenseSpec> = {
  type: 'dense',
  word: 'FC',
  label: 'FC (dense)',
  limits: DENSE_LIMITS,
  outputCopies: 2,
  syntax: 'FC-N',
  schema: z.strictObject({ type: z.literal('dense'), units: numberSchema(DENSE_LIMITS.units), ...weightedSchemaFields }),
  perRunFields: ['kernelInit', 'biasInit'],
  defaultedFields: ['activation', 'alpha'],
  create: () => ({ type: 'dense', units: 16, ...newWeights() }),
  complete: (layer, place) => completeWeights(layer, place, layer.units),
  followsDefaults: (layer, place) => weightsFollowDefaults(layer, place, layer.units),
  resetDefaults: (layer, place) => resetWeightDefaults(layer, place, layer.units),
  counts: (layer) => ({ units: layer.units }),
  // A dense layer after an image flattens it implicitly.
  shape: (layer) => ({ shape: [layer.units] }),
  params: (layer, input) => sizeOf(input) * layer.units + layer.units,
  // Every unit sees the whole input: the image's longer side, or all N features.
  receptiveField: (_layer, field, input) => ({ size: input.length === 3 ? Math.max(input[0], input[1]) : input[0], jump: field.jump }),
  notation: {
    readHead(upper) {
      if (!upper.startsWith('FC')) return null;
      const rest = upper.slice(2);
      const units = rest.startsWith('-') ? parseCount(rest.slice(1)) : null;
      if (units === null) return invalid('expected FC-N with a whole number, e.g. FC-10 (10 units)');
      if (units === 0) return invalid('the unit count N in FC-N must be at least 1');
      return { type: 'dense', units, ...newWeights() };
    },
    options: WEIGHT_OPTIONS,
    apply: applyWeightOption,
    format: (layer, place) => joinTokens([`FC-${layer.units}`, ...weightTokens(layer, place, layer.units)]),
  },
  editor: [{ kind: 'number', label: 'Units', read: (layer) => layer.units, write: (units) => ({ units }) }, { kind: 'weights' }],
  weighted: { units: (layer) => layer.units },
  scoresClasses: true,
};
