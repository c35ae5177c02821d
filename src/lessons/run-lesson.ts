// Trains a lesson's experiment and judges its claim. Data loading is injected, so the same code
// serves the command line (digits from disk) and the tests.
import type { TrainEvent } from '../core/events';
import { experiment } from '../core/experiment';
import { ExperimentRunner, type RunnerOptions } from '../core/experiment-runner';
import { traceValley } from '../core/valley-trace';
import type { ValleyTrace } from '../core/valley';
import { buildDataset } from '../data/dataset';
import type { MnistDigits } from '../data/mnist';
import { Outcome, type Claim, type Lesson } from './lesson';

export interface LessonResult {
  outcome: Outcome;
  claim: Claim;
}

export async function runLesson(
  lesson: Lesson,
  loadDigits: () => Promise<MnistDigits>,
  options: Partial<RunnerOptions> = {},
): Promise<LessonResult> {
  const doc = experiment(lesson.experiment);
  const dataset = buildDataset(doc.task, doc.data, doc.task === 'mnist' ? await loadDigits() : undefined);
  const events: TrainEvent[] = [];
  const runner = new ExperimentRunner(doc, dataset, {
    ...options,
    onEvent: (e) => {
      events.push(e);
      options.onEvent?.(e);
    },
  });
  await runner.run();
  const outcome = new Outcome(doc, events, await traceLessonValley(lesson));
  return { outcome, claim: lesson.claim(outcome) };
}

/** The optimizer paths over the lesson's valley (on the current backend), or null when it has none. */
export function traceLessonValley(lesson: Lesson): Promise<ValleyTrace | null> {
  return lesson.valley ? traceValley(lesson.valley) : Promise.resolve(null);
}
