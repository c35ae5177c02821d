// What a lesson is: an experiment whose runs differ in one choice, the explanation a student reads
// in a minute, what to look at, and a claim about the runs' real metrics. Lessons are data plus a
// pure function of events: the app, `lab run <id>` and the tests all judge the same claim.
import type { DoneEvent, LayerStats, TrainEvent } from '../core/events';
import type { ExperimentDoc } from '../core/experiment-types';
import type { ValleyPath, ValleySpec, ValleyTrace } from '../core/valley';

export interface Claim {
  held: boolean;
  /** The effect in numbers, e.g. "hidden layer 1 of the constant run has 1 distinct unit; the He run has 64". */
  detail: string;
}

/**
 * The picture a lesson is about, drawn large at the top of the stage: the pictures the lesson's text
 * points at. Data only (the stage draws them): a metric chart (loss, accuracy, the test-minus-train
 * gap), a per-layer chart or meter, the optimizers' valley, the 2-D decision boundary, the network
 * drawn unit by unit.
 */
export type HeadlinePicture =
  | { view: 'metric'; kind: 'loss' | 'accuracy' | 'gap'; logScale?: boolean }
  | { view: 'layer'; metric: 'gradNorm' | 'weightNorm' | 'deadFraction' | 'distinctUnits' | 'activationMean' | 'activationStd'; layer?: 'all' | 'first hidden' | 'last hidden' | 'output'; logScale?: boolean }
  | { view: 'meter'; metric: 'distinctUnits' | 'deadFraction'; layer?: 'first hidden' | 'last hidden' | 'output' }
  | { view: 'valley' }
  | { view: 'boundary' }
  | { view: 'network' };

export interface Lesson {
  id: string;
  title: string;
  /** Paragraphs of plain text (formulas written in text); rendered as text, never HTML. */
  explanation: string[];
  /** What to look at on the charts and views. */
  lookAt: string[];
  /** The experiment document (validated when used). */
  experiment: unknown;
  /** When the CI-sized experiment is smaller than the full one: what the full version shows. */
  fullVersion?: string;
  /** Its key pictures, largest first (one or two); the stage shows them above everything else. */
  headline?: readonly HeadlinePicture[];
  /** A two-parameter valley whose optimizer paths the app draws and the claim may measure. */
  valley?: ValleySpec;
  claim(outcome: Outcome): Claim;
}

/** Everything one lesson run produced, with the look-ups claims need. */
export class Outcome {
  constructor(
    readonly doc: ExperimentDoc,
    readonly events: readonly TrainEvent[],
    /** The optimizer paths over the lesson's valley, when it has one. */
    readonly valley: ValleyTrace | null = null,
  ) {}

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

  /** First step at which the mean loss of the trailing `window` steps is at or below the threshold, or null. */
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

  /** Mean training loss over the last `window` steps. */
  finalLoss(run: string, window = 20): number {
    const losses = this.losses(run).slice(-window);
    return losses.reduce((a, b) => a + b, 0) / losses.length;
  }

  evals(run: string) {
    return this.of('eval', run);
  }

  /** The last per-layer diagnostics of a run (or those at a given step). */
  layers(run: string, step?: number): LayerStats[] {
    const all = this.of('layers', run);
    const chosen = step === undefined ? all.at(-1) : all.find((e) => e.step === step);
    if (!chosen) throw new Error(`no layer diagnostics for ${run}${step === undefined ? '' : ` at step ${step}`}`);
    return chosen.layers;
  }

  diverged(run: string): number | null {
    return this.of('diverged', run)[0]?.step ?? null;
  }
}

export { formatPercent as pct } from '../core/format';
export const num = (x: number, digits = 3) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));
