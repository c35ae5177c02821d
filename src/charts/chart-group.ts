// Charts that share one y axis and one redraw schedule. Small multiples are only comparable when
// every small chart has the same scale and range; a standalone chart is a group of one.
//
// A redraw runs in three phases over all members: decide the scale from the healthy values (the
// user's checkbox, then the lesson's choice, then the data), build each member's datasets for that
// scale, then pick one range from all members' healthy values and draw each member with it.
import {
  axisBounds,
  chooseScale,
  type AxisBounds,
  type Scale,
  type ValueStats,
} from './axis-range';
import { FrameThrottle, type FrameClock } from './frame-throttle';

export interface AxisSpec {
  /** The metric's own choice: a scale, or 'auto' (log where the values span decades). */
  preferred: Scale | 'auto';
  /** Fixed bounds of a linear axis (accuracy is 0..1); one bound alone is a floor or a ceiling. */
  min?: number;
  max?: number;
  /** Keep zero in the range of a linear axis. */
  includeZero?: boolean;
}

export interface Prepared {
  /** Values of runs that did not diverge, drawn on the plot: the range comes from these. */
  healthy: number[];
  /** Of those, the values drawn as bold lines (smoothed where a line is smoothed; see axisBounds). */
  healthyBold: number[];
  /** Every drawn value: the range when every run diverged. */
  all: number[];
  allBold: number[];
  xMin: number;
  xMax: number;
}

export interface GroupMember {
  scaleStats(): ValueStats;
  prepare(scale: Scale): Prepared;
  commit(scale: Scale, y: AxisBounds | null, x: { min: number; max: number } | null): void;
}

export class ChartGroup {
  private readonly members = new Set<GroupMember>();
  private readonly throttle: FrameThrottle;
  private readonly listeners = new Set<(scale: Scale) => void>();
  private readonly drawnListeners = new Set<() => void>();
  private user: Scale | null = null;
  private config: Scale | null = null;
  private current: Scale;
  private stepHint = 0;
  private perEpoch: number | null = null;

  constructor(
    private readonly axis: AxisSpec,
    options: { minUpdateIntervalMs?: number; clock?: FrameClock } = {},
  ) {
    this.current = axis.preferred === 'auto' ? 'linear' : axis.preferred;
    this.throttle = new FrameThrottle(() => this.draw(), options.minUpdateIntervalMs ?? 250, options.clock);
  }

  /** The scale drawn now. */
  get scale(): Scale {
    return this.current;
  }

  /** The user's choice (the log checkbox): wins over everything; null gives the choice back. */
  setUserScale(scale: Scale | null): void {
    if (this.user === scale) return;
    this.user = scale;
    this.flush(); // a user's click: answer at once
  }

  /** The lesson's or stage's choice: wins over the data; null leaves it to the data. */
  setConfigScale(scale: Scale | null): void {
    if (this.config === scale) return;
    this.config = scale;
    this.request();
  }

  /** The steps the training will run: the step axis never runs past them (see stepAxisMax). */
  setStepRange(steps: number): void {
    const s = Number.isFinite(steps) && steps > 0 ? steps : 0;
    if (s === this.stepHint) return;
    this.stepHint = s;
    this.request();
  }

  /** Steps in one epoch when every run shares it (else null): the step axis and the readout name epochs too. */
  setStepsPerEpoch(steps: number | null): void {
    const s = steps !== null && Number.isFinite(steps) && steps > 0 ? steps : null;
    if (s === this.perEpoch) return;
    this.perEpoch = s;
    this.request();
  }

  get stepsPerEpoch(): number | null {
    return this.perEpoch;
  }

  /** Calls back whenever the drawn scale changes (the checkbox shows what is drawn). */
  onScale(listener: (scale: Scale) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls back after every redraw (a panel mirrors what is drawn onto its own element). */
  onDrawn(listener: () => void): () => void {
    this.drawnListeners.add(listener);
    return () => this.drawnListeners.delete(listener);
  }

  add(member: GroupMember): () => void {
    this.members.add(member);
    this.request();
    return () => {
      this.members.delete(member);
      if (this.members.size === 0) this.throttle.cancel();
    };
  }

  request(): void {
    if (this.members.size > 0) this.throttle.request();
  }

  flush(): void {
    if (this.members.size > 0) this.throttle.flush();
  }

  cancel(): void {
    this.throttle.cancel();
  }

  private draw(): void {
    const members = [...this.members];
    const stats: ValueStats = { count: 0, negatives: 0, zeros: 0, minPositive: Infinity, maxPositive: -Infinity };
    for (const m of members) {
      const s = m.scaleStats();
      stats.count += s.count;
      stats.negatives += s.negatives;
      stats.zeros += s.zeros;
      stats.minPositive = Math.min(stats.minPositive, s.minPositive);
      stats.maxPositive = Math.max(stats.maxPositive, s.maxPositive);
    }
    const scale = chooseScale({ user: this.user, config: this.config, preferred: this.axis.preferred, stats, previous: this.current });
    const prepared = members.map((m) => m.prepare(scale));
    const y = this.range(scale, prepared);
    let xMin = Infinity;
    let xMax = -Infinity;
    for (const p of prepared) {
      xMin = Math.min(xMin, p.xMin);
      xMax = Math.max(xMax, p.xMax);
    }
    const x = Number.isFinite(xMin) ? { min: Math.min(0, xMin), max: stepAxisMax(xMax, this.stepHint) } : this.stepHint > 0 ? { min: 0, max: this.stepHint } : null;
    // The group's scale is this draw's before any member commits: a member describes itself (its
    // canvas's data-y-scale) from it, and a stale one waited for the next draw, which a busy worker
    // may not send for seconds.
    const changed = scale !== this.current;
    this.current = scale;
    for (const m of members) m.commit(scale, y, x);
    if (changed) for (const l of this.listeners) l(scale);
    for (const l of this.drawnListeners) l();
  }

  private range(scale: Scale, prepared: readonly Prepared[]): AxisBounds | null {
    const { min, max } = this.axis;
    if (scale === 'linear' && min !== undefined && max !== undefined) return { min, max };
    const anyHealthy = prepared.some((p) => p.healthy.length > 0);
    const values = prepared.flatMap((p) => (anyHealthy ? p.healthy : p.all));
    const bold = prepared.flatMap((p) => (anyHealthy ? p.healthyBold : p.allBold));
    const bounds = axisBounds(values, scale, { bold, includeZero: scale === 'linear' && (min === 0 || this.axis.includeZero) });
    if (!bounds || scale !== 'linear') return bounds;
    // A one-sided fixed bound (distinct units never below 0) clamps the data's range.
    if (min !== undefined) bounds.min = Math.max(bounds.min, min);
    if (max !== undefined) bounds.max = Math.min(bounds.max, max);
    return bounds;
  }
}

/**
 * The end of the step axis: room ahead of the data in a few discrete jumps (the next 1, 2 or 5
 * times a power of ten above 1.2 times the last step), never past the steps the training will run.
 * A fixed 0..budget axis would squash the first 150 steps of a 5,000-step run into its left edge;
 * an axis that follows every step would rescale at every redraw.
 */
export function stepAxisMax(lastStep: number, budget: number): number {
  const needed = Math.max(1, lastStep);
  const p = 10 ** Math.floor(Math.log10(needed * 1.2));
  const f = (needed * 1.2) / p;
  const ahead = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  return budget > 0 ? Math.max(needed, Math.min(budget, ahead)) : needed;
}
