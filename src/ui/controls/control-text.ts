// Choices and wording of the training controls, kept out of the component so it stays short.
import { MAX_STEPS } from '../../core/experiment-schema';
import type { Interruption, TrainingStatus } from '../../state/training-status';
import { sharedStepsPerEpoch, type ExperimentDoc } from '../../core/experiment';

/** Steps per second offered; null trains as fast as the device can. */
export const SPEEDS: readonly (number | null)[] = [1, 5, 20, 100, null];

export const speedLabel = (speed: number | null) => (speed === null ? 'max' : `${speed} steps/s`);

export type Budget = { ok: true; steps: number | undefined } | { ok: false; message: string };

/** The step budget field: empty means each run's own steps. */
export function parseBudget(value: number | null | undefined): Budget {
  if (value === null || value === undefined || Number.isNaN(value)) return { ok: true, steps: undefined };
  if (!Number.isInteger(value) || value < 1 || value > MAX_STEPS) {
    return { ok: false, message: `the step budget must be a whole number from 1 to ${MAX_STEPS.toLocaleString('en-US')}` };
  }
  return { ok: true, steps: value };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} kB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

const STATUS: Record<TrainingStatus, string> = {
  idle: 'Ready to train',
  loading: 'Loading MNIST…',
  ready: 'At the initial weights',
  training: 'Training',
  paused: 'Paused',
  finished: 'Finished',
  interrupted: 'Interrupted',
  error: 'Stopped by an error',
};

/** One line: what is happening and how far it got. */
export function statusText(status: TrainingStatus, step: number, total: number | null, stopped: boolean): string {
  if (status === 'finished' && stopped) return `Stopped at step ${step.toLocaleString('en-US')}`;
  if (status === 'interrupted') return `Interrupted at step ${step.toLocaleString('en-US')}${total ? ` of ${total.toLocaleString('en-US')}` : ''}`;
  const base = STATUS[status];
  if (status !== 'training' && status !== 'paused' && status !== 'finished' && status !== 'ready') return base;
  const of = total ? ` of ${total.toLocaleString('en-US')}` : '';
  return `${base} · step ${step.toLocaleString('en-US')}${of}`;
}

/** What the interruption offers to do: where Continue goes on from (the earliest run's kept step). */
export function interruptionText(i: Interruption): { message: string; continueLabel: string } {
  const from = Math.min(...i.resumable.map((r) => r.step));
  const message = `Training stopped at step ${i.step.toLocaleString('en-US')}: ${i.reason}. The curves so far are kept.${i.restored ? ' The GPU is available again.' : ''}`;
  return { message, continueLabel: `Continue from step ${Number.isFinite(from) ? from.toLocaleString('en-US') : 0}` };
}

/**
 * " · epoch 2.4 of 10" beside the steps, when a run of the trained document is given in epochs and every
 * run has the same epoch length (runs with different batch sizes count epochs differently).
 */
export function epochText(doc: ExperimentDoc | null, status: TrainingStatus, step: number, total: number): string {
  // Only for documents that speak in epochs: a step count is the whole story of the others.
  if (!doc || !doc.runs.some((r) => r.training.epochs !== null) || !['training', 'paused', 'finished', 'ready'].includes(status)) return '';
  const perEpoch = sharedStepsPerEpoch(doc);
  if (perEpoch === null) return '';
  const epochs = (n: number) => (n / perEpoch).toLocaleString('en-US', { maximumFractionDigits: 1 });
  return ` · epoch ${epochs(step)}${total ? ` of ${epochs(total)}` : ''}`;
}
