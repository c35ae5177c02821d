// The run a single-run view shows: the one picked while it exists, else the document's first.
import type { Task } from '../../core/experiment-types';
import type { TrainingController } from '../../state/training.svelte';

export class SelectedRun {
  readonly #training: () => TrainingController;
  readonly #tasks: readonly Task[];
  #picked = $state<string | null>(null);

  /** The runs of the last training when its task is one the view draws, else none. */
  readonly runs: string[] = $derived.by(() => {
    const doc = this.#training().trainedDoc;
    return doc && this.#tasks.includes(doc.task) ? doc.runs.map((r) => r.name) : [];
  });
  readonly name: string | null = $derived(this.#picked !== null && this.runs.includes(this.#picked) ? this.#picked : (this.runs[0] ?? null));

  constructor(training: () => TrainingController, tasks: readonly Task[]) {
    this.#training = training;
    this.#tasks = tasks;
  }

  pick = (run: string): void => {
    this.#picked = run;
  };
}
