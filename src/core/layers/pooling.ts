// What max- and average-pooling share: a k×k window moved with stride s (k by default), 'valid'
// padding (the window must fit), no parameters, the channel count kept.
import { z } from 'zod';
import { invalid, parseCount } from '../notation-tokens';
import { numberSchema, type NumberRange } from '../schema-kit';
import type { LayerKind } from './kind';
import { needsImage, slide, slideField } from './shapes';
import { joinTokens } from './weighted';

export interface PoolFields {
  poolSize: number;
  stride: number;
}

export const POOL_LIMITS = {
  poolSize: { min: 1, max: 64, integer: true },
  stride: { min: 1, max: 64, integer: true },
} as const satisfies Record<string, NumberRange>;

interface PoolingWords<T extends string> {
  type: T;
  /** The canonical word (POOL, AVGPOOL) and any others read as the same kind (MAXPOOL). */
  words: readonly [string, ...string[]];
  label: string;
  /** For messages: "max-pooling". */
  what: string;
  /** Max-pooling: each window's largest input wins (see LayerKind.picksMaximum). */
  picksMaximum?: true;
}

export function poolingKind<T extends string>({ type, words, label, what, picksMaximum }: PoolingWords<T>): LayerKind<{ type: T } & PoolFields> {
  type Spec = { type: T } & PoolFields;
  const word = words[0];
  // Longest first, so that MAXPOOL2 is not read as an unknown word that starts like POOL.
  const heads = [...words].sort((a, b) => b.length - a.length);
  return {
    type,
    word,
    label,
    syntax: `${word}k`,
    limits: POOL_LIMITS,
    schema: z.strictObject({ type: z.literal(type), poolSize: numberSchema(POOL_LIMITS.poolSize), stride: numberSchema(POOL_LIMITS.stride).optional() }),
    perRunFields: [],
    defaultedFields: ['stride'],
    create: () => ({ type, poolSize: 2, stride: 2 }) as Spec,
    complete: (layer) => ({ ...layer, stride: layer.stride ?? layer.poolSize }),
    followsDefaults: (layer) => layer.stride === layer.poolSize,
    resetDefaults: (layer) => void (layer.stride = layer.poolSize),
    counts: (layer) => ({ poolSize: layer.poolSize, stride: layer.stride }),
    shape(layer, input) {
      if (input.length !== 3) return needsImage(what, input);
      const [h, w, c] = input;
      const { poolSize: k, stride: s } = layer;
      if (k > h || k > w) return { problem: `a ${k}x${k} window does not fit a ${h}x${w} input` };
      return { shape: [slide(h, k, s, 0), slide(w, k, s, 0), c] };
    },
    params: () => 0,
    receptiveField: (layer, field) => slideField(field, layer.poolSize, layer.stride),
    window: (layer) => ({ size: layer.poolSize, stride: layer.stride }),
    ...(picksMaximum ? { picksMaximum } : {}),
    notation: {
      readHead(upper) {
        const head = heads.find((h) => upper.startsWith(h));
        if (head === undefined) return null;
        const poolSize = parseCount(upper.slice(head.length));
        if (poolSize === null) return invalid(`expected ${word}k with a whole number, e.g. ${word}2 (2x2 ${what}, stride 2)`);
        if (poolSize === 0) return invalid(`the window size k in ${word}k must be at least 1`);
        return { type, poolSize, stride: poolSize } as Spec;
      },
      options: ['stride'],
      apply(layer, option) {
        if (option.kind === 'stride') layer.stride = option.value;
      },
      format: (layer) => joinTokens([`${word}${layer.poolSize}`, layer.stride !== layer.poolSize ? `S${layer.stride}` : '']),
    },
    editor: [
      { kind: 'number', label: 'Pool size', read: (layer) => layer.poolSize, write: (poolSize) => ({ poolSize }) as Partial<Spec> },
      { kind: 'number', label: 'Stride', read: (layer) => layer.stride, write: (stride) => ({ stride }) as Partial<Spec> },
    ],
  };
}
