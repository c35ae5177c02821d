// Where training stands, as the page's controls read it, and what each state allows.

/**
 * idle: nothing built. loading: the data is on its way. ready: Reset rebuilt the runs at their
 * initial weights (step 0), waiting for Train. training, paused. finished: done, diverged or stopped.
 * interrupted: the GPU's context was lost; the curves stay, and training may continue (see Interruption).
 */
export type TrainingStatus = 'idle' | 'loading' | 'ready' | 'training' | 'paused' | 'finished' | 'interrupted' | 'error';

/** Why training stopped without finishing, and where each run can go on from. */
export interface Interruption {
  /** A sentence without the step: "the GPU's WebGL context was lost (...)". */
  reason: string;
  /** The furthest step reached before it. */
  step: number;
  /** Each run's step whose weights the session kept; a run not listed would start again at 0. */
  resumable: readonly { run: string; step: number }[];
  /** The browser has given the GPU back since. */
  restored: boolean;
}

/** Something is under way: the editor and the backend menu wait. */
export const isBusy = (s: TrainingStatus): boolean => s === 'loading' || s === 'training' || s === 'paused';

/** Pause, Step and the speed apply. */
export const isRunning = (s: TrainingStatus): boolean => s === 'training' || s === 'paused';

/** The session holds networks the views may ask about. */
export const holdsNetworks = (s: TrainingStatus): boolean => s === 'ready' || s === 'training' || s === 'paused' || s === 'finished';
