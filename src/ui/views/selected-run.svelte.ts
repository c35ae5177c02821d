// The run a single-run view shows: the one picked while it exists, else the document's first.
import type { RunSpec, Task } from '../../core/experiment-types';
import type { TrainingController } from '../../state/training.svelte';

export class SelectedRun {
  readonly #training: () => TrainingController;
  readonly #tasks: readonly Task[];
  readonly #fits: (run: RunSpec) => boolean;
  #picked = $state<string | null>(null);

  /** The runs of the last training that the view can draw (its task, and what `fits` asks of a run). */
  readonly runs: string[] = $derived.by(() => {
    const doc = this.#training().trainedDoc;
    return doc && this.#tasks.includes(doc.task) ? doc.runs.filter((r) => this.#fits(r)).map((r) => r.name) : [];
  });
  readonly name: string | null = $derived(this.#picked !== null && this.runs.includes(this.#picked) ? this.#picked : (this.runs[0] ?? null));

  constructor(training: () => TrainingController, tasks: readonly Task[], fits: (run: RunSpec) => boolean = () => true) {
    this.#training = training;
    this.#tasks = tasks;
    this.#fits = fits;
  }

  pick = (run: string): void => {
    this.#picked = run;
  };
}
