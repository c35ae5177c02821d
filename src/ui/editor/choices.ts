// The editor's menus, each from the table that owns the fact: tasks from core/tasks.ts, the data
// fields' choices from core/data-fields.ts, optimizers and losses from core/fields.ts, activations
// and initializers from their tables, layer kinds from the registry.
import { TASKS, type Task } from '../../core/experiment-types';
import { TASK_INFO } from '../../core/tasks';
import { LOSS_CHOICES as LOSSES, OPTIMIZERS, type OptimizerName } from '../../core/fields';
import { INITIALIZER_MENU } from '../../core/initializers';
import { ACTIVATION_TABLE, LAYER_KINDS, type ActivationName, type LayerType } from '../../core/layers';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

export const TASK_CHOICES: Choice<Task>[] = TASKS.map((value) => ({ value, label: TASK_INFO[value].label }));

export const OPTIMIZER_CHOICES: Choice<OptimizerName>[] = (Object.keys(OPTIMIZERS) as OptimizerName[]).map((value) => ({ value, label: OPTIMIZERS[value].label }));

export const LOSS_CHOICES = LOSSES;

export const ACTIVATION_CHOICES: Choice<ActivationName>[] = (Object.keys(ACTIVATION_TABLE) as ActivationName[]).map((value) => ({ value, label: ACTIVATION_TABLE[value].label }));

export const INITIALIZER_CHOICES = INITIALIZER_MENU;

export const LAYER_CHOICES: Choice<LayerType>[] = LAYER_KINDS.map((kind) => ({ value: kind.type, label: kind.label }));
