// What the chart components share: their sizes, the runs of the training shown, and the chart
// kinds a stage or lesson may ask for. Plain data; no Chart.js here.
import type { RunInfo } from '../../charts/metric-chart';
import type { GroupBy, LayerPick } from '../../charts/layer-groups';
import { isLayerMetric, isMetricKind, type LayerMetric, type MetricKind } from '../../charts/factories';
import { sharedStepsPerEpoch } from '../../core/data-rules';
import type { TrainingController } from '../../state/training.svelte';

export type ChartSize = 'normal' | 'large';
/** Every chart a panel can draw: a per-run metric or a per-layer statistic. */
export type ChartKind = MetricKind | LayerMetric;

/** A lesson's (or the stage's) wishes for one chart; the user's controls still win. */
export interface ChartConfig {
  /** true: log axis, false: linear; absent: log where the values span decades. */
  logScale?: boolean;
  /** Per-layer charts: small multiples by layer or by run (default: whichever reads best). */
  groupBy?: GroupBy | 'auto';
  /** Per-layer charts: one layer only ('first hidden', 'output', 2...), as one chart. */
  layer?: LayerPick;
  /** distinctUnits and deadFraction: a meter per run at the latest step instead of a chart. */
  meter?: boolean;
  title?: string;
}

// Heights of the plot (canvas) in CSS pixels, and chart text relative to the page's chart font.
// A large chart is the stage's headline (or presentation mode): taller plots, larger ticks.
export const SIZES: Readonly<Record<ChartSize, { plot: number; small: number; font: number }>> = Object.freeze({
  normal: { plot: 260, small: 170, font: 1 },
  large: { plot: 440, small: 250, font: 1.3 },
});

export const DEFAULT_CHARTS: readonly ChartKind[] = ['loss', 'accuracy', 'gradNorm', 'deadFraction', 'distinctUnits', 'weightNorm', 'activationStd'];

/** Checks a list of chart kinds (a lesson's data), naming the first one that is not a chart. */
export function checkChartKinds(kinds: readonly string[]): ChartKind[] {
  for (const [i, k] of kinds.entries()) {
    if (!isMetricKind(k) && !isLayerMetric(k)) throw new Error(`charts[${i}]: unknown chart kind ${JSON.stringify(k)}`);
  }
  return kinds as ChartKind[];
}

/** The runs of the training shown, in the document's order, each in its colour on every chart. */
export function runInfos(training: TrainingController): RunInfo[] {
  return (training.trainedDoc?.runs ?? []).map((run, i) => ({ id: run.name, name: run.name, colorIndex: training.runColors.get(run.name) ?? i }));
}

/** "diverged at step 13" for the legend, from the controller's run figures. */
export function divergenceNote(training: TrainingController, run: string): string | undefined {
  const at = training.runs[run]?.divergedAt;
  return at === null || at === undefined ? undefined : `diverged at step ${at}`;
}

/** Steps in one epoch of the training shown, when its runs share one (the step axis then names epochs too). */
export function stepsPerEpochOf(training: TrainingController): number | null {
  const doc = training.trainedDoc;
  const steps = doc ? sharedStepsPerEpoch(doc) : null;
  // One step per epoch (XOR's four corners in one batch): "epoch" would only repeat "step".
  return steps !== null && steps > 1 ? steps : null;
}
