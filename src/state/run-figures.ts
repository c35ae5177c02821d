// One run's figures as the page shows them while it trains and after: the latest step's loss and
// accuracy, the latest evaluation, the timings, and how it ended. Folded from the session's events.
import type { DoneEvent, TrainEvent } from '../core/events';

/** The figures a done event closes with, as they stand so far (its field docs say what each is). */
export interface RunLive extends Pick<DoneEvent, 'loss' | 'accuracy' | 'testLoss' | 'testAccuracy' | 'msPerStep' | 'msPerInference' | 'examplesPerSecond' | 'reason'> {
  /** The latest step trained. */
  step: number;
  /** The step at which the loss stopped being a finite number, or null. */
  divergedAt: number | null;
}

/** One run of the trained document with its figures, in the document's order: what tables list. */
export interface RunRow extends RunLive {
  name: string;
  color: string;
  /** 1 for the runs of the first stack, and so on; runs of one stack share their kernels (and their ms/step). */
  stack: number;
  /** How many runs that stack trains. */
  stackSize: number;
}

/** A run before its first step. */
export const emptyRun = (): RunLive => ({
  step: 0,
  loss: NaN,
  accuracy: NaN,
  testLoss: NaN,
  testAccuracy: NaN,
  msPerStep: NaN,
  msPerInference: NaN,
  examplesPerSecond: NaN,
  divergedAt: null,
  reason: null,
});

/** Folds one of the run's events into its figures, setting only the fields the event changes. */
export function foldEvent(live: RunLive, e: TrainEvent): void {
  switch (e.type) {
    case 'metrics':
      Object.assign(live, { step: e.step, loss: e.loss, accuracy: e.accuracy });
      break;
    case 'eval':
      Object.assign(live, { testLoss: e.testLoss, testAccuracy: e.testAccuracy });
      break;
    case 'timing':
      Object.assign(live, { msPerStep: e.msPerStep, msPerInference: e.msPerInference, examplesPerSecond: e.examplesPerSecond });
      break;
    case 'done':
      live.reason = e.reason;
      // The run's figures become its medians (warm-up left out), steadier than the last chunk's.
      if (Number.isFinite(e.msPerStep)) Object.assign(live, { msPerStep: e.msPerStep, msPerInference: e.msPerInference, examplesPerSecond: e.examplesPerSecond });
      break;
    case 'diverged':
      live.divergedAt = e.step;
      break;
    case 'layers':
      break; // the controller keeps each run's latest layers apart: they are replaced whole
  }
}
