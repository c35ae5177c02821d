// The architecture being edited as course notation, with its parse result and summary derived
// from it. Pure core modules only (no tfjs): this runs on the main thread on every keystroke.
import { parseNotation, type NotationError } from '../core/notation';
import { summarize, type ModelSummary } from '../core/summary';

export class ArchitectureState {
  text = $state('');

  readonly parsed = $derived(parseNotation(this.text));
  readonly errors: NotationError[] = $derived(this.parsed.ok ? [] : this.parsed.errors);
  readonly summary: ModelSummary | null = $derived(this.parsed.ok ? summarize(this.parsed.model) : null);

  constructor(initial: string) {
    this.text = initial;
  }
}
