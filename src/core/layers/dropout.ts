// DROPOUTp: inverted dropout, each unit dropped with probability p in training and the kept ones
// scaled by 1/(1 − p); the identity at inference.
import { z } from 'zod';
import { formatNumber } from '../notation-words';
import { invalid, parseDecimal } from '../notation-tokens';
import { numberSchema, UNIT_INTERVAL } from '../schema-kit';
import type { LayerKind } from './kind';

export interface DropoutSpec {
  type: 'dropout';
  /** Probability of dropping a unit during training, in [0, 1). */
  rate: number;
}

export const dropout: LayerKind<DropoutSpec> = {
  type: 'dropout',
  word: 'DROPOUT',
  label: 'DROPOUT',
  syntax: 'DROPOUTp',
  // tf.dropout: a random mask, its keep test and the scaled output.
  outputCopies: 3,
  schema: z.strictObject({ type: z.literal('dropout'), rate: numberSchema(UNIT_INTERVAL) }),
  perRunFields: ['rate'],
  defaultedFields: [],
  create: () => ({ type: 'dropout', rate: 0.5 }),
  complete: (layer) => layer,
  followsDefaults: () => true,
  resetDefaults: () => {},
  counts: () => ({}),
  fieldProblem: (layer) => (layer.rate >= 0 && layer.rate < 1 ? null : `the dropout rate must be at least 0 and below 1, got ${layer.rate}`),
  shape: (_layer, input) => ({ shape: [...input] }),
  params: () => 0,
  receptiveField: (_layer, field) => field,
  notation: {
    readHead(upper) {
      if (!upper.startsWith('DROPOUT')) return null;
      const rest = upper.slice(7);
      if (rest === '') return invalid('DROPOUT needs a rate, e.g. DROPOUT0.5');
      const rate = parseDecimal(rest);
      if (rate === null) return invalid(`the dropout rate "${rest}" is not a number; write e.g. DROPOUT0.5`);
      if (rate < 0 || rate >= 1) return invalid(`the dropout rate must be at least 0 and below 1, got ${rest}`);
      return { type: 'dropout', rate };
    },
    options: [],
    apply: () => {},
    format: (layer) => `DROPOUT${formatNumber(layer.rate)}`,
  },
  editor: [{ kind: 'number', label: 'Drop rate', read: (layer) => layer.rate, write: (rate) => ({ rate }) }],
};
