// The layer kinds, in menu order. Everything outside this folder looks kinds up here: to add one,
// write its module (and its .engine.ts) and list it below and in engines.ts.
import { z } from 'zod';
import type { Invalid } from '../notation-tokens';
import { avgpool, type AvgPoolSpec } from './avgpool';
import { batchnorm, type BatchNormSpec } from './batchnorm';
import { conv2d, type Conv2dSpec } from './conv2d';
import { dense, type DenseSpec } from './dense';
import { dropout, type DropoutSpec } from './dropout';
import { flatten, type FlattenSpec } from './flatten';
import type { LayerKind, Place } from './kind';
import { maxpool, type MaxPoolSpec } from './maxpool';
import type { WeightedLayerFields } from './weighted';

export type LayerSpec = DenseSpec | Conv2dSpec | MaxPoolSpec | AvgPoolSpec | FlattenSpec | DropoutSpec | BatchNormSpec;
export type LayerType = LayerSpec['type'];
/** The layers that own a kernel and a bias. */
export type WeightedSpec = Extract<LayerSpec, WeightedLayerFields>;

export interface ModelSpec {
  /** [features] for flat input, [height, width, channels] for images. */
  input: number[];
  layers: LayerSpec[];
}

type KindFor<T extends LayerType> = LayerKind<Extract<LayerSpec, { type: T }>>;
const ALL: { [T in LayerType]: KindFor<T> } = { dense, conv2d, maxpool, avgpool, dropout, batchnorm, flatten };

/** Every kind, in the order the editor's menu offers them. */
export const LAYER_KINDS: readonly LayerKind<LayerSpec>[] = Object.values(ALL) as LayerKind<LayerSpec>[];

export function kindOf<T extends LayerType>(type: T): KindFor<T>;
export function kindOf(type: LayerType): LayerKind<LayerSpec>;
export function kindOf(type: LayerType): LayerKind<LayerSpec> {
  const kind = ALL[type] as LayerKind<LayerSpec> | undefined;
  if (!kind) throw new Error(`unknown layer type ${JSON.stringify(type)}`);
  return kind;
}

/** The layer-list form of any layer: a union over the kinds' schemas, discriminated by `type`. */
export const layerSchema = z.discriminatedUnion(
  'type',
  LAYER_KINDS.map((kind) => kind.schema) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

/** An item's first token read as a layer word: the layer, what is wrong with it, or null for no layer word at all. */
export function readLayerHead(upper: string): LayerSpec | Invalid | null {
  for (const kind of LAYER_KINDS) {
    const head = kind.notation.readHead(upper);
    if (head !== null) return head;
  }
  return null;
}

/** 'CONVk-N, POOLk, ..., FC-N': the layer words, for messages. */
export const LAYER_SYNTAX: readonly string[] = LAYER_KINDS.map((kind) => kind.syntax);

export function hasWeights(layer: LayerSpec): layer is WeightedSpec {
  return kindOf(layer.type).weighted !== undefined;
}

/** Kernels and biases a weighted layer has units of (filters for conv). */
export function unitsOf(layer: WeightedSpec): number {
  return kindOf(layer.type).weighted!.units(layer);
}

/** Index of the output layer: the last layer that can score the classes, or -1. */
export function outputLayerIndex(layers: readonly LayerSpec[]): number {
  for (let i = layers.length - 1; i >= 0; i--) if (kindOf(layers[i].type).scoresClasses) return i;
  return -1;
}

/** Every layer's place: only the output layer is the output. */
export function places(layers: readonly LayerSpec[]): Place[] {
  const output = outputLayerIndex(layers);
  return layers.map((_, i) => ({ isOutput: i === output }));
}
