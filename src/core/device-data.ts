// The dataset uploaded to the backend once. Batches are cut from these tensors with gather and
// slice; nothing is re-uploaded per step. One DeviceData serves every run of an experiment.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset';

export type SplitName = 'train' | 'test';

export class DeviceData {
  private readonly x: Record<SplitName, tf.Tensor2D>;
  private readonly labelTensors: Record<SplitName, tf.Tensor1D>;
  private readonly cache = new Map<string, tf.Tensor>();

  constructor(readonly dataset: Dataset) {
    const features = dataset.featureShape.reduce((a, b) => a * b, 1);
    const upload = (split: SplitName) => tf.tensor2d(dataset[split].x, [dataset[split].count, features]);
    this.x = { train: upload('train'), test: upload('test') };
    this.labelTensors = {
      train: tf.tensor1d(Int32Array.from(dataset.train.labels), 'int32'),
      test: tf.tensor1d(Int32Array.from(dataset.test.labels), 'int32'),
    };
  }

  count(split: SplitName): number {
    return this.dataset[split].count;
  }

  /** Inputs shaped for a model: [n, features] or [n, h, w, c] (a reshape shares the upload). */
  inputs(split: SplitName, inputShape: number[]): tf.Tensor {
    return this.cached(`x/${split}/${inputShape.join('x')}`, () => tf.reshape(this.x[split], [-1, ...inputShape]));
  }

  labels(split: SplitName): tf.Tensor1D {
    return this.labelTensors[split];
  }

  /** One-hot rows for `units` outputs, or a 0/1 column for a single logistic output. */
  targets(split: SplitName, units: number): tf.Tensor2D {
    return this.cached(`y/${split}/${units}`, () =>
      tf.tidy(() => {
        const labels = this.labelTensors[split];
        return units === 1 ? tf.reshape(tf.cast(labels, 'float32'), [-1, 1]) : tf.cast(tf.oneHot(labels, units), 'float32');
      }),
    ) as tf.Tensor2D;
  }

  private cached(key: string, make: () => tf.Tensor): tf.Tensor {
    let t = this.cache.get(key);
    if (!t) {
      // Kept: the first request may come from inside a caller's tf.tidy.
      t = tf.keep(make());
      this.cache.set(key, t);
    }
    return t;
  }

  dispose(): void {
    for (const t of this.cache.values()) t.dispose();
    this.cache.clear();
    for (const split of ['train', 'test'] as const) {
      this.x[split].dispose();
      this.labelTensors[split].dispose();
    }
  }
}
