// The editor's menus: the document's enumerations with the words shown for them, and which
// hyperparameters each optimizer has (the same names and defaults as the schema).
import type { DataOrder, LossName, OptimizerName, OptimizerSpec, Task, XorPoints } from '../../core/experiment-types';
import type { ActivationName, InitializerName, LayerType } from '../../core/layers';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

export const TASK_CHOICES: Choice<Task>[] = [
  { value: 'xor', label: 'XOR' },
  { value: 'mnist', label: 'MNIST digits' },
];

export const XOR_POINT_CHOICES: Choice<XorPoints>[] = [
  { value: 'table', label: 'truth table' },
  { value: 'cloud', label: 'noisy cloud' },
];

export const ORDER_CHOICES: Choice<DataOrder>[] = [
  { value: 'shuffled', label: 'shuffled' },
  { value: 'by-class', label: 'by class' },
  { value: 'one-class-first', label: 'one class first' },
];

export const OPTIMIZER_CHOICES: Choice<OptimizerName>[] = [
  { value: 'sgd', label: 'SGD' },
  { value: 'momentum', label: 'Momentum' },
  { value: 'nesterov', label: 'Nesterov' },
  { value: 'adagrad', label: 'AdaGrad' },
  { value: 'rmsprop', label: 'RMSProp' },
  { value: 'adam', label: 'Adam' },
];

export const LOSS_CHOICES: Choice<LossName>[] = [
  { value: 'softmax-cross-entropy', label: 'cross-entropy' },
  { value: 'hinge', label: 'hinge (SVM)' },
  { value: 'mse', label: 'squared error' },
];

export const ACTIVATION_CHOICES: Choice<ActivationName>[] = [
  { value: 'relu', label: 'ReLU' },
  { value: 'leaky-relu', label: 'leaky ReLU' },
  { value: 'elu', label: 'ELU' },
  { value: 'tanh', label: 'tanh' },
  { value: 'sigmoid', label: 'sigmoid' },
  { value: 'softmax', label: 'softmax' },
  { value: 'linear', label: 'linear' },
];

export const INITIALIZER_CHOICES: Choice<InitializerName>[] = [
  { value: 'glorot-uniform', label: 'Xavier uniform' },
  { value: 'glorot-normal', label: 'Xavier normal' },
  { value: 'he-normal', label: 'He normal' },
  { value: 'he-uniform', label: 'He uniform' },
  { value: 'lecun-normal', label: 'LeCun normal' },
  { value: 'zeros', label: 'zeros' },
  { value: 'constant', label: 'constant' },
  { value: 'uniform', label: 'uniform ±limit' },
  { value: 'normal', label: 'normal (stddev)' },
];

export const LAYER_CHOICES: Choice<LayerType>[] = [
  { value: 'dense', label: 'FC (dense)' },
  { value: 'conv2d', label: 'CONV (convolution)' },
  { value: 'maxpool', label: 'POOL (max-pooling)' },
  { value: 'dropout', label: 'DROPOUT' },
  { value: 'batchnorm', label: 'BN (batch norm)' },
  { value: 'flatten', label: 'FLATTEN' },
];

export const LAYER_WORDS: Record<LayerType, string> = {
  dense: 'FC',
  conv2d: 'CONV',
  maxpool: 'POOL',
  dropout: 'DROPOUT',
  batchnorm: 'BN',
  flatten: 'FLATTEN',
};

export type HyperKey = 'learningRate' | 'momentum' | 'decay' | 'beta1' | 'beta2' | 'epsilon' | 'initialAccumulator';

const LABELS: Record<HyperKey, string> = {
  learningRate: 'Learning rate',
  momentum: 'Momentum',
  decay: 'Decay',
  beta1: 'Beta 1',
  beta2: 'Beta 2',
  epsilon: 'Epsilon',
  initialAccumulator: 'Initial accumulator',
};

const KEYS: Record<OptimizerName, HyperKey[]> = {
  sgd: ['learningRate'],
  momentum: ['learningRate', 'momentum'],
  nesterov: ['learningRate', 'momentum'],
  adagrad: ['learningRate', 'initialAccumulator'],
  rmsprop: ['learningRate', 'decay', 'momentum', 'epsilon'],
  adam: ['learningRate', 'beta1', 'beta2', 'epsilon'],
};

/** The hyperparameter fields of one optimizer, in the order the docs list them. */
export function hyperparameters(name: OptimizerName): { key: HyperKey; label: string }[] {
  return (KEYS[name] ?? []).map((key) => ({ key, label: LABELS[key] }));
}

// The optimizer spec is a union by name; these two read and write the fields that `hyperparameters` listed for it.
export const getHyper = (spec: OptimizerSpec, key: HyperKey): number => (spec as unknown as Record<HyperKey, number>)[key];
export const setHyper = (spec: OptimizerSpec, key: HyperKey, value: number): void => {
  (spec as unknown as Record<HyperKey, number>)[key] = value;
};
