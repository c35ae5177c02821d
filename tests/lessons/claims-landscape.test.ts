// The loss-landscape lesson's claim, read off landscapes computed after real training (wasm): it
// holds on the lesson and fails on its controls (two identical nets; nets that barely train). The
// lesson and its controls train and evaluate 3 × 2 landscapes of 21 × 21 + 31 points.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectVerdicts, judgeWithControls } from './controls';

/** Tens of seconds alone; several times that on a shared two-core machine. */
const TRAINING_MS = 400_000;

describe('loss-landscape', () => {
  it('holds on the lesson and not on its controls, and leaves no tensor behind', async () => {
    const judged = await judgeWithControls('loss-landscape');
    expectVerdicts(judged);
    // The runner kept its networks for the landscape; the lesson run frees them once it is computed.
    expect(tf.memory().numTensors).toBe(0);
    const land = judged.result.outcome.landscapeOf('wide');
    expect(land.slice.loss).toHaveLength(21 * 21);
    expect(land.path[0].step).toBe(0);
    expect(land.path.at(-1)!.step).toBe(300);
  }, TRAINING_MS);
});
