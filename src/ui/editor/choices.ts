// The editor's menus. The data panel's enumerations get their words here; every other menu comes
// from the table that owns the fact (optimizers and losses from core/fields.ts, activations and
// initializers from their tables, layer kinds from the registry).
import type { DataOrder, Task, XorPoints } from '../../core/experiment-types';
import { LOSS_CHOICES as LOSSES, OPTIMIZERS, type OptimizerName } from '../../core/fields';
import { INITIALIZER_MENU } from '../../core/initializers';
import { ACTIVATION_TABLE, LAYER_KINDS, type ActivationName, type LayerType } from '../../core/layers';

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

export const OPTIMIZER_CHOICES: Choice<OptimizerName>[] = (Object.keys(OPTIMIZERS) as OptimizerName[]).map((value) => ({ value, label: OPTIMIZERS[value].label }));

export const LOSS_CHOICES = LOSSES;

export const ACTIVATION_CHOICES: Choice<ActivationName>[] = (Object.keys(ACTIVATION_TABLE) as ActivationName[]).map((value) => ({ value, label: ACTIVATION_TABLE[value].label }));

export const INITIALIZER_CHOICES = INITIALIZER_MENU;

export const LAYER_CHOICES: Choice<LayerType>[] = LAYER_KINDS.map((kind) => ({ value: kind.type, label: kind.label }));
