// The conv-by-hand claim on real training with fixed seeds: it holds on the lesson and fails on its
// control for the reason the control names; and the padding the hand check copies from a layer.
import { describe, expect, it } from 'vitest';
import { handPadding } from '../../src/lessons/conv-by-hand-compute';
import { expectVerdicts, judgeWithControls } from './controls';

/** A lesson and its control train for seconds alone; on a shared two-core machine, several times that. */
const TRAINING_MS = 300_000;

describe('conv-by-hand', () => {
  it('holds on the lesson and not on its control (wasm)', async () => {
    const judged = await judgeWithControls('conv-by-hand', 'wasm');
    expectVerdicts(judged);
    // The control fails only where it should: its filters are symmetric, everything else still holds.
    const control = judged.controls[0].result.claim.checks;
    expect(control.filter((c) => !c.held).map((c) => c.id)).toEqual(['flip-differs']);
    expect(judged.result.claim.detail).toMatch(/\(28 − 4 \+ 2·1\)\/2 \+ 1 = 26\/2 \+ 1 = 14/);
  }, TRAINING_MS);
});

describe('the padding a hand calculation copies', () => {
  it("is the layer's own number, or half of 'same''s total when that is even", () => {
    expect(handPadding(28, 28, 4, 2, 1)).toBe(1);
    expect(handPadding(28, 28, 5, 1, 'same')).toBe(2); // (28 − 1)·1 + 5 − 28 = 4 in all
    expect(handPadding(28, 28, 3, 2, 'same')).toBe(null); // 13·2 + 3 − 28 = 1: the extra zero goes to the bottom and right
    expect(handPadding(28, 28, 4, 1, 'same')).toBe(null); // 3 in all
  });
});
