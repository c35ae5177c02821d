// The charts' public surface for the app. Importing this module pulls in Chart.js; the pure helpers
// (series, colours, formats, feed) can also be imported from their own files without it.
export { MetricChart, type MetricChartOptions, type RunInfo, type SeriesInput, type YScale } from './metric-chart';
export {
  createAccuracyChart,
  createLayerChart,
  createLossChart,
  layerKey,
  LAYER_METRICS,
  TEST,
  TRAIN,
  type ChartOverrides,
  type LayerMetric,
} from './factories';
export { feedAccuracy, feedLayers, feedLoss, type SeriesSink } from './feed';
export { Series, decimateMinMax, DEFAULT_MAX_POINTS, type ColumnInput, type Point, type ViewOptions } from './series';
export { assignColorIndices, runColor, seriesDash, RUN_PALETTE, LINE_DASHES, SOLID, DASHED } from './run-colors';
export { formatPercent, formatStep, formatTick, formatValue } from './format';
export { canvasToPNG } from './png';
export { FrameThrottle, type FrameClock } from './frame-throttle';
