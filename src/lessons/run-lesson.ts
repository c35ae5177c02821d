// Trains a lesson's experiment (or one of its controls) and judges its claim. Data loading is
// injected, so the same code serves the command line (digits from disk) and the tests.
import type { TrainEvent } from '../core/events';
import { experiment } from '../core/experiment';
import { ExperimentRunner, type RunnerOptions } from '../core/experiment-runner';
import type { ExperimentDoc, RunSpec } from '../core/experiment-types';
import { computeLandscape, type LandscapeProgress } from '../core/landscape';
import { PathRecorder } from '../core/landscape-path';
import type { LandscapeResult } from '../core/landscape-spec';
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
  // A step after training needs the networks themselves: nothing is reused, every run trains here.
  const after = new AfterTraining(lesson);
  if (after.needed) reuse = undefined;
  const reused = reuse ? reusableRuns(reuse, doc, options) : new Map<string, string>();
  // A reused run's events, under the name this document gives it.
  const events: TrainEvent[] = reuse
    ? doc.runs.flatMap((r) => {
        const from = reused.get(r.name);
        return from === undefined ? [] : reuse.events.filter((e) => 'run' in e && e.run === from).map((e) => ({ ...e, run: r.name }));
      })
    : [];
  const fresh = doc.runs.filter((r) => !reused.has(r.name));
  let landscape: LandscapeResult | null = null;
  if (fresh.length > 0) {
    const runner = new ExperimentRunner({ ...doc, runs: fresh }, dataset, {
      ...options,
      keepModels: options.keepModels || after.needed,
      onEvent: (e) => {
        events.push(e);
        after.observe(e);
        options.onEvent?.(e);
      },
    });
    after.attach(runner);
    try {
      await runner.run();
      landscape = await after.finish(runner);
    } finally {
      if (after.needed && !options.keepModels) runner.dispose();
    }
  }
  const outcome = await lessonOutcome(lesson, doc, events, dataset, valley, landscape);
  return { outcome, claim: lesson.claim(outcome) };
}

/**
 * What a lesson measures after training (Lesson.afterTraining): give it every training event while
 * the runner trains, keep the runner's models, then call finish. The command line and the tests share it.
 */
export class AfterTraining {
  private runner: ExperimentRunner | null = null;
  private readonly paths: PathRecorder | null;

  constructor(private readonly lesson: Lesson) {
    const spec = lesson.afterTraining?.landscape;
    this.paths = spec ? new PathRecorder(() => this.runner, spec.runs) : null;
  }

  /** Whether the lesson has a step after training (the runner must then keep its models). */
  get needed(): boolean {
    return this.paths !== null;
  }

  attach(runner: ExperimentRunner): void {
    this.runner = runner;
  }

  observe(event: TrainEvent): void {
    this.paths?.observe(event);
  }

  /** The landscape of the trained runs (null for a lesson without one). The runner must have kept its models. */
  finish(runner: ExperimentRunner, onProgress?: LandscapeProgress): Promise<LandscapeResult | null> {
    const spec = this.lesson.afterTraining?.landscape;
    return spec ? computeLandscape(runner, spec, this.paths, onProgress) : Promise.resolve(null);
  }
}

/** The outcome a claim is judged on: the events, plus the valley paths, the compute step's and the after-training step's results where the lesson has them. */
export async function lessonOutcome(
  lesson: Lesson,
  doc: ExperimentDoc,
  events: readonly TrainEvent[],
  dataset: Dataset,
  valley = lesson.valley,
  landscape: LandscapeResult | null = null,
): Promise<Outcome> {
  const traced = valley ? await traceValley(valley) : null;
  const computed = lesson.compute ? await lesson.compute(doc, dataset) : null;
  return new Outcome(doc, events, traced, computed, landscape);
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
