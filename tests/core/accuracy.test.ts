// The trainer counts batch accuracy on the host from read-back scores; it must agree with the
// device's argMax-based accuracy row for row, ties and the one-unit (logistic) output included.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { accuracyOfRows, correctCount } from '../../src/core/losses';
import { rngFor } from '../../src/core/rng';
import { backend } from '../support/engine';

beforeAll(async () => {
  await backend('cpu');
});

function deviceAccuracy(scores: Float32Array, units: number, labels: number[]): number {
  return tf.tidy(() => correctCount(tf.tensor2d(scores, [labels.length, units]), tf.tensor1d(labels, 'int32')).dataSync()[0]) / labels.length;
}

describe('accuracyOfRows', () => {
  it('matches the device accuracy on random scores with ties, over a slice of positions', () => {
    const rng = rngFor(7, 'accuracy-test');
    for (const units of [1, 2, 10]) {
      const rows = 64;
      // Scores rounded to a coarse grid so that ties between classes happen.
      const scores = Float32Array.from({ length: rows * units }, () => Math.round((rng.next() - 0.5) * 6) / 2);
      const labels = Array.from({ length: 200 }, () => Math.floor(rng.next() * Math.max(units, 2)));
      const positions = Int32Array.from({ length: rows }, () => Math.floor(rng.next() * labels.length));
      const rowLabels = Array.from(positions, (p) => labels[p]);
      expect(accuracyOfRows(scores, units, 0, rows, labels, positions)).toBeCloseTo(deviceAccuracy(scores, units, rowLabels), 6);
      // A slice: rows 16..47 only.
      const slice = scores.slice(16 * units, 48 * units);
      expect(accuracyOfRows(scores, units, 16, 32, labels, positions)).toBeCloseTo(deviceAccuracy(slice, units, rowLabels.slice(16, 48)), 6);
    }
  });
});
