// The lesson on screen, if any, and its verdict once training stops. The claim is judged on the
// same events the charts drew, by the same function the tests and `lab run <id>` use.
import { errorText } from '../core/error-text';
import type { TrainEvent } from '../core/events';
import type { ExperimentDoc } from '../core/experiment-types';
import type { ValleySpec, ValleyTrace } from '../core/valley';
import { LESSONS, lessonById, Outcome, type Claim, type Lesson } from '../lessons';

export type { ValleyTrace };

export type Verdict = { kind: 'claim'; claim: Claim } | { kind: 'not-judged'; reason: string };

export class LessonState {
  #current = $state.raw<Lesson | null>(null);
  #verdict = $state.raw<Verdict | null>(null);
  #valley = $state.raw<ValleyTrace | null>(null);
  #valleyError = $state.raw<string | null>(null);

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
  }

  private show(lesson: Lesson | null): void {
    this.#current = lesson;
    this.#verdict = null;
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

  /** Judges the claim on a finished training of this lesson's runs (edited or not). */
  judge(doc: ExperimentDoc, events: readonly TrainEvent[]): void {
    const lesson = this.#current;
    if (!lesson) return;
    try {
      this.#verdict = { kind: 'claim', claim: lesson.claim(new Outcome(doc, events, this.#valley)) };
    } catch (err) {
      // The claim reads the lesson's runs by name: renamed or removed runs cannot be judged.
      this.#verdict = { kind: 'not-judged', reason: `the claim could not be checked on these runs (${(err as Error).message}); reopen the lesson to train its runs as they are` };
    }
  }
}
