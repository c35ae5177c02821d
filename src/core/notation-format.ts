// ModelSpec -> course notation (see docs/notation.md). Canonical form: upper-case keywords, options in
// the order stride, padding, activation, kernel initializer, bias initializer, and no option that
// equals its default, so that "INPUT 28x28x1, CONV5-8, POOL2, FC-10" formats to itself.
// Kept apart from the parser so that summary.ts can name layers without importing the parser,
// which itself imports summary.ts for shape checks.
import {
  DEFAULT_BIAS_INIT,
  DEFAULT_KERNEL_INIT,
  type ActivationName,
  type Conv2dSpec,
  type DenseSpec,
  type InitializerSpec,
  type LayerSpec,
  type ModelSpec,
} from './layers';

/**
 * The activation a CONV or FC gets when the text names none. The model's last FC produces the
 * output, so it defaults to probabilities: softmax over several units, the logistic for one unit.
 */
export function defaultActivation(layer: DenseSpec | Conv2dSpec, isLastDense: boolean): ActivationName {
  if (layer.type !== 'dense' || !isLastDense) return 'relu';
  return layer.units > 1 ? 'softmax' : 'sigmoid';
}

/** Index in `layers` of the last dense layer (the one with output defaults), or -1. */
export function lastDenseIndex(layers: readonly LayerSpec[]): number {
  return layers.map((layer) => layer.type).lastIndexOf('dense');
}

export function formatNotation(model: ModelSpec): string {
  const last = lastDenseIndex(model.layers);
  const layers = model.layers.map((layer, i) => layerToNotation(layer, i === last));
  return [inputToNotation(model.input), ...layers].join(', ');
}

export function inputToNotation(input: readonly number[]): string {
  return `INPUT ${input.join('x')}`;
}

/**
 * One layer's canonical text. `isLast` must be true for the model's last dense layer (see
 * lastDenseIndex), even if dropout follows it: its default activation is softmax or sigmoid, not relu.
 */
export function layerToNotation(layer: LayerSpec, isLast = false): string {
  switch (layer.type) {
    case 'conv2d':
      return join([
        `CONV${layer.kernelSize}-${layer.filters}`,
        layer.stride !== 1 ? `S${layer.stride}` : '',
        layer.padding !== 'same' ? `P${layer.padding}` : '',
        ...weightTokens(layer, isLast),
      ]);
    case 'dense':
      return join([`FC-${layer.units}`, ...weightTokens(layer, isLast)]);
    case 'maxpool':
      return join([`POOL${layer.poolSize}`, layer.stride !== layer.poolSize ? `S${layer.stride}` : '']);
    case 'flatten':
      return 'FLATTEN';
    case 'dropout':
      return `DROPOUT${formatNumber(layer.rate)}`;
    case 'batchnorm':
      // The notation has no momentum or epsilon: BN always means DEFAULT_BATCHNORM.
      return 'BN';
  }
}

const join = (tokens: string[]) => tokens.filter((token) => token !== '').join(' ');

function weightTokens(layer: DenseSpec | Conv2dSpec, isLast: boolean): string[] {
  return [
    activationToken(layer, defaultActivation(layer, isLast)),
    sameInitializer(layer.kernelInit, DEFAULT_KERNEL_INIT) ? '' : initializerToken(layer.kernelInit),
    sameInitializer(layer.biasInit, DEFAULT_BIAS_INIT) ? '' : `BIAS-${initializerToken(layer.biasInit)}`,
  ];
}

const ACTIVATION_TOKENS: Record<ActivationName, string> = {
  linear: 'LINEAR',
  relu: 'RELU',
  'leaky-relu': 'LRELU',
  elu: 'ELU',
  tanh: 'TANH',
  sigmoid: 'SIGMOID',
  softmax: 'SOFTMAX',
};

/** '' for the default activation; an explicit alpha is always written, so that a round trip keeps it. */
function activationToken(layer: DenseSpec | Conv2dSpec, fallback: ActivationName): string {
  const takesAlpha = layer.activation === 'leaky-relu' || layer.activation === 'elu';
  const alpha = takesAlpha && layer.alpha !== undefined ? formatNumber(layer.alpha) : '';
  if (layer.activation === fallback && alpha === '') return '';
  return ACTIVATION_TOKENS[layer.activation] + alpha;
}

const INITIALIZER_TOKENS = {
  zeros: 'ZEROS',
  'glorot-normal': 'XAVIER',
  'glorot-uniform': 'XAVIER-UNIFORM',
  'he-normal': 'HE',
  'he-uniform': 'HE-UNIFORM',
  'lecun-normal': 'LECUN',
} as const;

export function initializerToken(init: InitializerSpec): string {
  switch (init.name) {
    case 'constant':
      return `CONST${formatNumber(init.value)}`;
    case 'uniform':
      return `UNIFORM${formatNumber(init.limit)}`;
    case 'normal':
      return `NORMAL${formatNumber(init.stddev)}`;
    default:
      return INITIALIZER_TOKENS[init.name];
  }
}

function sameInitializer(a: InitializerSpec, b: InitializerSpec): boolean {
  return initializerToken(a) === initializerToken(b);
}

/** JavaScript's shortest text that reads back as the same number (0.1, 1e-7, -0.5). */
function formatNumber(value: number): string {
  return String(value);
}
