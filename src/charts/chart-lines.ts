// The lines of one metric chart, apart from Chart.js's own objects' lifecycle: which (run, kind)
// lines exist, their Series, what is hidden, which runs diverged, the smoothing, and the views each
// line is drawn with. MetricChart owns one of these and hands its datasets to Chart.js.
import type { ChartDataset } from 'chart.js';
import { valueStats, type AxisBounds, type Scale, type ValueStats } from './axis-range';
import type { Prepared } from './chart-group';
import type { DivergenceMarker } from './overlay';
import type { ReadoutLine } from './readout';
import { runColor, seriesDash } from './run-colors';
import { Series, type Point } from './series';
import { clampSmoothing } from './smoothing';

export interface RunInfo {
  id: string;
  name: string;
  colorIndex: number;
  /** A colour of its own (layers by depth); otherwise the run palette's at colorIndex. */
  color?: string;
  /** A line style of its own (the output layer among hidden ones); otherwise by series kind. */
  dash?: readonly number[];
}

export type LineDataset = ChartDataset<'line', Point[]>;

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

export interface LineStyle {
  label: (run: RunInfo, key: string) => string;
  /** Line width grows with the chart's text (a large chart is seen from further away). */
  width: number;
}

const SPARSE_POINTS = 60; // a sparse kind with at most this many points shows dots at its measurements
const MAX_CARETS = 80;
const entryId = (runId: string, key: string) => `${runId}\u0000${key}`;

export class ChartLines {
  private runs: RunInfo[] = [];
  private readonly keys: string[];
  private readonly entries = new Map<string, Entry>();
  private shown: Entry[] = [];
  private hiddenRuns = new Set<string>();
  private hiddenKeys = new Set<string>();
  private readonly marked = new Map<string, number>();
  private weight = 0;
  /** Set when the datasets must be rebuilt (runs, kinds, visibility or smoothing changed). */
  dirty = true;

  constructor(
    keys: readonly string[],
    private readonly dense: ReadonlySet<string>,
    private readonly maxPoints: number,
  ) {
    this.keys = [...keys];
  }

  get smoothing(): number {
    return this.weight;
  }

  setRuns(runs: readonly RunInfo[]): void {
    // Copy field by field: the caller's objects may be reactive proxies.
    this.runs = runs.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      colorIndex: Number(r.colorIndex),
      color: r.color === undefined ? undefined : String(r.color),
      dash: r.dash ? r.dash.map(Number) : undefined,
    }));
    this.dirty = true;
  }

  get runList(): readonly RunInfo[] {
    return this.runs;
  }

  series(runId: string, key: string): Series | undefined {
    return this.entries.get(entryId(runId, key))?.series;
  }

  /** The line's Series, made on first use (a kind not listed is added after the listed ones). */
  seriesFor(runId: string, key: string): Series {
    return this.entry(runId, key).series;
  }

  setSeries(runId: string, key: string, series: Series): void {
    const e = this.entry(runId, key);
    e.series = series;
    e.drawn = null;
  }

  clear(): void {
    this.entries.clear();
    this.marked.clear();
    this.dirty = true;
  }

  /** Returns whether anything changed. */
  markDiverged(runId: string, step: number): boolean {
    if (!Number.isFinite(step) || this.marked.get(runId) === step) return false;
    this.marked.set(runId, step);
    return true;
  }

  /**
   * The step a run diverged at, or null. Only the engine's 'diverged' event says so: a stray
   * non-finite value is left out of the drawing like any other, but does not end the run's line.
   */
  divergedAt(runId: string): number | null {
    return this.marked.get(runId) ?? null;
  }

  /** Returns whether anything changed. */
  setSmoothing(weight: number): boolean {
    const w = clampSmoothing(weight);
    if (w === this.weight) return false;
    this.weight = w;
    this.dirty = true;
    return true;
  }

  setHidden(runs: Iterable<string>, keys: Iterable<string>): void {
    this.hiddenRuns = new Set(runs);
    this.hiddenKeys = new Set(keys);
    this.dirty = true;
  }

  /** Orders the lines by run then kind and restyles them; returns Chart.js's dataset list. */
  rebuild(style: LineStyle): LineDataset[] {
    this.shown = [];
    for (const run of this.runs) {
      const color = run.color ?? runColor(run.colorIndex);
      this.keys.forEach((key, keyIndex) => {
        const e = this.entries.get(entryId(run.id, key));
        if (!e) return;
        const hidden = this.hiddenRuns.has(run.id) || this.hiddenKeys.has(key);
        const smoothed = this.dense.has(key) && this.weight > 0;
        const dash = run.dash ? [...run.dash] : seriesDash(key, keyIndex);
        const label = style.label(run, key);
        Object.assign(e.main, { label, borderColor: color, backgroundColor: color, borderDash: dash, borderWidth: style.width, pointHoverRadius: 0, order: 0, hidden });
        // Faint enough to read as texture, not as a second line of the same run.
        Object.assign(e.raw, { label: `${label} (raw)`, borderColor: `${color}40`, backgroundColor: `${color}40`, borderDash: dash, borderWidth: 1, pointRadius: 0, order: 1, hidden: hidden || !smoothed });
        e.drawn = null;
        this.shown.push(e);
      });
    }
    this.dirty = false;
    return this.shown.flatMap((e) => [e.raw, e.main]);
  }

  /** The lines the readout reads: visible ones, as drawn (smoothing, cut at divergence). */
  readoutLines(): ReadoutLine[] {
    return this.shown
      .filter((e) => !e.main.hidden)
      .map((e) => ({
        id: entryId(e.runId, e.key),
        label: String(e.main.label ?? ''),
        color: String(e.main.borderColor),
        series: e.series,
        smoothing: this.dense.has(e.key) ? this.weight : 0,
        before: this.divergedAt(e.runId) ?? undefined,
      }));
  }

  /** What the scale decision sees: the visible lines of runs that did not diverge. */
  scaleStats(): ValueStats {
    const values: number[] = [];
    for (const e of this.shown) {
      if (e.main.hidden || this.divergedAt(e.runId) !== null) continue;
      for (const p of e.series.view({ maxPoints: this.maxPoints })) values.push(p.y);
    }
    return valueStats(values);
  }

  /** Gives each line its drawn points for this scale; returns the values the range comes from. */
  prepare(scale: Scale): Prepared {
    const log = scale === 'logarithmic';
    const out: Prepared = { healthy: [], healthyBold: [], all: [], allBold: [], xMin: Infinity, xMax: -Infinity };
    for (const e of this.shown) {
      const cut = this.divergedAt(e.runId) ?? Infinity;
      const w = this.dense.has(e.key) ? this.weight : 0;
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
      for (const p of e.main.data) {
        out.allBold.push(p.y);
        if (healthy) out.healthyBold.push(p.y);
      }
      out.xMin = Math.min(out.xMin, e.rawView[0].x);
      out.xMax = Math.max(out.xMax, e.rawView[e.rawView.length - 1].x);
    }
    return out;
  }

  /** A marker per diverged run at its last drawn point, and carets where lines leave the range. */
  marks(y: AxisBounds | null): { markers: DivergenceMarker[]; clipped: { x: number; above: boolean; color: string }[] } {
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
        // Carets mark a bold line leaving the range; faint raw texture past it is simply clipped.
        for (const p of e.main.data) {
          if (clipped.length >= MAX_CARETS) break;
          if (p.y > y.max || p.y < y.min) clipped.push({ x: p.x, above: p.y > y.max, color });
        }
      }
    }
    return { markers, clipped };
  }

  /** The runs with a visible line that has points, and those of them that diverged. */
  drawn(): { runs: RunInfo[]; diverged: { run: string; step: number }[] } {
    const runs = this.runs.filter((r) => this.shown.some((e) => e.runId === r.id && !e.main.hidden && e.rawView.length > 0));
    const diverged = runs.flatMap((r) => {
      const at = this.divergedAt(r.id);
      return at === null ? [] : [{ run: r.name, step: at }];
    });
    return { runs, diverged };
  }

  private entry(runId: string, key: string): Entry {
    const id = entryId(runId, key);
    let e = this.entries.get(id);
    if (!e) {
      if (!this.keys.includes(key)) this.keys.push(key);
      e = { runId, key, series: new Series(), main: { data: [] }, raw: { data: [] }, rawView: [], drawn: null };
      this.entries.set(id, e);
      this.dirty = true;
    }
    return e;
  }
}
