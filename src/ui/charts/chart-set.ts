// The panel's charts and what feeds each, kept outside Svelte's reactivity: Chart.js instances and
// their series must never become $state proxies. Charts may be added before or after the panel
// subscribes to training events; a chart added late is filled from the history at once.
import {
  createAccuracyChart,
  createLayerChart,
  createLossChart,
  feedAccuracy,
  feedLayers,
  feedLoss,
  LAYER_METRICS,
  type LayerMetric,
  type MetricChart,
  type RunInfo,
} from '../../charts';
import type { TrainEvent } from '../../core/events';

export interface ChartSpec {
  id: string;
  /** Names the chart in button labels and file names. */
  label: string;
  create: (canvas: HTMLCanvasElement) => MetricChart;
  feed: (chart: MetricChart, event: TrainEvent) => number;
}

const layerSpec = (metric: LayerMetric): ChartSpec => ({
  id: metric,
  label: LAYER_METRICS[metric].title,
  create: (canvas) => createLayerChart(canvas, metric),
  feed: (chart, event) => feedLayers(chart, event, metric),
});

export const CHART_SPECS: readonly ChartSpec[] = [
  { id: 'loss', label: 'Loss', create: (canvas) => createLossChart(canvas), feed: feedLoss },
  { id: 'accuracy', label: 'Accuracy', create: (canvas) => createAccuracyChart(canvas), feed: feedAccuracy },
  layerSpec('gradNorm'),
  layerSpec('deadFraction'),
  layerSpec('distinctUnits'),
];

export class ChartSet {
  private readonly charts = new Map<string, { spec: ChartSpec; chart: MetricChart }>();
  private runs: RunInfo[] = [];
  private perEpoch: number | null = null;

  /** `history` gives every event so far, to fill a chart added mid-training. */
  constructor(private readonly history: () => readonly TrainEvent[]) {}

  /** Takes ownership of the chart; the returned function removes and destroys it. */
  add(spec: ChartSpec, chart: MetricChart): () => void {
    this.charts.get(spec.id)?.chart.destroy();
    this.charts.set(spec.id, { spec, chart });
    chart.setRuns(this.runs);
    chart.setStepsPerEpoch(this.perEpoch);
    for (const event of this.history()) spec.feed(chart, event);
    return () => {
      if (this.charts.get(spec.id)?.chart === chart) this.charts.delete(spec.id);
      chart.destroy();
    };
  }

  get(id: string): MetricChart | undefined {
    return this.charts.get(id)?.chart;
  }

  setRuns(runs: readonly RunInfo[]): void {
    this.runs = runs.map((r) => ({ ...r }));
    for (const { chart } of this.charts.values()) chart.setRuns(this.runs);
  }

  /** Steps per epoch of the trained runs (null when they differ): every chart shows epochs beside steps. */
  setStepsPerEpoch(steps: number | null): void {
    this.perEpoch = steps;
    for (const { chart } of this.charts.values()) chart.setStepsPerEpoch(steps);
  }

  /** A new training: every series goes. */
  reset(runs: readonly RunInfo[]): void {
    for (const { chart } of this.charts.values()) chart.clear();
    this.setRuns(runs);
  }

  feed(events: readonly TrainEvent[]): void {
    for (const { spec, chart } of this.charts.values()) {
      for (const event of events) spec.feed(chart, event);
    }
  }
}
