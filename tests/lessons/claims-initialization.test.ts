// Claims about initialization and activations: each holds on its lesson and fails on its controls,
// on real training with fixed seeds (wasm backend).
import { describe, it } from 'vitest';
import { expectVerdicts, judgeWithControls } from './controls';

describe.each(['init-symmetry', 'init-scale', 'activations', 'dying-relu', 'dying-relu-rate'])('%s', (id) => {
  it('holds on the lesson and not on its controls', async () => {
    expectVerdicts(await judgeWithControls(id));
  });
});
