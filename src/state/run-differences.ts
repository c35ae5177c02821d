// What sets each run apart from the others, in a few words for its chip ("β 0.99999", "lr 30",
// "FC-64 SIGMOID"): runs of a comparison differ in one choice, and that choice is their name tag.
// Pure: reads the editor's draft runs (the model as notation text).
import { HYPERPARAMETERS, hyperparameter, hyperparameterKeys, OPTIMIZERS, TRAINING_FIELDS, type OptimizerSpec } from '../core/fields';

export interface DraftRunLike {
  name: string;
  seed: number;
  model: string;
  optimizer: OptimizerSpec;
  training: Record<string, unknown>;
}

const SHORT: Record<string, string> = {
  learningRate: 'lr',
  momentum: 'β',
  beta1: 'β₁',
  beta2: 'β₂',
  epsilon: 'ε',
  decay: 'decay',
  initialAccumulator: 'acc₀',
  batchSize: 'batch',
  steps: 'steps',
  l2: 'L2',
  clipNorm: 'clip',
  loss: 'loss',
  evalEvery: 'eval every',
};

/** One short phrase per run: the settings in which it differs from at least one other run. */
export function runDifferences(runs: readonly DraftRunLike[], maxParts = 3): string[] {
  if (runs.length < 2) return runs.map(() => '');
  const differs = <T>(get: (run: DraftRunLike) => T) => new Set(runs.map((r) => JSON.stringify(get(r)))).size > 1;
  const parts: ((run: DraftRunLike) => string)[] = [];
  if (differs((r) => r.model)) parts.push((r) => modelDifference(r.model, runs.map((other) => other.model)));
  if (differs((r) => r.optimizer.name)) parts.push((r) => OPTIMIZERS[r.optimizer.name].label);
  const keys = new Set(runs.flatMap((r) => hyperparameterKeys(r.optimizer.name)));
  for (const key of keys) {
    // Among the runs whose optimizer has it: SGD has no β₁ to differ in.
    const having = runs.filter((r) => hyperparameterKeys(r.optimizer.name).includes(key));
    if (new Set(having.map((r) => hyperparameter(r.optimizer, key))).size > 1) {
      parts.push((r) => (hyperparameterKeys(r.optimizer.name).includes(key) ? `${SHORT[key] ?? HYPERPARAMETERS[key].label} ${hyperparameter(r.optimizer, key)}` : ''));
    }
  }
  for (const key of Object.keys(TRAINING_FIELDS)) {
    if (differs((r) => r.training[key])) parts.push((r) => `${SHORT[key] ?? key} ${r.training[key] === null ? 'off' : String(r.training[key])}`);
  }
  if (differs((r) => r.seed)) parts.push((r) => `seed ${r.seed}`);
  return runs.map((run) => parts.map((part) => part(run)).filter(Boolean).slice(0, maxParts).join(' · '));
}

/**
 * The words of this model that not every model has at the same layer ("TANH NORMAL0.01"), each once;
 * the layers themselves ("FC-64 SIGMOID") when only a layer or two differ.
 */
function modelDifference(model: string, all: readonly string[]): string {
  const items = (text: string) => text.split(',').map((item) => item.trim().replace(/\s+/g, ' '));
  const mine = items(model);
  const others = all.filter((m) => m !== model).map(items);
  const differing = mine.map((item, i) => (i > 0 && others.some((o) => o[i] !== item) ? i : -1)).filter((i) => i > 0);
  if (differing.length === 0) return mine.slice(1).join(', ');
  let text = differing.map((i) => mine[i]).join(', ');
  if (differing.length > 2 || others.some((o) => o.length !== mine.length)) {
    const words = new Set<string>();
    for (const i of differing) {
      for (const word of mine[i].split(' ')) if (others.some((o) => !(o[i] ?? '').split(' ').includes(word))) words.add(word);
    }
    if (words.size > 0) text = [...words].join(' ');
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
