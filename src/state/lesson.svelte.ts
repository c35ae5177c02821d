// The lesson on screen, if any, and its verdict once training stops. The claim is judged on the
// same events the charts drew, by the same function the tests and `lab run <id>` use.
import { errorText } from '../core/error-text';
import type { TrainEvent } from '../core/events';
import { experiment } from '../core/experiment';
import type { ExperimentDoc } from '../core/experiment-types';
import type { LandscapeResult, LandscapeSpec } from '../core/landscape-spec';
import type { ValleySpec, ValleyTrace } from '../core/valley';
import { LESSONS, lessonById, Outcome, type Claim, type Lesson } from '../lessons';

export type { ValleyTrace };

/** waiting: training stopped, and the claim waits for a measurement of the trained runs (a compute step, a loss landscape). */
export type Verdict = { kind: 'claim'; claim: Claim } | { kind: 'not-judged'; reason: string } | { kind: 'waiting'; reason: string };

/** A lesson's compute step (see Lesson.compute), run by the training session: the lesson's id and the document. */
export type ComputeStep = (lesson: string, doc: ExperimentDoc) => Promise<unknown>;

/** The open lesson's compute step: running on a document, its plain-data result, or why it failed. */
export type Computed = { state: 'running'; key: string } | { state: 'done'; key: string; result: unknown } | { state: 'failed'; key: string; error: string };

/** The parts of a document a compute step reads: the same runs on the same data give the same result. */
const computeKey = (doc: ExperimentDoc) => JSON.stringify([doc.task, doc.data, doc.runs]);

/** What the lesson's step after training asks of the session (the TrainingController). */
export interface AfterTrainingHost {
  landscape(spec: LandscapeSpec, onProgress?: (done: number, total: number) => void): Promise<LandscapeResult>;
}

/** The loss landscape of the last training, while it is computed and once it is. */
export type LandscapeState =
  | { kind: 'computing'; done: number; total: number }
  | { kind: 'done'; result: LandscapeResult }
  | { kind: 'failed'; reason: string };

export class LessonState {
  #current = $state.raw<Lesson | null>(null);
  #verdict = $state.raw<Verdict | null>(null);
  #valley = $state.raw<ValleyTrace | null>(null);
  #valleyError = $state.raw<string | null>(null);
  #computed = $state.raw<Computed | null>(null);
  /** The finished training a verdict waits to judge until its compute step is in. */
  #pending: { doc: ExperimentDoc; events: readonly TrainEvent[] } | null = null;

  /** Without a compute step (a component test), lessons that have one are never judged. */
  #landscape = $state.raw<LandscapeState | null>(null);
  /** Which judging the landscape belongs to: a newer training or lesson makes a late answer stale. */
  #judging = 0;

  /** Without a compute step (a component test), lessons that have one are never judged. */
  constructor(private readonly computeStep: ComputeStep | null = null) {}

  get current(): Lesson | null {
    return this.#current;
  }

  get verdict(): Verdict | null {
    return this.#verdict;
  }

  /** The optimizer paths over the open lesson's valley, once traced. */
  get valley(): ValleyTrace | null {
    return this.#valley;
  }

  get valleyError(): string | null {
    return this.#valleyError;
  }

  /** The open lesson's compute step (gradient checking): what its picture draws. */
  get computed(): Computed | null {
    return this.#computed;
  }

  /** The loss landscape of the last training of a lesson that asks for one. */
  get landscape(): LandscapeState | null {
    return this.#landscape;
  }

  readonly all = LESSONS;

  /**
   * Returns the lesson for an id from a link or the menu, or null for an unknown id. A lesson with
   * a compute step starts it at once on the lesson's own runs: the measurement needs no training
   * (it is made at the initial weights), so its picture is there while the student reads.
   */
  open(id: string): Lesson | null {
    const lesson = lessonById(id) ?? null;
    this.show(lesson);
    if (lesson?.compute) this.compute(experiment(lesson.experiment));
    return lesson;
  }

  close(): void {
    this.show(null);
  }

  /** A new training of the lesson began: the last verdict no longer applies. */
  clearVerdict(): void {
    this.#verdict = null;
    this.#pending = null;
    this.#landscape = null;
    this.#judging++;
  }

  private show(lesson: Lesson | null): void {
    this.#current = lesson;
    this.clearVerdict();
    this.#valley = null;
    this.#valleyError = null;
    this.#computed = null;
  }

  /** Traces the open lesson's valley, if it has one, with the tracer given (the training session). */
  traceValley(trace: (valley: ValleySpec) => Promise<ValleyTrace>): void {
    const lesson = this.#current;
    if (!lesson?.valley) return;
    trace(lesson.valley).then(
      (traced) => {
        if (this.#current === lesson) this.#valley = traced;
      },
      (err: unknown) => {
        if (this.#current === lesson) this.#valleyError = `the valley could not be traced: ${errorText(err)}`;
      },
    );
  }

  /** Runs the open lesson's compute step on a document, unless it is running or done on the same runs. */
  private compute(doc: ExperimentDoc): void {
    const lesson = this.#current;
    const key = computeKey(doc);
    if (!lesson?.compute || (this.#computed?.key === key && this.#computed.state !== 'failed')) return;
    if (!this.computeStep) {
      this.#computed = { state: 'failed', key, error: 'no training session runs compute steps here' };
      return;
    }
    const computed: Computed = { state: 'running', key };
    this.#computed = computed;
    const still = () => this.#current === lesson && this.#computed === computed;
    this.computeStep(lesson.id, doc).then(
      (result) => {
        if (!still()) return;
        this.#computed = { state: 'done', key, result };
        this.judgePending();
      },
      (err: unknown) => {
        if (!still()) return;
        this.#computed = { state: 'failed', key, error: errorText(err) };
        this.judgePending();
      },
    );
  }

  /**
   * Judges the claim on a finished training of this lesson's runs (edited or not). A lesson with a
   * compute step is judged once that step's result for these runs is in; a lesson with a step after
   * training (its loss landscape) has the session compute it first, and is judged on that.
   */
  judge(doc: ExperimentDoc, events: readonly TrainEvent[], session?: AfterTrainingHost): void {
    const lesson = this.#current;
    if (!lesson) return;
    if (lesson.compute) {
      // The claim reads the compute step's result for the runs that trained: edited runs are measured anew.
      this.#pending = { doc, events };
      this.compute(doc);
      return this.judgePending();
    }
    const spec = lesson.afterTraining?.landscape;
    if (!spec) return void (this.#verdict = this.verdictOf(lesson, doc, events, null, null));
    if (!session) return void (this.#verdict = { kind: 'not-judged', reason: 'the loss landscape this claim reads cannot be computed here' });
    const judging = ++this.#judging;
    const current = () => this.#judging === judging && this.#current === lesson;
    const measuring = (done: number, total: number) => {
      this.#landscape = { kind: 'computing', done, total };
      const share = total > 0 ? `: ${Math.floor((100 * done) / total)}% of ${total} points` : '';
      this.#verdict = { kind: 'waiting', reason: `Computing the loss landscape the claim reads${share}…` };
    };
    measuring(0, 0);
    session
      .landscape(spec, (done, total) => current() && measuring(done, total))
      .then(
        (result) => {
          if (!current()) return;
          this.#landscape = { kind: 'done', result };
          this.#verdict = this.verdictOf(lesson, doc, events, null, result);
        },
        (err: unknown) => {
          if (!current()) return;
          const reason = `the loss landscape could not be computed: ${errorText(err)}`;
          this.#landscape = { kind: 'failed', reason };
          this.#verdict = { kind: 'not-judged', reason: `${reason}; the claim reads it, so it was not judged` };
        },
      );
  }

  private judgePending(): void {
    const lesson = this.#current;
    const pending = this.#pending;
    const computed = this.#computed;
    if (!lesson || !pending || !computed || computed.key !== computeKey(pending.doc)) return;
    if (computed.state === 'running') {
      this.#verdict = { kind: 'waiting', reason: 'Training finished; the verdict waits for the lesson’s measurement (below) to finish…' };
      return;
    }
    this.#pending = null;
    this.#verdict =
      computed.state === 'failed'
        ? { kind: 'not-judged', reason: `the claim could not be checked: the lesson's measurement failed (${computed.error})` }
        : this.verdictOf(lesson, pending.doc, pending.events, computed.result, null);
  }

  private verdictOf(lesson: Lesson, doc: ExperimentDoc, events: readonly TrainEvent[], computed: unknown, landscape: LandscapeResult | null): Verdict {
    try {
      return { kind: 'claim', claim: lesson.claim(new Outcome(doc, events, this.#valley, computed, landscape)) };
    } catch (err) {
      // The claim reads the lesson's runs by name: renamed or removed runs cannot be judged.
      return { kind: 'not-judged', reason: `the claim could not be checked on these runs (${(err as Error).message}); reopen the lesson to train its runs as they are` };
    }
  }
}
