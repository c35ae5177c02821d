// Engine events -> chart points. The run id used is the event's `run` field, so the app's RunInfo.id
// must be that same string. Functions take any sink with `append`, so a chart, a recorder in a test,
// or a store of Series can be fed alike; events of other types are ignored (returns 0).
import type { LayerStats, TrainEvent } from '../core/events';
import { layerKey, TEST, TRAIN, type LayerMetric } from './factories';

export interface SeriesSink {
  append(runId: string, key: string, x: number, y: number): boolean;
}

/** Training loss per step and test loss per evaluation. Returns the points accepted. */
export function feedLoss(sink: SeriesSink, event: TrainEvent): number {
  if (event.type === 'metrics') return Number(sink.append(event.run, TRAIN, event.step, event.loss));
  if (event.type === 'eval') return Number(sink.append(event.run, TEST, event.step, event.testLoss));
  return 0;
}

/** Training accuracy per step and test accuracy per evaluation. */
export function feedAccuracy(sink: SeriesSink, event: TrainEvent): number {
  if (event.type === 'metrics') return Number(sink.append(event.run, TRAIN, event.step, event.accuracy));
  if (event.type === 'eval') return Number(sink.append(event.run, TEST, event.step, event.testAccuracy));
  return 0;
}

/** One point per layer of a LayersEvent, keyed by layerKey. */
export function feedLayers(
  sink: SeriesSink,
  event: TrainEvent,
  metric: LayerMetric,
  include: (stats: LayerStats) => boolean = () => true,
): number {
  if (event.type !== 'layers') return 0;
  let accepted = 0;
  for (const stats of event.layers) {
    if (include(stats) && sink.append(event.run, layerKey(stats), event.step, stats[metric])) accepted++;
  }
  return accepted;
}
