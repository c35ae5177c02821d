// Layer specifications: the plain-data description of a network.
// Everything here is JSON-serialisable so that it can live in an experiment document,
// a share link or a worker message. Nothing here imports tfjs.

export const ACTIVATIONS = ['linear', 'relu', 'leaky-relu', 'elu', 'tanh', 'sigmoid', 'softmax'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/** Default slope of leaky ReLU for negative inputs, and ELU's alpha. */
export const DEFAULT_ALPHA: Record<'leaky-relu' | 'elu', number> = { 'leaky-relu': 0.01, elu: 1 };

export const PARAMETERLESS_INITIALIZERS = [
  'zeros',
  'glorot-normal',
  'glorot-uniform',
  'he-normal',
  'he-uniform',
  'lecun-normal',
] as const;

export type InitializerSpec =
  | { name: (typeof PARAMETERLESS_INITIALIZERS)[number] }
  | { name: 'constant'; value: number }
  /** Uniform on [-limit, limit]. */
  | { name: 'uniform'; limit: number }
  /** Normal with mean 0 and the given standard deviation (not truncated). */
  | { name: 'normal'; stddev: number };

export type InitializerName = InitializerSpec['name'];
export const INITIALIZER_NAMES: readonly InitializerName[] = [
  ...PARAMETERLESS_INITIALIZERS,
  'constant',
  'uniform',
  'normal',
];

/** Fields shared by the layers that own a weight matrix (dense and conv). */
export interface WeightedLayerFields {
  activation: ActivationName;
  /** Negative slope for leaky-relu, alpha for elu; ignored by other activations. */
  alpha?: number;
  kernelInit: InitializerSpec;
  biasInit: InitializerSpec;
}

/** A dense layer after an image-shaped tensor flattens it first (the notation writes no FLATTEN). */
export interface DenseSpec extends WeightedLayerFields {
  type: 'dense';
  units: number;
}

export interface Conv2dSpec extends WeightedLayerFields {
  type: 'conv2d';
  filters: number;
  kernelSize: number;
  stride: number;
  /** 'same' keeps the spatial size at stride 1 (TensorFlow's rule: out = ceil(in / stride)); a number pads every side. */
  padding: 'same' | number;
}

export interface MaxPoolSpec {
  type: 'maxpool';
  poolSize: number;
  stride: number;
}

export interface FlattenSpec {
  type: 'flatten';
}

export interface DropoutSpec {
  type: 'dropout';
  /** Probability of dropping a unit during training, in [0, 1). */
  rate: number;
}

export interface BatchNormSpec {
  type: 'batchnorm';
  /** Moving-average momentum of the inference statistics. */
  momentum: number;
  epsilon: number;
}

export type LayerSpec = DenseSpec | Conv2dSpec | MaxPoolSpec | FlattenSpec | DropoutSpec | BatchNormSpec;
export type LayerType = LayerSpec['type'];

export interface ModelSpec {
  /** [features] for flat input, [height, width, channels] for images. */
  input: number[];
  layers: LayerSpec[];
}

export const DEFAULT_BATCHNORM = Object.freeze({ momentum: 0.99, epsilon: 1e-3 });
export const DEFAULT_KERNEL_INIT: Readonly<InitializerSpec> = Object.freeze({ name: 'glorot-uniform' });
export const DEFAULT_BIAS_INIT: Readonly<InitializerSpec> = Object.freeze({ name: 'zeros' });

export function hasWeights(layer: LayerSpec): layer is DenseSpec | Conv2dSpec {
  return layer.type === 'dense' || layer.type === 'conv2d';
}
