// The small multiples of one per-layer metric, kept outside any UI framework: the layers each run
// reports, one Series per (run, layer) fed from the engine's events, the layout (which small charts,
// see layer-groups.ts), and the charts attached to it, which share one axis and one redraw.
// The data is keyed by run and layer, not by chart, so a new layout (a run with other layers joins)
// loses nothing: charts are re-pointed at the same Series.
import type { LayerStats, TrainEvent } from '../core/events';
import { ChartGroup } from './chart-group';
import { createLayerChart, LAYER_METRICS, type LayerMetric } from './factories';
import type { FrameClock } from './frame-throttle';
import { layoutLayers, type GroupBy, type LayerLayout, type LayerPick, type RunLayers } from './layer-groups';
import type { MetricChart, RunInfo } from './metric-chart';
import { DASHED, depthColor, runColor } from './run-colors';
import { Series } from './series';

export const LINE_KEY = 'value';

/** By run, the output layer is dashed: the depth ramp's last two colours are close. */
export function placeDash(place: string): number[] | undefined {
  return place === 'output' ? [...DASHED] : undefined;
}

export interface LayerSetOptions {
  groupBy?: GroupBy | 'auto';
  pick?: LayerPick;
  /** Called when the small charts to draw change (a run's layers become known, runs renamed). */
  onLayout?: (layout: LayerLayout) => void;
  minUpdateIntervalMs?: number;
  clock?: FrameClock;
}

const EMPTY: LayerLayout = { groupBy: 'layer', groups: [], legend: [] };
const seriesId = (runId: string, index: number) => `${runId}\u0000${index}`;
// JSON replays carry null for NaN (see feed.ts).
const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);

export class LayerSet {
  readonly group: ChartGroup;
  private runs: RunInfo[] = [];
  private readonly structures = new Map<string, RunLayers['layers']>();
  private readonly data = new Map<string, Series>();
  private readonly diverged = new Map<string, number>();
  private readonly charts = new Map<string, { chart: MetricChart; groupId: string }>();
  private hidden = new Set<string>();
  private current: LayerLayout = EMPTY;
  private attached = 0;

  constructor(
    readonly metric: LayerMetric,
    private readonly options: LayerSetOptions = {},
  ) {
    const spec = LAYER_METRICS[metric];
    if (!spec) throw new Error(`unknown layer metric: ${String(metric)} (expected one of ${Object.keys(LAYER_METRICS).join(', ')})`);
    this.group = new ChartGroup({ preferred: spec.yScale, min: spec.yMin, max: spec.yMax, includeZero: spec.includeZero }, options);
  }

  get layout(): LayerLayout {
    return this.current;
  }

  /** The app's runs (names and colours), in legend order. */
  setRuns(runs: readonly RunInfo[]): void {
    this.runs = runs.map((r) => ({ id: String(r.id), name: String(r.name), colorIndex: Number(r.colorIndex) }));
    this.relayout();
  }

  /** Feeds events; `reset` says a new training began and every series goes first. */
  feed(events: readonly TrainEvent[], reset = false): void {
    if (reset) {
      this.structures.clear();
      this.data.clear();
      this.diverged.clear();
    }
    let structureChanged = reset;
    let appended = false;
    for (const e of events) {
      if (e.type === 'diverged') {
        this.diverged.set(e.run, e.step);
        appended = true;
      }
      if (e.type !== 'layers') continue;
      if (!this.structures.has(e.run)) {
        this.structures.set(e.run, e.layers.map((l) => ({ layer: l.layer, label: String(l.label), units: l.units })));
        structureChanged = true;
      }
      e.layers.forEach((stats: LayerStats, index) => {
        const id = seriesId(e.run, index);
        let s = this.data.get(id);
        if (!s) this.data.set(id, (s = new Series()));
        if (s.append(e.step, num(stats[this.metric]))) appended = true;
      });
    }
    if (structureChanged) this.relayout();
    else if (appended) {
      for (const { chart, groupId } of this.charts.values()) this.markDivergence(chart, groupId);
      this.group.request();
    }
  }

  /** The steps the training will run, so the step axis does not grow as it trains. */
  setStepRange(steps: number): void {
    this.group.setStepRange(steps);
  }

  /** Legend entries switched off: runs (by layer) or places (by run), across all small charts. */
  setHidden(ids: Iterable<string>): void {
    this.hidden = new Set(ids);
    for (const { chart } of this.charts.values()) chart.setHidden(this.hidden);
  }

  /** Draws the small chart of one group on a canvas; the returned function destroys it. */
  attach(groupId: string, canvas: HTMLCanvasElement, options: { fontScale?: number } = {}): { chart: MetricChart; detach: () => void } {
    this.charts.get(groupId)?.chart.destroy();
    const chart = createLayerChart(canvas, this.metric, {
      group: this.group,
      fontScale: options.fontScale,
      yLabel: '',
      xLabel: '',
      title: `${LAYER_METRICS[this.metric].title}, ${this.current.groups.find((g) => g.id === groupId)?.title ?? groupId}`,
      lineLabel: (run) => run.name,
    });
    const key = `${groupId}\u0000${this.attached++}`;
    this.charts.set(key, { chart, groupId });
    this.point(chart, groupId);
    return {
      chart,
      detach: () => {
        this.charts.delete(key);
        chart.destroy();
      },
    };
  }

  /** The charts attached now, by group id. */
  chartsByGroup(): Map<string, MetricChart> {
    return new Map([...this.charts.values()].map(({ chart, groupId }) => [groupId, chart]));
  }

  flush(): void {
    this.group.flush();
  }

  destroy(): void {
    for (const { chart } of this.charts.values()) chart.destroy();
    this.charts.clear();
    this.group.cancel();
  }

  private relayout(): void {
    const runs: RunLayers[] = this.runs.flatMap((r) => {
      const layers = this.structures.get(r.id);
      return layers ? [{ runId: r.id, runName: r.name, layers }] : [];
    });
    this.current = runs.length ? layoutLayers(runs, this.options.groupBy ?? 'auto', this.options.pick ?? 'all') : EMPTY;
    for (const { chart, groupId } of this.charts.values()) this.point(chart, groupId);
    this.options.onLayout?.(this.current);
  }

  /** Gives a chart its group's lines: names, colours and the shared Series. */
  private point(chart: MetricChart, groupId: string): void {
    const layout = this.current;
    const group = layout.groups.find((g) => g.id === groupId);
    chart.clear();
    if (!group) {
      chart.setRuns([]);
      return;
    }
    const byLayer = layout.groupBy === 'layer';
    const places = layout.legend.map((l) => l.id);
    const sharedLabel = group.labels.length === 0;
    const infos: RunInfo[] = group.lines.map((line) => {
      const run = this.runs.find((r) => r.id === line.runId);
      if (byLayer) {
        const name = run?.name ?? line.runId;
        return { id: line.id, name: sharedLabel ? name : `${name} · ${line.label}`, colorIndex: run?.colorIndex ?? 0, color: runColor(run?.colorIndex ?? 0) };
      }
      return { id: line.id, name: `${line.id} · ${line.label}`, colorIndex: 0, color: depthColor(places.indexOf(line.id), places.length), dash: placeDash(line.id) };
    });
    chart.setRuns(infos);
    for (const line of group.lines) {
      const s = this.data.get(seriesId(line.runId, line.index));
      if (s) chart.setSeries(line.id, LINE_KEY, s);
    }
    this.markDivergence(chart, groupId);
    chart.setHidden(this.hidden);
  }

  private markDivergence(chart: MetricChart, groupId: string): void {
    const group = this.current.groups.find((g) => g.id === groupId);
    for (const line of group?.lines ?? []) {
      const at = this.diverged.get(line.runId);
      if (at !== undefined) chart.markDiverged(line.id, at);
    }
  }
}
