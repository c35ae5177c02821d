// What the layers that own a weight matrix (dense and conv) share: activation and initializer fields,
// their notation options and canonical tokens, and the one rule for the activation a layer gets when
// the document names none.
import { z } from 'zod';
import { DEFAULT_BIAS_INIT, DEFAULT_KERNEL_INIT, PARAMETERLESS_INITIALIZERS, type InitializerSpec } from '../initializers';
import { formatNumber, initializerToken } from '../notation-words';
import type { Option, OptionKind } from '../notation-tokens';
import { numberSchema, positive, POSITIVE } from '../schema-kit';
import { ACTIVATIONS, ACTIVATION_TABLE, defaultAlpha, type ActivationName } from './activations';
import type { Place } from './kind';

/** Fields shared by the layers that own a weight matrix (dense and conv). */
export interface WeightedLayerFields {
  activation: ActivationName;
  /** Negative slope for leaky-relu, alpha for elu; ignored by other activations. */
  alpha?: number;
  kernelInit: InitializerSpec;
  biasInit: InitializerSpec;
}

/**
 * The activation a CONV or FC gets when the document names none. The output layer scores the
 * classes, so it defaults to probabilities: softmax over several units, the logistic for one unit.
 */
export function defaultActivation(place: Place, units: number): ActivationName {
  if (!place.isOutput) return 'relu';
  return units > 1 ? 'softmax' : 'sigmoid';
}

const initializerObject = z.discriminatedUnion('name', [
  z.strictObject({ name: z.enum(PARAMETERLESS_INITIALIZERS) }),
  z.strictObject({ name: z.literal('constant'), value: numberSchema({ min: -1e6, max: 1e6 }) }),
  z.strictObject({ name: z.literal('uniform'), limit: positive() }),
  z.strictObject({ name: z.literal('normal'), stddev: positive() }),
]);

/** "he-normal" is shorthand for { "name": "he-normal" }. */
export const initializerSchema = z
  .union([z.enum(PARAMETERLESS_INITIALIZERS), initializerObject])
  .transform((v): InitializerSpec => (typeof v === 'string' ? { name: v } : v) as InitializerSpec);

export const weightedSchemaFields = {
  // Left optional: the default depends on the layer's place (see defaultActivation).
  activation: z.enum(ACTIVATIONS).optional(),
  alpha: numberSchema(POSITIVE).optional(),
  kernelInit: initializerSchema.default({ name: 'glorot-uniform' }),
  biasInit: initializerSchema.default({ name: 'zeros' }),
};

export const WEIGHT_OPTIONS: readonly OptionKind[] = ['activation', 'kernelInit', 'biasInit'];

/** The weight fields of a new layer (its activation is then set by its place). */
export function newWeights(): WeightedLayerFields {
  return { activation: 'relu', kernelInit: { ...DEFAULT_KERNEL_INIT }, biasInit: { ...DEFAULT_BIAS_INIT } };
}

export function completeWeights<L extends WeightedLayerFields>(layer: L, place: Place, units: number): L {
  return { ...layer, activation: layer.activation ?? defaultActivation(place, units) };
}

/** The activation follows the place's default when the text would leave it out (no alpha written either). */
export function weightsFollowDefaults(layer: WeightedLayerFields, place: Place, units: number): boolean {
  return layer.alpha === undefined && layer.activation === defaultActivation(place, units);
}

export function resetWeightDefaults(layer: WeightedLayerFields, place: Place, units: number): void {
  layer.activation = defaultActivation(place, units);
  delete layer.alpha;
}

/** Applies an activation or initializer option; other options are the kind's own. */
export function applyWeightOption(layer: WeightedLayerFields, option: Option): void {
  if (option.kind === 'activation') {
    layer.activation = option.activation;
    if (option.alpha !== undefined) layer.alpha = option.alpha;
    else delete layer.alpha;
  }
  if (option.kind === 'kernelInit') layer.kernelInit = option.init;
  if (option.kind === 'biasInit') layer.biasInit = option.init;
}

/** Activation and initializer tokens, each only when it differs from what leaving it out gives. */
export function weightTokens(layer: WeightedLayerFields, place: Place, units: number): string[] {
  return [
    activationToken(layer, defaultActivation(place, units)),
    initializerToken(layer.kernelInit) === initializerToken(DEFAULT_KERNEL_INIT) ? '' : initializerToken(layer.kernelInit),
    initializerToken(layer.biasInit) === initializerToken(DEFAULT_BIAS_INIT) ? '' : `BIAS-${initializerToken(layer.biasInit)}`,
  ];
}

/** '' for the default activation; an explicit alpha is always written, so that a round trip keeps it. */
function activationToken(layer: WeightedLayerFields, fallback: ActivationName): string {
  const alpha = defaultAlpha(layer.activation) !== undefined && layer.alpha !== undefined ? formatNumber(layer.alpha) : '';
  if (layer.activation === fallback && alpha === '') return '';
  return ACTIVATION_TABLE[layer.activation].words[0] + alpha;
}

/** Joins tokens, leaving out the empty ones. */
export const joinTokens = (tokens: readonly string[]) => tokens.filter((token) => token !== '').join(' ');
