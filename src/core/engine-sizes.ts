// Batch sizes the engine works in, in a module without tfjs: the memory budget (budget.ts) counts
// with the same numbers the trainer allocates with, and the page loads the budget on every keystroke.

/** Examples per forward pass when evaluating the test set (and part of the training set). */
export const EVAL_BATCH = 500;
/** Steps dispatched between two readbacks (RunnerOptions.chunkSteps); their batches are cut in one block. */
export const DEFAULT_CHUNK_STEPS = 25;
/** The fixed probe batch of the per-layer diagnostics (RunnerOptions.probeSize). */
export const DEFAULT_PROBE_SIZE = 256;
