// BN (or BATCHNORM): normalises each channel over the mini-batch (mean 0, variance 1), then scales and
// shifts by the learned gamma and beta. Right after a CONV or FC it normalises that layer's
// pre-activations, before its activation function (Ioffe & Szegedy); anywhere else, what it receives.
import { z } from 'zod';
import { formatNumber } from '../notation-words';
import { numberSchema, POSITIVE, UNIT_INTERVAL } from '../schema-kit';
import type { LayerKind } from './kind';
import { joinTokens } from './weighted';

export interface BatchNormSpec {
  type: 'batchnorm';
  /** Moving-average momentum of the inference statistics. */
  momentum: number;
  epsilon: number;
}

export const DEFAULT_BATCHNORM = Object.freeze({ momentum: 0.99, epsilon: 1e-3 });

export const batchnorm: LayerKind<BatchNormSpec> = {
  type: 'batchnorm',
  word: 'BN',
  label: 'BN (batch norm)',
  syntax: 'BN',
  // In training: the centred input, its square and the normalised output.
  outputCopies: 3,
  schema: z.strictObject({
    type: z.literal('batchnorm'),
    momentum: numberSchema(UNIT_INTERVAL).default(DEFAULT_BATCHNORM.momentum),
    epsilon: numberSchema(POSITIVE).default(DEFAULT_BATCHNORM.epsilon),
  }),
  perRunFields: ['momentum', 'epsilon'],
  defaultedFields: [],
  create: () => ({ type: 'batchnorm', ...DEFAULT_BATCHNORM }),
  complete: (layer) => layer,
  followsDefaults: () => true,
  resetDefaults: () => {},
  counts: () => ({}),
  shape: (_layer, input) => ({ shape: [...input] }),
  // Trainable gamma and beta per channel; the moving mean and variance are not trained, so not counted.
  params: (_layer, input) => 2 * input[input.length - 1],
  receptiveField: (_layer, field) => field,
  notation: {
    readHead: (upper) => (upper === 'BN' || upper === 'BATCHNORM' ? { type: 'batchnorm', ...DEFAULT_BATCHNORM } : null),
    options: ['momentum', 'epsilon'],
    apply(layer, option) {
      if (option.kind === 'momentum') layer.momentum = option.value;
      if (option.kind === 'epsilon') layer.epsilon = option.value;
    },
    format: (layer) =>
      joinTokens([
        'BN',
        layer.momentum !== DEFAULT_BATCHNORM.momentum ? `MOMENTUM${formatNumber(layer.momentum)}` : '',
        layer.epsilon !== DEFAULT_BATCHNORM.epsilon ? `EPS${formatNumber(layer.epsilon)}` : '',
      ]),
  },
  editor: [
    { kind: 'number', label: 'Momentum', read: (layer) => layer.momentum, write: (momentum) => ({ momentum }) },
    { kind: 'number', label: 'Epsilon', read: (layer) => layer.epsilon, write: (epsilon) => ({ epsilon }) },
  ],
  normalizesPreActivation: true,
};
