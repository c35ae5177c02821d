// The learning-rate schedule: what a run's learning rate is multiplied by at each step. A pure
// function of the step, so a stack of runs with different schedules shares its kernels (the factor
// is one per-run number a step), and a run resumed from a snapshot goes on with the same rates.
import type { TrainingSpec } from './fields';

export type ScheduleSpec = Pick<TrainingSpec, 'schedule' | 'decayEvery' | 'decayFactor'>;

/**
 * The factor of step `step` (1 for the first step) of a run of `totalSteps` steps:
 * constant 1; step decay decayFactor^floor((step − 1)/decayEvery), so the first decayEvery steps
 * use the full rate; cosine (1 + cos(π·(step − 1)/totalSteps))/2, from 1 at the first step towards 0
 * after the last (SGDR without restarts, floor 0).
 */
export function learningRateFactor(spec: ScheduleSpec, step: number, totalSteps: number): number {
  const done = Math.max(0, step - 1);
  switch (spec.schedule) {
    case 'constant':
      return 1;
    case 'step':
      return spec.decayFactor ** Math.floor(done / spec.decayEvery);
    case 'cosine':
      return (1 + Math.cos((Math.PI * Math.min(done, totalSteps)) / Math.max(1, totalSteps))) / 2;
  }
}

/** Whether the rate ever changes: a stack of constant runs skips the per-step factor entirely. */
export const isScheduled = (spec: ScheduleSpec): boolean => spec.schedule !== 'constant';

/** The schedule in words, with its numbers: the run table and the lessons say what each run did. */
export function scheduleText(spec: ScheduleSpec): string {
  switch (spec.schedule) {
    case 'constant':
      return 'constant';
    case 'step':
      return `×${spec.decayFactor} every ${spec.decayEvery} steps`;
    case 'cosine':
      return 'cosine to 0';
  }
}
