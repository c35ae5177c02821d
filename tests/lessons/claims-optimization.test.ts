// Claims about optimization and regularisation: each holds on its lesson and fails on its controls,
// on real training with fixed seeds (wasm backend).
import { describe, it } from 'vitest';
import { expectVerdicts, judgeWithControls } from './controls';

/** A lesson and its controls train for tens of seconds alone; on a shared two-core machine, several times that. */
const TRAINING_MS = 400_000;

describe.each(['momentum', 'optimizers', 'dropout', 'batchnorm', 'learning-rate', 'lr-schedules', 'zero-centred-inputs', 'clipping-l2'])('%s', (id) => {
  it('holds on the lesson and not on its controls', async () => {
    expectVerdicts(await judgeWithControls(id));
  }, TRAINING_MS);
});
