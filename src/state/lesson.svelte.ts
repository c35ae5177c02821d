// The lesson on screen, if any, and its verdict once training stops. The claim is judged on the
// same events the charts drew, by the same function the tests and `lab run <id>` use.
import { errorText } from '../core/error-text';
import type { TrainEvent } from '../core/events';
import type { ExperimentDoc } from '../core/experiment-types';
import type { LandscapeResult, LandscapeSpec } from '../core/landscape-spec';
import type { ValleySpec, ValleyTrace } from '../core/valley';
import { LESSONS, lessonById, Outcome, type Claim, type Lesson } from '../lessons';

export type { ValleyTrace };

export type Verdict = { kind: 'claim'; claim: Claim } | { kind: 'not-judged'; reason: string } | { kind: 'measuring'; reason: string };

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
  #landscape = $state.raw<LandscapeState | null>(null);
  /** Which judging the landscape belongs to: a newer training or lesson makes a late answer stale. */
  #judging = 0;

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

  /** The loss landscape of the last training of a lesson that asks for one. */
  get landscape(): LandscapeState | null {
    return this.#landscape;
  }

  readonly all = LESSONS;

  /** Returns the lesson for an id from a link or the menu, or null for an unknown id. */
  open(id: string): Lesson | null {
    const lesson = lessonById(id) ?? null;
    this.show(lesson);
    return lesson;
  }

  close(): void {
    this.show(null);
  }

  /** A new training of the lesson began: the last verdict no longer applies. */
  clearVerdict(): void {
    this.#verdict = null;
    this.#landscape = null;
    this.#judging++;
  }

  private show(lesson: Lesson | null): void {
    this.#current = lesson;
    this.clearVerdict();
    this.#valley = null;
    this.#valleyError = null;
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

  /**
   * Judges the claim on a finished training of this lesson's runs (edited or not). A lesson with a
   * step after training (its loss landscape) has the session compute it first, and is judged on that.
   */
  judge(doc: ExperimentDoc, events: readonly TrainEvent[], session?: AfterTrainingHost): void {
    const lesson = this.#current;
    if (!lesson) return;
    const spec = lesson.afterTraining?.landscape;
    if (!spec) return this.judgeOn(lesson, doc, events, null);
    if (!session) return void (this.#verdict = { kind: 'not-judged', reason: 'the loss landscape this claim reads cannot be computed here' });
    const judging = ++this.#judging;
    const current = () => this.#judging === judging && this.#current === lesson;
    const measuring = (done: number, total: number) => {
      this.#landscape = { kind: 'computing', done, total };
      const share = total > 0 ? `: ${Math.floor((100 * done) / total)}% of ${total} points` : '';
      this.#verdict = { kind: 'measuring', reason: `Computing the loss landscape the claim reads${share}…` };
    };
    measuring(0, 0);
    session
      .landscape(spec, (done, total) => current() && measuring(done, total))
      .then(
        (result) => {
          if (!current()) return;
          this.#landscape = { kind: 'done', result };
          this.judgeOn(lesson, doc, events, result);
        },
        (err: unknown) => {
          if (!current()) return;
          const reason = `the loss landscape could not be computed: ${errorText(err)}`;
          this.#landscape = { kind: 'failed', reason };
          this.#verdict = { kind: 'not-judged', reason: `${reason}; the claim reads it, so it was not judged` };
        },
      );
  }

  private judgeOn(lesson: Lesson, doc: ExperimentDoc, events: readonly TrainEvent[], landscape: LandscapeResult | null): void {
    try {
      this.#verdict = { kind: 'claim', claim: lesson.claim(new Outcome(doc, events, this.#valley, null, landscape)) };
    } catch (err) {
      // The claim reads the lesson's runs by name: renamed or removed runs cannot be judged.
      this.#verdict = { kind: 'not-judged', reason: `the claim could not be checked on these runs (${(err as Error).message}); reopen the lesson to train its runs as they are` };
    }
  }
}
