// Layer specifications and their kinds: the plain-data description of a network. Everything here is
// JSON-serialisable data or pure functions of it (no tfjs), so that models live in documents, share
// links and worker messages, and the page can check and summarise them on every keystroke.
export type { ActivationName } from './activations';
export { ACTIVATIONS, ACTIVATION_TABLE, activationInfo, defaultAlpha } from './activations';
export type { AvgPoolSpec } from './avgpool';
export type { BatchNormSpec } from './batchnorm';
export { DEFAULT_BATCHNORM } from './batchnorm';
export type { Conv2dSpec } from './conv2d';
export type { DenseSpec } from './dense';
export type { DropoutSpec } from './dropout';
export type { FlattenSpec } from './flatten';
export type { EditorFieldSpec, LayerKind, PatchOf, Place } from './kind';
export type { MaxPoolSpec } from './maxpool';
export type { LayerSpec, LayerType, ModelSpec, WeightedSpec } from './registry';
export { hasWeights, kindOf, LAYER_KINDS, LAYER_SYNTAX, layerSchema, outputLayerIndex, places, readLayerHead, unitsOf } from './registry';
export type { WeightedLayerFields } from './weighted';
export { defaultActivation, initializerSchema } from './weighted';
export type { InitializerName, InitializerSpec } from '../initializers';
export { DEFAULT_BIAS_INIT, DEFAULT_KERNEL_INIT, PARAMETERLESS_INITIALIZERS } from '../initializers';
