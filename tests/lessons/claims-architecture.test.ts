// Claims about architectures and losses, and the gradient check: each holds on its lesson and fails
// on its controls, on real training with fixed seeds.
import { describe, it } from 'vitest';
import { expectVerdicts, judgeWithControls } from './controls';

/** A lesson and its controls train for tens of seconds alone; on a shared two-core machine, several times that. */
const TRAINING_MS = 400_000;

describe.each([
  ['xor-hidden-layer', 'cpu'],
  ['depth-vs-width', 'wasm'],
  ['conv-arithmetic', 'wasm'], // the CNN trains several times faster on wasm than on cpu
  ['hinge-vs-softmax', 'wasm'],
  ['gradient-checking', 'wasm'],
] as const)('%s', (id, backendName) => {
  it(`holds on the lesson and not on its controls (${backendName})`, async () => {
    expectVerdicts(await judgeWithControls(id, backendName));
  }, TRAINING_MS);
});
