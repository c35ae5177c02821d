// Trains a lesson's experiment (or one of its controls) and judges its claim. Data loading is
// injected, so the same code serves the command line (digits from disk) and the tests.
import type { TrainEvent } from '../core/events';
import { experiment } from '../core/experiment';
import { ExperimentRunner, type RunnerOptions } from '../core/experiment-runner';
import type { ExperimentDoc, RunSpec } from '../core/experiment-types';
import type { ValleySpec, ValleyTrace } from '../core/valley';
import { traceValley } from '../core/valley-trace';
import { buildDataset, type Dataset } from '../data/dataset';
import type { MnistDigits } from '../data/mnist';
import type { Claim, Lesson, LessonControl } from './lesson';
import { Outcome } from './outcome';

export interface LessonResult {
  outcome: Outcome;
  claim: Claim;
}

export interface LessonRunOptions extends Partial<RunnerOptions> {
  /**
   * A finished outcome (on the same backend) whose runs may stand in for identical runs of this
   * document: a run with the same spec and the same data options trains to the same events (same
   * seed, same weights, same batches; the name only labels them), so a control trains only the runs
   * it changes.
   */
  reuse?: Outcome;
}

export function runLesson(lesson: Lesson, loadDigits: () => Promise<MnistDigits>, options: LessonRunOptions = {}): Promise<LessonResult> {
  return judge(lesson, lesson.experiment, lesson.valley, loadDigits, options);
}

export function runControl(lesson: Lesson, control: LessonControl, loadDigits: () => Promise<MnistDigits>, options: LessonRunOptions = {}): Promise<LessonResult> {
  return judge(lesson, control.experiment, control.valley ?? lesson.valley, loadDigits, options);
}

async function judge(
  lesson: Lesson,
  input: unknown,
  valley: ValleySpec | undefined,
  loadDigits: () => Promise<MnistDigits>,
  { reuse, ...options }: LessonRunOptions,
): Promise<LessonResult> {
  const doc = experiment(input);
  const dataset = buildDataset(doc.task, doc.data, doc.task === 'mnist' ? await loadDigits() : undefined);
  const reused = reuse ? reusableRuns(reuse, doc, options) : new Map<string, string>();
  // A reused run's events, under the name this document gives it.
  const events: TrainEvent[] = reuse
    ? doc.runs.flatMap((r) => {
        const from = reused.get(r.name);
        return from === undefined ? [] : reuse.events.filter((e) => 'run' in e && e.run === from).map((e) => ({ ...e, run: r.name }));
      })
    : [];
  const fresh = doc.runs.filter((r) => !reused.has(r.name));
  if (fresh.length > 0) {
    const runner = new ExperimentRunner({ ...doc, runs: fresh }, dataset, {
      ...options,
      onEvent: (e) => {
        events.push(e);
        options.onEvent?.(e);
      },
    });
    await runner.run();
  }
  const outcome = await lessonOutcome(lesson, doc, events, dataset, valley);
  return { outcome, claim: lesson.claim(outcome) };
}

/** The outcome a claim is judged on: the events, plus the valley paths and the compute step's result where the lesson has them. */
export async function lessonOutcome(lesson: Lesson, doc: ExperimentDoc, events: readonly TrainEvent[], dataset: Dataset, valley = lesson.valley): Promise<Outcome> {
  const traced = valley ? await traceValley(valley) : null;
  const computed = lesson.compute ? await lesson.compute(doc, dataset) : null;
  return new Outcome(doc, events, traced, computed);
}

/** The optimizer paths over the lesson's valley (on the current backend), or null when it has none. */
export function traceLessonValley(lesson: Lesson): Promise<ValleyTrace | null> {
  return lesson.valley ? traceValley(lesson.valley) : Promise.resolve(null);
}

/**
 * For each run of `doc` that `previous` trained identically (same data, same spec apart from the
 * name, run to its end, same options), the name it had there.
 */
function reusableRuns(previous: Outcome, doc: ExperimentDoc, options: Partial<RunnerOptions>): Map<string, string> {
  const found = new Map<string, string>();
  if (options.steps !== undefined || !sameJson(previous.doc.data, doc.data) || previous.doc.task !== doc.task) return found;
  const finished = (name: string) => previous.events.some((e) => e.type === 'done' && e.run === name && !e.stopped);
  const bySpec = new Map<string, string>();
  for (const r of previous.doc.runs) if (finished(r.name)) bySpec.set(specKey(r), r.name);
  for (const r of doc.runs) {
    const from = bySpec.get(specKey(r));
    if (from !== undefined) found.set(r.name, from);
  }
  return found;
}

const specKey = ({ name: _name, ...spec }: RunSpec) => JSON.stringify(spec);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
