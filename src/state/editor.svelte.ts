// The experiment being edited: a draft the panels bind to, validated on every change, with each
// problem addressable by its field path so that the message shows beside its field. The draft is
// the document itself with each model as course notation, so what is shared is what is seen.
import { parseExperiment, TASK_INFO, type ExperimentDoc, type Issue, type OptimizerName, type RunSpec, type Task } from '../core/experiment';
import { MAX_RUNS } from '../core/experiment-schema';
import { defaultOptimizer } from '../core/fields';
import { cachedNotationParser, formatNotation, type NotationResult } from '../core/notation';
import { SvelteSet } from 'svelte/reactivity';
import { UserData } from './user-data.svelte';

export type DraftRun = Omit<RunSpec, 'model'> & { model: string };
export type Draft = Omit<ExperimentDoc, 'runs'> & { runs: DraftRun[] };

export function toDraft(doc: ExperimentDoc): Draft {
  return { ...structuredClone(doc), runs: doc.runs.map((run) => ({ ...structuredClone(run), model: formatNotation(run.model) })) };
}

/**
 * A starting document for a task: one run with the task's default model, trained long and fast enough
 * to converge (core/tasks.ts). A file task starts without its file (data.source), so that its draft
 * asks for one: the defaults are filled in with a stand-in source, which is then left out.
 */
export function defaultDraft(task: Task): Draft {
  const info = TASK_INFO[task];
  const standIn = info.file ? { source: { kind: info.file === 'csv' ? 'csv' : 'image-zip', name: 'none', size: 0, sha256: '0'.repeat(64), examples: 100, ...(info.file === 'csv' ? { classes: 3, features: 4 } : { classes: 2 }) } } : {};
  const result = parseExperiment({ task, data: { ...info.startingData, ...standIn }, runs: [info.startingRun] });
  if (!result.ok) throw new Error(`the defaults for ${task} are invalid: ${result.errors.join('; ')}`);
  const draft = toDraft(result.doc);
  if (info.file) delete draft.data.source;
  return draft;
}

export class ExperimentEditor {
  draft = $state<Draft>(defaultDraft('xor'));
  #problems = $state.raw<string[]>([]);
  #loads = $state(0);
  /** One parse per model text, shared by the validator, the run cards and their summary tables. */
  readonly parseNotation: (text: string) => NotationResult = cachedNotationParser();
  /** The user's own file (csv and images tasks), read in the page; the draft's data.source names it. */
  readonly files = new UserData();

  readonly result = $derived(parseExperiment($state.snapshot(this.draft), { parseNotation: this.parseNotation }));
  readonly doc: ExperimentDoc | null = $derived(this.result.ok ? this.result.doc : null);
  readonly issues: Issue[] = $derived(this.result.ok ? [] : this.result.issues);
  /**
   * Number boxes whose text is not a number yet ("", "-", "1e"), by field id. The draft still holds
   * their last number, so the document may be valid, but what is on screen is not: Train waits.
   */
  private readonly unparsed = new SvelteSet<string>();
  readonly hasUnparsedEntries = $derived(this.unparsed.size > 0);

  /** Counts the documents loaded or started afresh (a link, a file, a lesson, a new task): each is a new experiment, not an edit. */
  get loads(): number {
    return this.#loads;
  }

  /** Problems of the last load (an invalid link or file): shown until dismissed or the next load. */
  get loadProblems(): readonly string[] {
    return this.#problems;
  }

  showProblems(problems: readonly string[]): void {
    this.#problems = [...problems];
  }

  dismissProblems(): void {
    this.#problems = [];
  }

  markUnparsed(fieldId: string, unparsed: boolean): void {
    if (unparsed) this.unparsed.add(fieldId);
    else this.unparsed.delete(fieldId);
  }

  /** Messages for one field, or for everything under it (`runs[1]` covers that whole run). */
  issuesAt(path: string, { nested = false } = {}): string[] {
    return this.issues
      .filter((i) => i.path === path || (nested && (i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`))))
      .map((i) => i.message);
  }

  /** Replaces the draft with a document from a link, a file or a lesson; invalid input leaves the draft as it was. */
  load(input: unknown, source: string): boolean {
    const result = parseExperiment(input, { parseNotation: this.parseNotation });
    if (!result.ok) {
      this.showProblems([`${source} is not a valid experiment:`, ...result.errors]);
      return false;
    }
    this.draft = toDraft(result.doc);
    this.dismissProblems();
    this.#loads++;
    return true;
  }

  setTask(task: Task): void {
    if (task === this.draft.task) return;
    this.draft = defaultDraft(task);
    this.#loads++;
    // A new task starts without a file: a CSV loaded for one task is not the images of another.
    this.files.clear();
  }

  /** The same run again under a new name: change one thing and the two curves are a comparison. */
  duplicateRun(index: number): void {
    if (this.draft.runs.length >= MAX_RUNS) return;
    const copy = structuredClone($state.snapshot(this.draft.runs[index]));
    copy.name = this.freeName(copy.name);
    this.draft.runs.splice(index + 1, 0, copy);
  }

  removeRun(index: number): void {
    if (this.draft.runs.length > 1) this.draft.runs.splice(index, 1);
  }

  /** Switching optimizer starts from that optimizer's own defaults (their hyperparameters differ). */
  setOptimizer(index: number, name: OptimizerName): void {
    this.draft.runs[index].optimizer = defaultOptimizer(name);
  }

  get canAddRun(): boolean {
    return this.draft.runs.length < MAX_RUNS;
  }

  get defaultModel(): string {
    return TASK_INFO[this.draft.task].defaultModel;
  }

  /** The draft as a plain document (for a link or a file): valid or not, nothing is lost. */
  snapshot(): Draft {
    return $state.snapshot(this.draft) as Draft;
  }

  private freeName(base: string): string {
    const stem = base.replace(/ \(\d+\)$/, '');
    const taken = new Set(this.draft.runs.map((r) => r.name));
    for (let n = 2; ; n++) if (!taken.has(`${stem} (${n})`)) return `${stem} (${n})`;
  }
}
