// One Chart.js line chart of one metric: a line per (run, series kind), driven imperatively.
// Data lives in Series objects this class owns (or that the caller shares on purpose); Chart.js only
// ever receives small plain arrays built by Series.view, never the caller's arrays or Svelte proxies.
// Dense kinds (per-step training curves) are smoothed, with the raw curve faint behind; a diverged
// run is drawn up to its divergence and marked; the axis comes from a ChartGroup (see there).
import { Chart } from 'chart.js';
import type { AxisBounds, Scale, ValueStats } from './axis-range';
import { lineChartConfig, yAxisOptions } from './chart-config';
import { ChartGroup, type GroupMember, type Prepared } from './chart-group';
import { ChartLines, type RunInfo } from './chart-lines';
import type { FrameClock } from './frame-throttle';
import { EMPTY_OVERLAY, type Overlay } from './overlay';
import { stepAxisTitle } from './format';
import { canvasToPNG } from './png';
import { neighbourX, readoutAt, snapX, type ReadoutLine, type ReadoutRow } from './readout';
import { registerChartParts } from './register';
import { DEFAULT_MAX_POINTS, Series, type ColumnInput, type Point } from './series';

export type YScale = Scale;
export type { RunInfo } from './chart-lines';
/** A Series is shared by reference (the chart sees later appends on render); arrays are copied. */
export type SeriesInput = Series | readonly Point[] | ColumnInput;

export interface MetricChartOptions {
  /** Names the chart for assistive technology and exports (the visible title is HTML). */
  title?: string;
  yLabel?: string;
  xLabel?: string;
  /** The metric's scale: fixed, or 'auto' (log where values span decades). Default linear. */
  yScale?: Scale | 'auto';
  /** Fixed bounds of the linear axis (e.g. 0..1 for accuracy). */
  yMin?: number;
  yMax?: number;
  /** Keep zero in the range (a gap whose sign matters). */
  yIncludeZero?: boolean;
  /** Series kinds in legend and dash order; kinds not listed are added as they first appear. */
  keys?: readonly string[];
  /** Kinds with a point per step: smoothed, never dotted. Default ['train']. */
  denseKeys?: readonly string[];
  lineLabel?: (run: RunInfo, key: string) => string;
  maxPointsPerSeries?: number;
  minUpdateIntervalMs?: number;
  formatValue?: (v: number) => string;
  clock?: FrameClock;
  /** Share the axis and redraws with other charts (small multiples); default: a group of its own. */
  group?: ChartGroup;
  /** Text size relative to the page's chart font: 1, or more for a large chart. */
  fontScale?: number;
}

export class MetricChart implements GroupMember {
  readonly chart: Chart<'line', Point[]>;
  readonly group: ChartGroup;
  private readonly lines: ChartLines;
  private overlay: Overlay = EMPTY_OVERLAY;
  private readout: number | null = null;
  private lastAxis = '';
  private destroyed = false;
  private readonly leaveGroup: () => void;

  constructor(canvas: HTMLCanvasElement, private readonly options: MetricChartOptions) {
    registerChartParts();
    this.lines = new ChartLines(options.keys ?? [], new Set(options.denseKeys ?? ['train']), options.maxPointsPerSeries ?? DEFAULT_MAX_POINTS);
    this.group =
      options.group ??
      new ChartGroup(
        { preferred: options.yScale ?? 'linear', min: options.yMin, max: options.yMax, includeZero: options.yIncludeZero },
        { minUpdateIntervalMs: options.minUpdateIntervalMs, clock: options.clock },
      );
    this.chart = new Chart<'line', Point[]>(
      canvas,
      lineChartConfig({ xLabel: options.xLabel ?? 'step', yLabel: options.yLabel, scale: this.group.scale, fontScale: this.fontScale, overlay: () => this.overlay }),
    );
    this.leaveGroup = this.group.add(this);
  }

  private get fontScale(): number {
    return this.options.fontScale ?? 1;
  }

  /** The scale drawn now (the group's). */
  get yScale(): Scale {
    return this.group.scale;
  }

  /** The runs to draw, in legend order. Data of runs left out is kept until clear(). */
  setRuns(runs: readonly RunInfo[]): void {
    this.lines.setRuns(runs);
    this.render();
  }

  setSeries(runId: string, key: string, input: SeriesInput): void {
    this.lines.setSeries(runId, key, input instanceof Series ? input : Series.from(input));
    this.render();
  }

  /** Adds one point; false if refused (x out of order or not finite). Schedules a redraw. */
  append(runId: string, key: string, x: number, y: number): boolean {
    const ok = this.lines.seriesFor(runId, key).append(x, y);
    if (ok) this.render();
    return ok;
  }

  series(runId: string, key: string): Series | undefined {
    return this.lines.series(runId, key);
  }

  clear(): void {
    this.lines.clear();
    this.readout = null;
    this.render();
  }

  /** The run diverged at this step (its loss stopped being a number): drawn up to it, and marked. */
  markDiverged(runId: string, step: number): void {
    if (this.lines.markDiverged(runId, step)) this.render();
  }

  divergedAt(runId: string): number | null {
    return this.lines.divergedAt(runId);
  }

  /** The EMA weight for dense kinds (0 = raw); see smoothing.ts. */
  setSmoothing(weight: number): void {
    if (this.lines.setSmoothing(weight)) this.flush();
  }

  /** Runs and kinds switched off in the legend. */
  setHidden(runs: Iterable<string>, keys: Iterable<string> = []): void {
    this.lines.setHidden(runs, keys);
    this.flush();
  }

  /** The user's choice of scale (null: back to the lesson's or the data's). Shared by the group. */
  setYScale(scale: Scale | null): void {
    this.group.setUserScale(scale);
  }

  /** Requests a redraw: at most one per animation frame and per minUpdateIntervalMs (250 ms). */
  render(): void {
    if (!this.destroyed) this.group.request();
  }

  /** Redraws now. */
  flush(): void {
    if (!this.destroyed) this.group.flush();
  }

  // ---- the readout ----

  readoutLines(): ReadoutLine[] {
    this.restyle();
    return this.lines.readoutLines();
  }

  /** Each visible line's value nearest step x (see readout.ts). */
  readoutRows(x: number): ReadoutRow[] {
    return readoutAt(this.readoutLines(), x, this.slack());
  }

  /** The data step nearest x, and the next one in a direction: what the pointer and keys move to. */
  snapX(x: number): number {
    return snapX(this.readoutLines(), x);
  }

  neighbourX(x: number, dir: 1 | -1, stride = 0): number {
    return neighbourX(this.readoutLines(), x, dir, stride);
  }

  /** The step under a pixel of the canvas (CSS pixels from its left edge), or NaN off the plot. */
  xAtPixel(px: number): number {
    const area = this.chart.chartArea;
    if (!area || px < area.left - 4 || px > area.right + 4) return Number.NaN;
    return this.chart.scales.x.getValueForPixel(Math.min(area.right, Math.max(area.left, px))) ?? Number.NaN;
  }

  pixelOfX(x: number): number {
    return this.chart.scales.x.getPixelForValue(x);
  }

  /** Shows the readout line at step x (null hides it); returns the rows it shows. */
  setReadout(x: number | null): ReadoutRow[] {
    this.readout = x === null || Number.isNaN(x) ? null : x;
    const rows = this.readout === null ? [] : this.readoutRows(this.readout);
    const points = rows.filter((r) => r.diverged === undefined).map((r) => ({ x: r.x, y: r.value, color: r.color }));
    this.overlay = { ...this.overlay, readoutX: this.readout, readoutPoints: points };
    if (!this.destroyed) this.chart.draw();
    return rows;
  }

  private slack(): number {
    const { min, max } = this.chart.scales.x ?? { min: 0, max: 0 };
    return Math.max(0.5, 0.01 * (max - min));
  }

  // ---- export and teardown ----

  /** The chart as a PNG data URL on an opaque background (see png.ts), with all pending data drawn. */
  toPNG(background = '#ffffff'): string {
    this.flush();
    return canvasToPNG(this.chart.canvas, background);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.leaveGroup();
    this.chart.destroy();
  }

  // ---- GroupMember: the three phases of a redraw ----

  scaleStats(): ValueStats {
    this.restyle();
    return this.lines.scaleStats();
  }

  prepare(scale: Scale): Prepared {
    this.restyle();
    return this.lines.prepare(scale);
  }

  commit(scale: Scale, y: AxisBounds | null, x: { min: number; max: number } | null): void {
    if (this.destroyed) return;
    const scales = this.chart.options.scales;
    const perEpoch = this.group.stepsPerEpoch;
    const axisKey = JSON.stringify({ scale, y, x, perEpoch });
    if (scales && axisKey !== this.lastAxis) {
      scales.y = yAxisOptions({ scale, yLabel: this.options.yLabel, fontScale: this.fontScale }, y);
      if (scales.x) Object.assign(scales.x, { min: x?.min, max: x?.max });
      const title = scales.x && 'title' in scales.x ? scales.x.title : undefined;
      if (title && this.options.xLabel !== '') title.text = stepAxisTitle(this.options.xLabel ?? 'step', perEpoch);
      this.lastAxis = axisKey;
    }
    const fontPx = Math.round((Chart.defaults.font.size ?? 12) * this.fontScale);
    this.overlay = { ...this.lines.marks(y), readoutX: this.readout, readoutPoints: this.overlay.readoutPoints, fontPx };
    this.chart.update('none');
    if (this.readout !== null) this.setReadout(this.readout);
    this.describe();
  }

  private restyle(): void {
    if (!this.lines.dirty) return;
    const label = this.options.lineLabel ?? ((run: RunInfo, key: string) => `${run.name} · ${key}`);
    this.chart.data.datasets = this.lines.rebuild({ label, width: 2 * Math.sqrt(this.fontScale) });
  }

  /**
   * Names the runs whose lines are on the canvas, and those that diverged, for assistive technology
   * (and end-to-end tests): a canvas is otherwise opaque.
   */
  private describe(): void {
    const { runs, diverged } = this.lines.drawn();
    const canvas = this.chart.canvas;
    canvas.dataset.drawnRuns = JSON.stringify(runs.map((r) => r.name));
    canvas.dataset.yScale = this.group.scale;
    canvas.dataset.diverged = JSON.stringify(diverged);
    const names = runs.map((r) => {
      const d = diverged.find((x) => x.run === r.name);
      return d ? `${r.name} (diverged at step ${d.step})` : r.name;
    });
    canvas.setAttribute('aria-label', `${this.options.title ?? this.options.yLabel ?? 'chart'}: ${names.length ? names.join(', ') : 'no data yet'}`);
  }
}
