// Keeps a run's model fitting its data when the user changes what decides its shape (input features,
// the number of classes, a loaded file, the image size): the notation's INPUT and its last FC-n are
// rewritten, and nothing else. Only on those actions: a model typed by hand keeps the validator's message.
import { classCount, featuresOf, inputShapesFor } from '../../core/experiment';
import type { Draft, DraftRun } from '../../state/editor.svelte';

const INPUT = /^(\s*INPUT\s+)(\d+(?:\s*[x×]\s*\d+)*)/i;
const LAST_FC = /FC-(\d+)(?![\s\S]*FC-\d)/i;

/** The notation with its input shape replaced (text that does not start with INPUT is returned as is). */
export function withInput(notation: string, shape: readonly number[]): string {
  return notation.replace(INPUT, (_, head: string) => `${head}${shape.join('x')}`);
}

/** The notation with its last FC layer's width replaced. */
export function withOutputs(notation: string, units: number): string {
  return notation.replace(LAST_FC, `FC-${units}`);
}

const dims = (notation: string): number[] | null => {
  const match = INPUT.exec(notation);
  return match ? match[2].split(/\s*[x×]\s*/).map(Number) : null;
};

/** Rewrites one run's model to the shapes the draft's data asks for, where it does not fit them already. */
export function fitRun(draft: Draft, run: DraftRun): void {
  const shapes = inputShapesFor(draft.task, draft.data, featuresOf(run));
  const current = dims(run.model);
  if (shapes && current && !shapes.some((s) => s.join('x') === current.join('x'))) {
    // An image model keeps its form: a CONV net stays HxWxC, an MLP stays flat.
    const same = shapes.find((s) => s.length === current.length) ?? shapes[0];
    run.model = withInput(run.model, same);
  }
  const classes = classCount(draft.task, draft.data);
  const last = LAST_FC.exec(run.model);
  if (classes !== null && last) {
    const units = Number(last[1]);
    const fits = classes === 2 ? units === 1 || units === 2 : units === classes;
    if (!fits) run.model = withOutputs(run.model, classes);
  }
}

export function fitRuns(draft: Draft): void {
  for (const run of draft.runs) fitRun(draft, run);
}
