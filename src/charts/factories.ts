// The charts the app's panels show, configured once here so every panel labels them alike: the
// per-run metric charts (loss, accuracy, generalisation gap) and the per-layer statistics.
import type { Scale } from './axis-range';
import { formatPercent } from './format';
import { MetricChart, type MetricChartOptions } from './metric-chart';

/** What a caller may still change per chart. */
export type ChartOverrides = Partial<
  Pick<MetricChartOptions, 'title' | 'yScale' | 'maxPointsPerSeries' | 'minUpdateIntervalMs' | 'clock' | 'group' | 'fontScale' | 'lineLabel' | 'yLabel' | 'xLabel'>
>;

export const TRAIN = 'train';
export const TEST = 'test';
export const GAP = 'gap';
export const RATE = 'rate';

export type MetricKind = 'loss' | 'accuracy' | 'gap' | 'learningRate';

export interface ChartSpec {
  title: string;
  yLabel: string;
  yScale: Scale | 'auto';
  yMin?: number;
  yMax?: number;
  includeZero?: boolean;
  keys: readonly string[];
  /** Per-step kinds: smoothed, no dots. Sparse ones (evaluations, layer statistics) are not. */
  denseKeys: readonly string[];
  formatValue?: (v: number) => string;
  /** false: never smoothed (a value the run set, not a noisy measurement: smoothing would blur a step decay). */
  smooth?: false;
}

// Loss spans decades when a run trains well for long (2.3 down to 0.01): auto-log decides from the
// healthy runs. Accuracy is a fixed 0..1 so that 90% looks the same on every run. The gap (test loss
// minus training-set loss, both in inference mode) is sparse and may be negative early on: linear,
// with zero always in view, since its sign is the point.
export const METRIC_KINDS: Readonly<Record<MetricKind, ChartSpec>> = Object.freeze({
  loss: { title: 'Loss', yLabel: 'loss', yScale: 'auto', keys: [TRAIN, TEST], denseKeys: [TRAIN] },
  accuracy: { title: 'Accuracy', yLabel: 'accuracy', yScale: 'linear', yMin: 0, yMax: 1, keys: [TRAIN, TEST], denseKeys: [TRAIN], formatValue: formatPercent },
  gap: { title: 'Test loss − training-set loss', yLabel: 'test − train loss', yScale: 'linear', includeZero: true, keys: [GAP], denseKeys: [] },
  // The schedule's rate per step: linear from 0, so that a step decay's drop by ten reads as a cliff
  // and cosine's curve as the half-cosine it is (log would flatten both).
  learningRate: { title: 'Learning rate', yLabel: 'learning rate', yScale: 'linear', includeZero: true, keys: [RATE], denseKeys: [RATE], smooth: false },
});

/** The per-layer statistics a layer chart can plot (numeric fields of LayerStats). */
export type LayerMetric = 'gradNorm' | 'weightNorm' | 'deadFraction' | 'distinctUnits' | 'activationMean' | 'activationStd';

// Gradient and weight norms and the activation spread span orders of magnitude across layers and
// initializations (vanishing gradients are the point of two lessons): auto-log. Fractions get a
// fixed 0..1 axis so that "half the units are dead" looks the same on every run.
export const LAYER_METRICS: Readonly<Record<LayerMetric, ChartSpec>> = Object.freeze({
  gradNorm: { title: 'Gradient norm per layer', yLabel: '‖∇‖ (L2)', yScale: 'auto', keys: [], denseKeys: [] },
  weightNorm: { title: 'Weight norm per layer', yLabel: '‖W‖ (L2)', yScale: 'auto', keys: [], denseKeys: [] },
  deadFraction: { title: 'Dead units per layer', yLabel: 'fraction dead', yScale: 'linear', yMin: 0, yMax: 1, keys: [], denseKeys: [], formatValue: formatPercent },
  distinctUnits: { title: 'Distinct units per layer', yLabel: 'distinct units', yScale: 'linear', yMin: 0, keys: [], denseKeys: [] },
  activationMean: { title: 'Activation mean per layer', yLabel: 'mean activation', yScale: 'linear', keys: [], denseKeys: [] },
  activationStd: { title: 'Activation spread (std) per layer', yLabel: 'activation std', yScale: 'auto', yMin: 0, keys: [], denseKeys: [] },
});

export function isLayerMetric(kind: string): kind is LayerMetric {
  return Object.hasOwn(LAYER_METRICS, kind);
}

export function isMetricKind(kind: string): kind is MetricKind {
  return Object.hasOwn(METRIC_KINDS, kind);
}

/** The chart options of a spec, with the caller's overrides. */
export function chartOptions(spec: ChartSpec, overrides: ChartOverrides = {}): MetricChartOptions {
  return {
    title: spec.title,
    yLabel: spec.yLabel,
    yScale: spec.yScale,
    yMin: spec.yMin,
    yMax: spec.yMax,
    yIncludeZero: spec.includeZero,
    keys: spec.keys,
    denseKeys: spec.denseKeys,
    formatValue: spec.formatValue,
    ...overrides,
  };
}

export function createMetricChart(canvas: HTMLCanvasElement, kind: MetricKind, overrides: ChartOverrides = {}): MetricChart {
  const spec = METRIC_KINDS[kind];
  if (!spec) throw new Error(`unknown chart kind: ${String(kind)} (expected one of ${Object.keys(METRIC_KINDS).join(', ')})`);
  return new MetricChart(canvas, chartOptions(spec, overrides));
}

/** Loss of training batches and of the test set, per run. */
export const createLossChart = (canvas: HTMLCanvasElement, overrides: ChartOverrides = {}) => createMetricChart(canvas, 'loss', overrides);

/** Accuracy of training batches and of the test set, per run, on a fixed 0..1 axis. */
export const createAccuracyChart = (canvas: HTMLCanvasElement, overrides: ChartOverrides = {}) => createMetricChart(canvas, 'accuracy', overrides);

/** One small chart of a per-layer metric; its lines are runs or layers (see layer-groups.ts). */
export function createLayerChart(canvas: HTMLCanvasElement, metric: LayerMetric, overrides: ChartOverrides = {}): MetricChart {
  const spec = LAYER_METRICS[metric];
  if (!spec) throw new Error(`unknown layer metric: ${String(metric)} (expected one of ${Object.keys(LAYER_METRICS).join(', ')})`);
  return new MetricChart(canvas, chartOptions(spec, overrides));
}
