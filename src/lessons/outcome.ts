// Everything one lesson run produced, with the look-ups its claim needs, and the claim helpers that
// several lessons share. Pure functions of the engine's events: tests build Outcomes from hand-made
// curves (tests/lessons/synthetic.ts) to check each helper where the answer is known.
import type { DoneEvent, EvalEvent, LayerStats, TimingEvent, TrainEvent } from '../core/events';
import type { ExperimentDoc } from '../core/experiment-types';
import type { LandscapeResult, RunLandscape } from '../core/landscape-spec';
import type { ValleyPath, ValleyTrace } from '../core/valley';

export class Outcome {
  constructor(
    readonly doc: ExperimentDoc,
    readonly events: readonly TrainEvent[],
    /** The optimizer paths over the lesson's valley, when it has one. */
    readonly valley: ValleyTrace | null = null,
    /** What the lesson's compute step measured without training (gradient checking), when it has one. */
    readonly computed: unknown = null,
    /** The loss landscape measured after training, when the lesson asks for one (Lesson.afterTraining). */
    readonly landscape: LandscapeResult | null = null,
  ) {}

  landscapeOf(run: string): RunLandscape {
    if (!this.landscape) throw new Error('the loss landscape has not been computed');
    const found = this.landscape.runs.find((r) => r.run === run);
    if (!found) throw new Error(`the loss landscape has no run ${JSON.stringify(run)}`);
    return found;
  }

  valleyPath(name: string): ValleyPath {
    if (!this.valley) throw new Error('the valley paths have not been traced');
    const path = this.valley.paths.find((p) => p.name === name);
    if (!path) throw new Error(`the valley has no path ${JSON.stringify(name)}`);
    return path;
  }

  private of<T extends TrainEvent['type']>(type: T, run: string): Extract<TrainEvent, { type: T }>[] {
    return this.events.filter((e) => e.type === type && e.run === run) as Extract<TrainEvent, { type: T }>[];
  }

  done(run: string): DoneEvent {
    const done = this.of('done', run)[0];
    if (!done) throw new Error(`run ${JSON.stringify(run)} did not finish`);
    return done;
  }

  /** Per-step training losses, in step order. */
  losses(run: string): number[] {
    return this.of('metrics', run).map((m) => m.loss);
  }

  /**
   * The step at which the mean loss of the trailing `window` steps first is at or below the
   * threshold, or null if it never is (also when the run has fewer than `window` steps).
   */
  stepsToLoss(run: string, threshold: number, window = 10): number | null {
    const metrics = this.of('metrics', run);
    let sum = 0;
    for (let i = 0; i < metrics.length; i++) {
      sum += metrics[i].loss;
      if (i >= window) sum -= metrics[i - window].loss;
      if (i >= window - 1 && sum / window <= threshold) return metrics[i].step;
    }
    return null;
  }

  /** Mean training loss over the last `window` steps (all of them when there are fewer); NaN for a run without steps. */
  finalLoss(run: string, window = 20): number {
    return mean(this.losses(run).slice(-window));
  }

  evals(run: string): EvalEvent[] {
    return this.of('eval', run);
  }

  timings(run: string): TimingEvent[] {
    return this.of('timing', run);
  }

  /** The last per-layer diagnostics of a run (or those at a given step). */
  layers(run: string, step?: number): LayerStats[] {
    const all = this.of('layers', run);
    const chosen = step === undefined ? all.at(-1) : all.find((e) => e.step === step);
    if (!chosen) throw new Error(`no layer diagnostics for ${run}${step === undefined ? '' : ` at step ${step}`}`);
    return chosen.layers;
  }

  /** Every diagnostics event of a run, in step order: one layer's figure over time. */
  layerSeries(run: string, layer = 0): { step: number; stats: LayerStats }[] {
    return this.of('layers', run).map((e) => ({ step: e.step, stats: e.layers[layer] }));
  }

  /** The step at which the run's loss stopped being a finite number, or null. */
  diverged(run: string): number | null {
    return this.of('diverged', run)[0]?.step ?? null;
  }
}

export const mean = (values: readonly number[]): number => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);

/** Mean loss over consecutive, non-overlapping windows: the curve without the batch-to-batch noise (a last partial window is dropped). */
export function windowMeans(values: readonly number[], window: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + window <= values.length; i += window) out.push(mean(values.slice(i, i + window)));
  return out;
}

/**
 * The largest climb of a curve above its lowest point so far, relative to that point: 0.5 means it
 * came back up to 1.5 times its best. 0 for a curve that never rises.
 */
export function largestRebound(curve: readonly number[]): number {
  let lowest = Infinity;
  let rebound = 0;
  for (const v of curve) {
    lowest = Math.min(lowest, v);
    if (lowest > 0) rebound = Math.max(rebound, (v - lowest) / lowest);
  }
  return rebound;
}

/** The last evaluation's test loss minus its training-set loss (both in inference mode): the generalisation gap. */
export function trainTestGap(outcome: Outcome, run: string): number {
  const last = outcome.evals(run).at(-1);
  if (!last) throw new Error(`run ${JSON.stringify(run)} has no evaluation`);
  return last.testLoss - last.trainSetLoss;
}

export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/** A lower bound as a percentage, rounded down so that "at least" stays true. */
export const atLeastPct = (x: number) => `${(Math.floor(1000 * x) / 10).toFixed(1)}%`;
export const num = (x: number, digits = 3) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));
/** "N steps", or "not within N steps" for a threshold never reached. */
export const stepsText = (steps: number | null, budget: number) => (steps === null || !Number.isFinite(steps) ? `not within ${budget} steps` : `${steps} steps`);

/**
 * How many times a curve climbs and comes back: a rise of at least `fraction` above the lowest
 * point since the last swing, followed by a fall of at least `fraction` below the top of that rise.
 * An oscillating loss swings again and again; a diverging one climbs once and never comes back (0).
 */
export function swings(curve: readonly number[], fraction: number): number {
  let low = Infinity;
  let high = -Infinity;
  let rising = false;
  let count = 0;
  for (const v of curve) {
    if (!rising) {
      low = Math.min(low, v);
      if (v >= low * (1 + fraction)) [rising, high] = [true, v];
    } else {
      high = Math.max(high, v);
      if (v <= high * (1 - fraction)) [rising, low, count] = [false, v, count + 1];
    }
  }
  return count;
}
