// What a lesson is: an experiment whose runs differ in one choice, the explanation a student reads
// in a minute, what to look at, and a claim about the runs' real metrics. Lessons are data plus a
// pure function of events: the app, `lab run <id>` and the tests all judge the same claim.
//
// Every claim comes with controls: the same experiment with the cause removed, on which the claim
// must come out false. A claim that also held on its control would not be evidence of anything.
import type { ExperimentDoc } from '../core/experiment-types';
import type { LandscapeSpec } from '../core/landscape-spec';
import type { ValleySpec } from '../core/valley';
import type { Dataset } from '../data/dataset';
import type { Outcome } from './outcome';

export { Outcome, num, pct } from './outcome';

/** One part of a claim, e.g. "the ReLU units die", with its own verdict and numbers. */
export interface Check {
  id: string;
  held: boolean;
  detail: string;
}

export interface Claim {
  held: boolean;
  /** The effect in numbers, e.g. "hidden layer 1 of the constant run has 1 distinct unit; the He run has 64". */
  detail: string;
  /** The parts the verdict is made of; held is true when every part held. */
  checks: Check[];
}

/** A claim made of checks: it holds when all of them do, and its detail says which did not. */
export function allOf(...checks: Check[]): Claim {
  return {
    held: checks.every((c) => c.held),
    detail: checks.map((c) => (c.held ? c.detail : `${c.detail} (this part did NOT hold)`)).join('; '),
    checks,
  };
}

export const check = (id: string, held: boolean, detail: string): Check => ({ id, held, detail });

/** The lesson's experiment with the cause removed: the claim must not hold on it. */
export interface LessonControl {
  id: string;
  /** What differs from the lesson and why the claim must then fail. */
  describe: string;
  /** A complete experiment document; runs keep the lesson's names so that the claim can read them. */
  experiment: unknown;
  /** Replaces the lesson's valley, when the cause also lives there (momentum's β). */
  valley?: ValleySpec;
  /** The checks that must fail on this control (the others may hold). */
  breaks: string[];
}

/**
 * The picture a lesson is about, drawn large at the top of the stage: the pictures the lesson's text
 * points at. Data only (the stage draws them): a metric chart (loss, accuracy, the test-minus-train
 * gap), a per-layer chart or meter, the optimizers' valley, the 2-D decision boundary, the network
 * drawn unit by unit.
 */
export type HeadlinePicture =
  | { view: 'metric'; kind: 'loss' | 'accuracy' | 'gap' | 'learningRate'; logScale?: boolean }
  | { view: 'layer'; metric: 'gradNorm' | 'weightNorm' | 'deadFraction' | 'distinctUnits' | 'activationMean' | 'activationStd'; layer?: 'all' | 'first hidden' | 'last hidden' | 'output'; logScale?: boolean }
  | { view: 'meter'; metric: 'distinctUnits' | 'deadFraction'; layer?: 'first hidden' | 'last hidden' | 'output' }
  | { view: 'valley' }
  | { view: 'boundary' }
  | { view: 'network' }
  /** The compute step's gradient checks: relative error against h per layer, and its table. */
  | { view: 'gradientCheck' }
  /** The convolution and pooling calculator (no run needed). */
  | { view: 'convCalculator' }
  /** The loss along the line from the initial to the trained weights, and a 2-D slice around the latter. */
  | { view: 'landscape' };

export interface Lesson {
  id: string;
  title: string;
  /** The question the lesson answers, in one sentence. */
  question: string;
  /** What the claim asserts, in words (its numbers come from the run, in the claim's detail). */
  claimInWords: string;
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
  /**
   * A measurement made without training, on the current backend, before the claim is judged
   * (gradient checking). Its plain-data result reaches the claim as `outcome.computed`.
   */
  compute?: (doc: ExperimentDoc, dataset: Dataset) => Promise<unknown>;
  /**
   * A measurement made AFTER training, on the trained networks (in Node by run-lesson.ts, in the
   * page by the worker): the loss landscape of these runs. Its result reaches the claim as `outcome.landscape`.
   */
  afterTraining?: { landscape: LandscapeSpec };
  claim(outcome: Outcome): Claim;
  /** At least one; the tests train each and expect `held: false` with its `breaks` failed. */
  controls: LessonControl[];
}
