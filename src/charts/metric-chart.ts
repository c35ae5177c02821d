// One Chart.js line chart of one metric: a line per (run, series kind), driven imperatively.
// Data lives in Series objects this class owns (or that the caller shares on purpose); Chart.js only
// ever receives small plain arrays built by Series.view, never the caller's arrays or Svelte proxies.
import { Chart, type ChartDataset } from 'chart.js';
import { lineChartConfig, stepAxisTitle, yAxisOptions, type YScale } from './chart-config';
import { FrameThrottle, type FrameClock } from './frame-throttle';
import { formatValue } from './format';
import { legendItems, type LegendTarget } from './legend';
import { canvasToPNG } from './png';
import { registerChartParts } from './register';
import { runColor, seriesDash } from './run-colors';
import { DEFAULT_MAX_POINTS, Series, type ColumnInput, type Point } from './series';

export type { YScale } from './chart-config';
export interface RunInfo {
  id: string;
  name: string;
  colorIndex: number;
}
/** A Series is shared by reference (the chart sees later appends on render); arrays are copied. */
export type SeriesInput = Series | readonly Point[] | ColumnInput;

export interface MetricChartOptions {
  title?: string;
  yLabel: string;
  xLabel?: string;
  yScale?: YScale;
  /** Bounds of the linear axis (e.g. 0..1 for accuracy); a log axis always fits its data. */
  yMin?: number;
  yMax?: number;
  /** Series kinds in legend and dash order; kinds not listed are added as they first appear. */
  keys?: readonly string[];
  maxPointsPerSeries?: number;
  minUpdateIntervalMs?: number;
  formatValue?: (v: number) => string;
  clock?: FrameClock;
}

type LineDataset = ChartDataset<'line', Point[]>;
interface Entry {
  runId: string;
  key: string;
  series: Series;
  dataset: LineDataset;
  drawn: { version: number; log: boolean } | null;
}

const SPARSE_POINTS = 60; // below this many points, dots mark where the measurements are
const NEUTRAL = '#666666';
const entryId = (runId: string, key: string) => `${runId}\u0000${key}`;

export class MetricChart {
  readonly chart: Chart<'line', Point[]>;
  private runs: RunInfo[] = [];
  private readonly keys: string[];
  private readonly entries = new Map<string, Entry>();
  private shown: Entry[] = [];
  private readonly hiddenRuns = new Set<string>();
  private readonly hiddenKeys = new Set<string>();
  private structureDirty = true;
  private scale: YScale;
  private destroyed = false;
  private readonly throttle: FrameThrottle;

  constructor(canvas: HTMLCanvasElement, private readonly options: MetricChartOptions) {
    registerChartParts();
    this.keys = [...(options.keys ?? [])];
    this.scale = options.yScale ?? 'linear';
    this.throttle = new FrameThrottle(() => this.draw(), options.minUpdateIntervalMs ?? 250, options.clock);
    this.chart = new Chart<'line', Point[]>(
      canvas,
      lineChartConfig({
        title: options.title,
        xLabel: options.xLabel ?? 'step',
        y: this.yAxisSpec(),
        formatValue: options.formatValue ?? formatValue,
        legendItems: () => this.legend(),
        onLegendClick: (target) => this.toggle(target),
        stepsPerEpoch: () => this.perEpoch,
      }),
    );
  }

  private perEpoch: number | null = null;

  /** Epochs beside steps: the axis title says how many steps an epoch is, the tooltip which epoch a step is in. */
  setStepsPerEpoch(steps: number | null): void {
    if (steps === this.perEpoch) return;
    this.perEpoch = steps;
    const x = this.chart.options.scales?.x;
    if (x && 'title' in x && x.title) x.title.text = stepAxisTitle(this.options.xLabel ?? 'step', steps);
    this.structureDirty = true;
    this.render();
  }

  get yScale(): YScale {
    return this.scale;
  }

  /** The runs to draw, in legend order. Data of runs left out is kept until clear(). */
  setRuns(runs: readonly RunInfo[]): void {
    // Copy field by field: the caller's objects may be reactive proxies.
    this.runs = runs.map((r) => ({ id: String(r.id), name: String(r.name), colorIndex: Number(r.colorIndex) }));
    this.structureDirty = true;
    this.render();
  }

  setSeries(runId: string, key: string, input: SeriesInput): void {
    const series = input instanceof Series ? input : Series.from(input);
    const entry = this.entry(runId, key);
    entry.series = series;
    entry.drawn = null;
    this.render();
  }

  /** Adds one point; false if refused (x out of order or not finite). Schedules a redraw. */
  append(runId: string, key: string, x: number, y: number): boolean {
    const ok = this.entry(runId, key).series.append(x, y);
    if (ok) this.render();
    return ok;
  }

  series(runId: string, key: string): Series | undefined {
    return this.entries.get(entryId(runId, key))?.series;
  }

  clear(): void {
    this.entries.clear();
    this.structureDirty = true;
    this.render();
  }

  setYScale(scale: YScale): void {
    if (scale === this.scale) return;
    this.scale = scale;
    if (this.chart.options.scales) this.chart.options.scales.y = yAxisOptions(this.yAxisSpec());
    this.flush(); // a user's toggle: answer at once
  }

  /** Requests a redraw: at most one per animation frame and per minUpdateIntervalMs (250 ms). */
  render(): void {
    if (!this.destroyed) this.throttle.request();
  }

  /** Redraws now. */
  flush(): void {
    if (!this.destroyed) this.throttle.flush();
  }

  /** The chart as a PNG data URL on an opaque background (see png.ts), with all pending data drawn. */
  toPNG(background = '#ffffff'): string {
    this.flush();
    return canvasToPNG(this.chart.canvas, background);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.throttle.cancel();
    this.chart.destroy();
  }

  private entry(runId: string, key: string): Entry {
    const id = entryId(runId, key);
    let e = this.entries.get(id);
    if (!e) {
      if (!this.keys.includes(key)) this.keys.push(key);
      e = { runId, key, series: new Series(), dataset: { data: [] }, drawn: null };
      this.entries.set(id, e);
      this.structureDirty = true;
    }
    return e;
  }

  private draw(): void {
    if (this.structureDirty) this.rebuild();
    const log = this.scale === 'logarithmic';
    for (const e of this.shown) {
      const version = e.series.version;
      if (e.drawn && e.drawn.version === version && e.drawn.log === log) continue;
      const data = e.series.view({ maxPoints: this.options.maxPointsPerSeries ?? DEFAULT_MAX_POINTS, positiveOnly: log });
      e.dataset.data = data;
      e.dataset.pointRadius = data.length <= SPARSE_POINTS ? 2 : 0;
      e.drawn = { version, log };
    }
    this.chart.update('none');
    this.describe();
  }

  /**
   * Names the runs whose lines are on the canvas, for assistive technology (and end-to-end tests):
   * a canvas is otherwise opaque.
   */
  private describe(): void {
    const drawn = this.runs.filter((r) => this.shown.some((e) => e.runId === r.id && !e.dataset.hidden && e.dataset.data.length > 0));
    const canvas = this.chart.canvas;
    canvas.dataset.drawnRuns = JSON.stringify(drawn.map((r) => r.name));
    canvas.dataset.yScale = this.scale;
    canvas.setAttribute('aria-label', `${this.options.title ?? this.options.yLabel}: ${drawn.length ? drawn.map((r) => r.name).join(', ') : 'no data yet'}`);
  }

  /** Orders datasets by run then kind, and restyles them (colour by run, dash by kind). */
  private rebuild(): void {
    this.shown = [];
    for (const run of this.runs) {
      const color = runColor(run.colorIndex);
      this.keys.forEach((key, keyIndex) => {
        const e = this.entries.get(entryId(run.id, key));
        if (!e) return;
        Object.assign(e.dataset, {
          label: `${run.name} · ${key}`,
          borderColor: color,
          backgroundColor: color,
          borderDash: seriesDash(key, keyIndex),
          borderWidth: 2,
          pointHoverRadius: 4,
          hidden: this.hiddenRuns.has(run.id) || this.hiddenKeys.has(key),
        });
        this.shown.push(e);
      });
    }
    this.chart.data.datasets = this.shown.map((e) => e.dataset);
    this.structureDirty = false;
  }

  private toggle(target: LegendTarget): void {
    const [set, id] = target.kind === 'run' ? [this.hiddenRuns, target.id] : [this.hiddenKeys, target.key];
    if (!set.delete(id)) set.add(id);
    this.structureDirty = true;
    this.flush();
  }

  private legend() {
    const keysShown = this.keys.filter((k) => this.shown.some((e) => e.key === k));
    const runsShown = this.runs.filter((r) => this.shown.some((e) => e.runId === r.id));
    return legendItems({
      runs: runsShown.map((r) => ({ ...r, color: runColor(r.colorIndex), hidden: this.hiddenRuns.has(r.id) })),
      keys: keysShown.map((key) => ({ key, dash: seriesDash(key, this.keys.indexOf(key)), hidden: this.hiddenKeys.has(key) })),
      neutralColor: NEUTRAL,
    });
  }

  private yAxisSpec() {
    return { scale: this.scale, label: this.options.yLabel, min: this.options.yMin, max: this.options.yMax };
  }
}
