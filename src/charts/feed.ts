// Engine events -> chart points. The run id used is the event's `run` field, so the app's RunInfo.id
// must be that same string. Functions take any sink with `append`, so a chart, a recorder in a test,
// or a store of Series can be fed alike; events of other types are ignored (returns 0).
import type { TrainEvent } from '../core/events';
import { GAP, RATE, TEST, TRAIN, type MetricKind } from './factories';

export interface SeriesSink {
  append(runId: string, key: string, x: number, y: number): boolean;
}

export interface DivergenceSink {
  markDiverged(runId: string, step: number): void;
}

// Events replayed from JSON have null where the engine had NaN (JSON has no NaN): a null must stay
// "not a number", never become 0 on its way into a typed array.
const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);

/** Training loss per step and test loss per evaluation. Returns the points accepted. */
export function feedLoss(sink: SeriesSink, event: TrainEvent): number {
  if (event.type === 'metrics') return Number(sink.append(event.run, TRAIN, event.step, num(event.loss)));
  if (event.type === 'eval') return Number(sink.append(event.run, TEST, event.step, num(event.testLoss)));
  return 0;
}

/** Training accuracy per step and test accuracy per evaluation. */
export function feedAccuracy(sink: SeriesSink, event: TrainEvent): number {
  if (event.type === 'metrics') return Number(sink.append(event.run, TRAIN, event.step, num(event.accuracy)));
  if (event.type === 'eval') return Number(sink.append(event.run, TEST, event.step, num(event.testAccuracy)));
  return 0;
}

/**
 * The generalisation gap per evaluation: test loss minus the training-set loss, both measured in
 * inference mode (dropout off), so that dropout's noisier per-step loss does not fake a gap.
 */
/** The learning rate each step used (the schedule applied), when the event carries it. */
export function feedLearningRate(sink: SeriesSink, event: TrainEvent): number {
  if (event.type !== 'metrics' || event.learningRate === undefined) return 0;
  return Number(sink.append(event.run, RATE, event.step, num(event.learningRate)));
}

export function feedGap(sink: SeriesSink, event: TrainEvent): number {
  if (event.type !== 'eval') return 0;
  return Number(sink.append(event.run, GAP, event.step, num(event.testLoss) - num(event.trainSetLoss)));
}

export const FEEDS: Readonly<Record<MetricKind, (sink: SeriesSink, event: TrainEvent) => number>> = Object.freeze({
  loss: feedLoss,
  accuracy: feedAccuracy,
  gap: feedGap,
  learningRate: feedLearningRate,
});

/** A run's divergence, for its marker; true if the event was one. */
export function feedDivergence(sink: DivergenceSink, event: TrainEvent): boolean {
  if (event.type !== 'diverged') return false;
  sink.markDiverged(event.run, event.step);
  return true;
}
