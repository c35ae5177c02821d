// The charts' public surface for the app. Importing this module pulls in Chart.js; the pure helpers
// (series, colours, formats, feed, axis rules, layouts) can also be imported from their own files.
export { MetricChart, type MetricChartOptions, type RunInfo, type SeriesInput, type YScale } from './metric-chart';
export { ChartGroup, type AxisSpec } from './chart-group';
export { LayerSet, LINE_KEY, type LayerSetOptions } from './layer-set';
export {
  createAccuracyChart,
  createLayerChart,
  createLossChart,
  createMetricChart,
  isLayerMetric,
  isMetricKind,
  GAP,
  LAYER_METRICS,
  METRIC_KINDS,
  TEST,
  TRAIN,
  type ChartOverrides,
  type ChartSpec,
  type LayerMetric,
  type MetricKind,
} from './factories';
export { FEEDS, feedAccuracy, feedDivergence, feedGap, feedLoss, type DivergenceSink, type SeriesSink } from './feed';
export { Series, decimateMinMax, DEFAULT_MAX_POINTS, type ColumnInput, type Point, type ViewOptions } from './series';
export { assignColorIndices, depthColor, runColor, seriesDash, RUN_PALETTE, LINE_DASHES, SOLID, DASHED } from './run-colors';
export { formatPercent, formatStep, formatTick, formatValue, uniqueTickLabels } from './format';
export { canvasToPNG, chartsToPNG, type ExportPanel } from './png';
export { FrameThrottle, type FrameClock } from './frame-throttle';
export { DEFAULT_SMOOTHING, MAX_SMOOTHING, clampSmoothing, emaDebiased } from './smoothing';
export { legendEntries, toggled, type LegendEntry } from './legend';
export { layoutLayers, type GroupBy, type LayerGroup, type LayerLayout, type LayerPick } from './layer-groups';
export type { ReadoutRow } from './readout';
export type { Scale } from './axis-range';
