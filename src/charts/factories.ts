// The charts the app's panels show, configured once here so every panel labels them alike.
import type { LayerStats } from '../core/events';
import { formatPercent } from './format';
import { MetricChart, type MetricChartOptions, type YScale } from './metric-chart';

/** What a caller may still change per panel. */
export type ChartOverrides = Partial<Pick<MetricChartOptions, 'title' | 'yScale' | 'maxPointsPerSeries' | 'minUpdateIntervalMs' | 'clock'>>;

export const TRAIN = 'train';
export const TEST = 'test';

/** Loss of training batches and of the test set, per run; linear by default, log on request. */
export function createLossChart(canvas: HTMLCanvasElement, overrides: ChartOverrides = {}): MetricChart {
  return new MetricChart(canvas, { title: 'Loss', yLabel: 'loss', keys: [TRAIN, TEST], ...overrides });
}

/** Accuracy of training batches and of the test set, per run, on a fixed 0..1 axis. */
export function createAccuracyChart(canvas: HTMLCanvasElement, overrides: ChartOverrides = {}): MetricChart {
  return new MetricChart(canvas, {
    title: 'Accuracy',
    yLabel: 'accuracy',
    keys: [TRAIN, TEST],
    yMin: 0,
    yMax: 1,
    formatValue: formatPercent,
    ...overrides,
  });
}

/** The per-layer statistics a layer chart can plot (numeric fields of LayerStats). */
export type LayerMetric = 'gradNorm' | 'weightNorm' | 'deadFraction' | 'distinctUnits' | 'activationMean' | 'activationStd';

interface LayerMetricSpec {
  title: string;
  yLabel: string;
  yScale: YScale;
  yMin?: number;
  yMax?: number;
  formatValue?: (v: number) => string;
}

// Gradient and weight norms span orders of magnitude across layers (vanishing gradients are the
// point of the lesson), so they default to a log axis; fractions get a fixed 0..1 axis so that
// "half the units are dead" looks the same on every run.
export const LAYER_METRICS: Readonly<Record<LayerMetric, LayerMetricSpec>> = Object.freeze({
  gradNorm: { title: 'Gradient norm per layer', yLabel: '‖∇‖ (L2)', yScale: 'logarithmic' },
  weightNorm: { title: 'Weight norm per layer', yLabel: '‖W‖ (L2)', yScale: 'logarithmic' },
  deadFraction: { title: 'Dead units per layer', yLabel: 'fraction dead', yScale: 'linear', yMin: 0, yMax: 1, formatValue: formatPercent },
  distinctUnits: { title: 'Distinct units per layer', yLabel: 'distinct units', yScale: 'linear', yMin: 0 },
  activationMean: { title: 'Activation mean per layer', yLabel: 'mean activation', yScale: 'linear' },
  activationStd: { title: 'Activation std per layer', yLabel: 'activation std', yScale: 'linear', yMin: 0 },
});

/** One line per run per layer; colour is the run, dash is the layer. */
export function createLayerChart(canvas: HTMLCanvasElement, metric: LayerMetric, overrides: ChartOverrides = {}): MetricChart {
  const spec = LAYER_METRICS[metric];
  if (!spec) throw new Error(`unknown layer metric: ${String(metric)}`);
  return new MetricChart(canvas, { ...spec, ...overrides });
}

/**
 * The series key of a layer: its summary-table row plus its label, since two layers can share a
 * label (FC-100, FC-100) but never a row.
 */
export function layerKey(stats: Pick<LayerStats, 'layer' | 'label'>): string {
  return `L${stats.layer} ${stats.label}`;
}
