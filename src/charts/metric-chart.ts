// One Chart.js line chart of one metric: a line per (run, series kind), driven imperatively.
// Data lives in Series objects this class owns (or that the caller shares on purpose); Chart.js only
// ever receives small plain arrays built by Series.view, never the caller's arrays or Svelte proxies.
// Dense kinds (per-step training curves) are smoothed, with the raw curve faint behind; a diverged
// run is drawn up to its divergence and marked; the axis comes from a ChartGroup (see there).
import { Chart, type ChartDataset } from 'chart.js';
import { valueStats, type AxisBounds, type Scale, type ValueStats } from './axis-range';
import { lineChartConfig, yAxisOptions } from './chart-config';
import { ChartGroup, type GroupMember, type Prepared } from './chart-group';
import type { FrameClock } from './frame-throttle';
import { EMPTY_OVERLAY, type DivergenceMarker, type Overlay } from './overlay';
import { canvasToPNG } from './png';
import { neighbourX, readoutAt, snapX, type ReadoutLine, type ReadoutRow } from './readout';
import { registerChartParts } from './register';
import { runColor, seriesDash } from './run-colors';
import { DEFAULT_MAX_POINTS, Series, type ColumnInput, type Point } from './series';
import { clampSmoothing } from './smoothing';

export type YScale = Scale;
export interface RunInfo {
  id: string;
  name: string;
  colorIndex: number;
  /** A colour of its own (layers by depth); otherwise the run palette's at colorIndex. */
  color?: string;
  /** A line style of its own (the output layer among hidden ones); otherwise by series kind. */
  dash?: readonly number[];
}
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

type LineDataset = ChartDataset<'line', Point[]>;
interface Entry {
  runId: string;
  key: string;
  series: Series;
  main: LineDataset;
  /** The unsmoothed curve, faint behind the smoothed one; empty when not smoothed. */
  raw: LineDataset;
  rawView: Point[];
  drawn: string | null;
}

const SPARSE_POINTS = 60; // a sparse kind with at most this many points shows dots at its measurements
const MAX_CARETS = 80;
const entryId = (runId: string, key: string) => `${runId}\u0000${key}`;

export class MetricChart implements GroupMember {
  readonly chart: Chart<'line', Point[]>;
  readonly group: ChartGroup;
  private runs: RunInfo[] = [];
  private readonly keys: string[];
  private readonly dense: ReadonlySet<string>;
  private readonly entries = new Map<string, Entry>();
  private shown: Entry[] = [];
  private hiddenRuns = new Set<string>();
  private hiddenKeys = new Set<string>();
  private readonly marked = new Map<string, number>();
  private smoothing = 0;
  private structureDirty = true;
  private overlay: Overlay = EMPTY_OVERLAY;
  private readout: number | null = null;
  private lastAxis = '';
  private destroyed = false;
  private readonly leaveGroup: () => void;

  constructor(canvas: HTMLCanvasElement, private readonly options: MetricChartOptions) {
    registerChartParts();
    this.keys = [...(options.keys ?? [])];
    this.dense = new Set(options.denseKeys ?? ['train']);
    this.group =
      options.group ??
      new ChartGroup({ preferred: options.yScale ?? 'linear', min: options.yMin, max: options.yMax, includeZero: options.yIncludeZero }, { minUpdateIntervalMs: options.minUpdateIntervalMs, clock: options.clock });
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
    // Copy field by field: the caller's objects may be reactive proxies.
    this.runs = runs.map((r) => ({ id: String(r.id), name: String(r.name), colorIndex: Number(r.colorIndex), color: r.color === undefined ? undefined : String(r.color), dash: r.dash ? r.dash.map(Number) : undefined }));
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
    this.marked.clear();
    this.readout = null;
    this.structureDirty = true;
    this.render();
  }

  /** The run diverged at this step (its loss stopped being a number): drawn up to it, and marked. */
  markDiverged(runId: string, step: number): void {
    if (!Number.isFinite(step) || this.marked.get(runId) === step) return;
    this.marked.set(runId, step);
    this.render();
  }

  /**
   * The step a run diverged at, or null. Only the engine's 'diverged' event says so: a stray
   * non-finite value is left out of the drawing like any other, but does not end the run's line.
   */
  divergedAt(runId: string): number | null {
    return this.marked.get(runId) ?? null;
  }

  /** The EMA weight for dense kinds (0 = raw); see smoothing.ts. */
  setSmoothing(weight: number): void {
    const w = clampSmoothing(weight);
    if (w === this.smoothing) return;
    this.smoothing = w;
    this.structureDirty = true;
    this.flush();
  }

  /** Runs and kinds switched off in the legend. */
  setHidden(runs: Iterable<string>, keys: Iterable<string> = []): void {
    this.hiddenRuns = new Set(runs);
    this.hiddenKeys = new Set(keys);
    this.structureDirty = true;
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

  /** The lines the readout reads: visible ones, as drawn (smoothing, cut at divergence). */
  readoutLines(): ReadoutLine[] {
    if (this.structureDirty) this.rebuild();
    return this.shown
      .filter((e) => !e.main.hidden)
      .map((e) => ({
        id: entryId(e.runId, e.key),
        label: String(e.main.label ?? ''),
        color: String(e.main.borderColor),
        series: e.series,
        smoothing: this.dense.has(e.key) ? this.smoothing : 0,
        before: this.divergedAt(e.runId) ?? undefined,
      }));
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
    this.overlay = { ...this.overlay, readoutX: this.readout, readoutPoints: rows.filter((r) => r.diverged === undefined).map((r) => ({ x: r.x, y: r.value, color: r.color })) };
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
    if (this.structureDirty) this.rebuild();
    const values: number[] = [];
    for (const e of this.shown) {
      if (e.main.hidden || this.divergedAt(e.runId) !== null) continue;
      for (const p of e.series.view({ maxPoints: this.maxPoints })) values.push(p.y);
    }
    return valueStats(values);
  }

  prepare(scale: Scale): Prepared {
    if (this.structureDirty) this.rebuild();
    const log = scale === 'logarithmic';
    const out: Prepared = { healthy: [], all: [], xMin: Infinity, xMax: -Infinity };
    for (const e of this.shown) {
      const cut = this.divergedAt(e.runId) ?? Infinity;
      const w = this.dense.has(e.key) ? this.smoothing : 0;
      const state = `${e.series.version}|${log}|${w}|${cut}`;
      if (e.drawn !== state) {
        const opts = { maxPoints: this.maxPoints, positiveOnly: log, before: cut };
        e.rawView = e.series.view(opts);
        e.main.data = w > 0 ? e.series.view({ ...opts, smoothing: w }) : e.rawView;
        e.raw.data = w > 0 ? e.rawView : [];
        e.main.pointRadius = !this.dense.has(e.key) && e.rawView.length <= SPARSE_POINTS ? 2.5 : 0;
        e.drawn = state;
      }
      if (e.main.hidden || e.rawView.length === 0) continue;
      const healthy = cut === Infinity;
      for (const p of e.rawView) {
        out.all.push(p.y);
        if (healthy) out.healthy.push(p.y);
      }
      out.xMin = Math.min(out.xMin, e.rawView[0].x);
      out.xMax = Math.max(out.xMax, e.rawView[e.rawView.length - 1].x);
    }
    return out;
  }

  commit(scale: Scale, y: AxisBounds | null, x: { min: number; max: number } | null): void {
    if (this.destroyed) return;
    const scales = this.chart.options.scales;
    const axisKey = JSON.stringify({ scale, y, x });
    if (scales && axisKey !== this.lastAxis) {
      scales.y = yAxisOptions({ scale, yLabel: this.options.yLabel, fontScale: this.fontScale }, y);
      if (scales.x) Object.assign(scales.x, { min: x?.min, max: x?.max });
      this.lastAxis = axisKey;
    }
    this.overlay = this.buildOverlay(y);
    this.chart.update('none');
    if (this.readout !== null) this.setReadout(this.readout);
    this.describe();
  }

  private get maxPoints(): number {
    return this.options.maxPointsPerSeries ?? DEFAULT_MAX_POINTS;
  }

  private buildOverlay(y: AxisBounds | null): Overlay {
    const markers: DivergenceMarker[] = [];
    const clipped: { x: number; above: boolean; color: string }[] = [];
    const markedRuns = new Set<string>();
    for (const e of this.shown) {
      if (e.main.hidden || e.rawView.length === 0) continue;
      const color = String(e.main.borderColor);
      const at = this.divergedAt(e.runId);
      if (at !== null) {
        // One marker per run, on its first kind with data (training loss before test loss).
        if (markedRuns.has(e.runId)) continue;
        markedRuns.add(e.runId);
        const last = e.rawView[e.rawView.length - 1];
        markers.push({ x: last.x, y: last.y, color, label: `diverged at step ${at}` });
      } else if (y) {
        for (const p of e.rawView) {
          if (clipped.length >= MAX_CARETS) break;
          if (p.y > y.max || p.y < y.min) clipped.push({ x: p.x, above: p.y > y.max, color });
        }
      }
    }
    const fontPx = Math.round((Chart.defaults.font.size ?? 12) * this.fontScale);
    return { readoutX: this.readout, readoutPoints: this.overlay.readoutPoints, markers, clipped, fontPx };
  }

  private entry(runId: string, key: string): Entry {
    const id = entryId(runId, key);
    let e = this.entries.get(id);
    if (!e) {
      if (!this.keys.includes(key)) this.keys.push(key);
      e = { runId, key, series: new Series(), main: { data: [] }, raw: { data: [] }, rawView: [], drawn: null };
      this.entries.set(id, e);
      this.structureDirty = true;
    }
    return e;
  }

  /**
   * Names the runs whose lines are on the canvas, and those that diverged, for assistive technology
   * (and end-to-end tests): a canvas is otherwise opaque.
   */
  private describe(): void {
    const drawn = this.runs.filter((r) => this.shown.some((e) => e.runId === r.id && !e.main.hidden && e.rawView.length > 0));
    const diverged = drawn.flatMap((r) => {
      const at = this.divergedAt(r.id);
      return at === null ? [] : [{ run: r.name, step: at }];
    });
    const canvas = this.chart.canvas;
    canvas.dataset.drawnRuns = JSON.stringify(drawn.map((r) => r.name));
    canvas.dataset.yScale = this.group.scale;
    canvas.dataset.diverged = JSON.stringify(diverged);
    const names = drawn.map((r) => {
      const d = diverged.find((x) => x.run === r.name);
      return d ? `${r.name} (diverged at step ${d.step})` : r.name;
    });
    canvas.setAttribute('aria-label', `${this.options.title ?? this.options.yLabel ?? 'chart'}: ${names.length ? names.join(', ') : 'no data yet'}`);
  }

  /** Orders datasets by run then kind, and restyles them (colour by run, dash by kind). */
  private rebuild(): void {
    this.shown = [];
    const label = this.options.lineLabel ?? ((run: RunInfo, key: string) => `${run.name} · ${key}`);
    for (const run of this.runs) {
      const color = run.color ?? runColor(run.colorIndex);
      this.keys.forEach((key, keyIndex) => {
        const e = this.entries.get(entryId(run.id, key));
        if (!e) return;
        const hidden = this.hiddenRuns.has(run.id) || this.hiddenKeys.has(key);
        const smoothed = this.dense.has(key) && this.smoothing > 0;
        const dash = run.dash ? [...run.dash] : seriesDash(key, keyIndex);
        Object.assign(e.main, { label: label(run, key), borderColor: color, backgroundColor: color, borderDash: dash, borderWidth: 2 * Math.sqrt(this.fontScale), pointHoverRadius: 0, order: 0, hidden });
        // Faint enough to read as texture, not as a second line of the same run.
        Object.assign(e.raw, { label: `${label(run, key)} (raw)`, borderColor: `${color}40`, backgroundColor: `${color}40`, borderDash: dash, borderWidth: 1, pointRadius: 0, order: 1, hidden: hidden || !smoothed });
        e.drawn = null;
        this.shown.push(e);
      });
    }
    this.chart.data.datasets = this.shown.flatMap((e) => [e.raw, e.main]);
    this.structureDirty = false;
  }
}
