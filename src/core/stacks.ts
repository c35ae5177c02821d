// Which runs of an experiment train as one stack (one set of kernels for all of them): runs whose
// networks have the same shapes and whose differences can live in per-run tensors. What may differ
// inside a stack: seeds (initial weights, batch order, dropout masks), each layer kind's per-run fields
// (initializers, a dropout rate, batch-norm settings), the optimizer's hyperparameters, L2 and the
// clipping threshold. Anything else (an activation, the optimizer kind, the loss, the batch size, the
// number of steps or evaluations, the input features of a 2-D task, the input preprocessing) splits the
// runs into several stacks.
import { runDataKey } from './data-rules';
import type { RunSpec } from './experiment-types';
import { kindOf, type LayerSpec } from './layers';

/** What runs of one stack have in common, as text: equal keys, one stack. */
export function stackKey(run: RunSpec): string {
  const shape = run.model.layers.map((layer) => {
    const own = new Set(kindOf(layer.type).perRunFields);
    return Object.fromEntries(Object.entries(layer as LayerSpec).filter(([field]) => !own.has(field)));
  });
  const { batchSize, steps, loss, evalEvery } = run.training;
  // Features (x, y, xy against x, y, x²) and preprocessing have the same shapes but not the same data.
  return JSON.stringify({ input: run.model.input, data: runDataKey(run), shape, optimizer: run.optimizer.name, batchSize, steps, loss, evalEvery });
}

/** The runs' indices grouped into stacks, in order of each stack's first run; one run per stack when stacking is off. */
export function stackRuns(runs: readonly RunSpec[], stacking = true): number[][] {
  if (!stacking) return runs.map((_, i) => [i]);
  const stacks = new Map<string, number[]>();
  runs.forEach((run, i) => {
    const key = stackKey(run);
    const stack = stacks.get(key);
    if (stack) stack.push(i);
    else stacks.set(key, [i]);
  });
  return [...stacks.values()];
}
