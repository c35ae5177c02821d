// Each run's mean loss and accuracy over (part of) a split in inference mode: dropout off, batch norm
// on its moving statistics. One stacked forward pass per evaluation batch serves every run.
import * as tf from '@tensorflow/tfjs';
import type { DeviceData, SplitName } from './device-data';
import { EVAL_BATCH } from './engine-sizes';
import type { LossName } from './experiment-types';
import { computeLoss, correctCount } from './losses';
import type { Network } from './model';

/** What the stack's runs share: the input shape, the output units and the loss. */
export interface StackShape {
  input: number[];
  units: number;
  loss: LossName;
}

/** The first `limit` examples of `split` (all of them with Infinity); one entry per run. */
export async function evaluateSplit(network: Network, data: DeviceData, shape: StackShape, split: SplitName, limit: number): Promise<{ loss: number[]; accuracy: number[] }> {
  const n = Math.min(limit, data.count(split));
  // One tidy per batch: a batch's activations are freed before the next one's exist, so an
  // evaluation holds one batch of them (what the memory budget counts), not the whole test set's.
  const sums: tf.Tensor[] = [];
  for (let start = 0; start < n; start += EVAL_BATCH) {
    const size = Math.min(EVAL_BATCH, n - start);
    sums.push(
      tf.tidy(() => {
        const rows = data.rows(split, start, size, shape.input, shape.units);
        const out = network.forward(rows.x, { training: false });
        const loss = tf.mul(computeLoss(shape.loss, out.scores, out.outputs, rows.targets), size);
        return tf.concat([loss, correctCount(out.scores, rows.labels)]);
      }),
    );
  }
  const totals = tf.tidy(() => tf.addN(sums));
  tf.dispose(sums);
  const values = Array.from(await totals.data());
  totals.dispose();
  const runs = values.length / 2;
  // Divided in double precision: 1780 of 2000 correct must read 0.89, not float32's 0.8899999.
  return { loss: values.slice(0, runs).map((v) => v / n), accuracy: values.slice(runs).map((v) => v / n) };
}
