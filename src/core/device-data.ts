// The dataset uploaded to the backend once. Batches are cut from these tensors with gather and
// slice; nothing is re-uploaded per step. One DeviceData serves every run of an experiment.
import { sizeOf } from './layers/shapes';
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset';

export type SplitName = 'train' | 'test';

const HOST_MEMORY_BACKENDS = new Set(['cpu', 'wasm']);

/** Labels [...] to one-hot targets [..., units], or a 0/1 column [..., 1] for a single logistic output. */
function oneHot(labels: tf.Tensor, units: number): tf.Tensor {
  return units === 1 ? tf.expandDims(tf.cast(labels, 'float32'), -1) : tf.cast(tf.oneHot(labels as tf.Tensor1D, units), 'float32');
}

export class DeviceData {
  private readonly x: Record<SplitName, tf.Tensor2D>;
  private readonly labelTensors: Record<SplitName, tf.Tensor1D>;
  private readonly cache = new Map<string, tf.Tensor>();

  constructor(readonly dataset: Dataset) {
    const features = sizeOf(dataset.featureShape);
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
    return this.cached(`y/${split}/${units}`, () => tf.tidy(() => oneHot(this.labelTensors[split], units))) as tf.Tensor2D;
  }

  /**
   * One training step's examples for a stack of `runs` runs: `positions` holds each run's batch in turn
   * (runs × batch train positions). Returns inputs [runs, batch, ...inputShape], targets [runs, batch,
   * units] and labels [runs, batch]. On a GPU backend the rows are gathered on the device from the one
   * upload. On the CPU-side backends (cpu, wasm) the data already lives in host memory, where copying
   * the rows in JavaScript is several times faster than tfjs's gather kernel (47 ms against a few for
   * 1,600 MNIST rows on wasm, measured), and a step's tensors are made from them directly: no block to
   * slice (tfjs-wasm's Slice copies its whole input).
   */
  batch(split: SplitName, positions: Int32Array, runs: number, inputShape: number[], units: number): { x: tf.Tensor; targets: tf.Tensor; labels: tf.Tensor } {
    const batch = positions.length / runs;
    if (!HOST_MEMORY_BACKENDS.has(tf.getBackend())) {
      return tf.tidy(() => {
        const ids = tf.tensor1d(positions, 'int32');
        return {
          x: tf.reshape(tf.gather(this.inputs(split, inputShape), ids), [runs, batch, ...inputShape]),
          targets: tf.reshape(tf.gather(this.targets(split, units), ids), [runs, batch, units]),
          labels: tf.reshape(tf.gather(this.labelTensors[split], ids), [runs, batch]),
        };
      });
    }
    const { x: source, labels: allLabels } = this.dataset[split];
    const features = source.length / this.dataset[split].count;
    const x = new Float32Array(positions.length * features);
    const labels = new Int32Array(positions.length);
    positions.forEach((p, i) => {
      x.set(source.subarray(p * features, (p + 1) * features), i * features);
      labels[i] = allLabels[p];
    });
    return tf.tidy(() => {
      const labelTensor = tf.tensor2d(labels, [runs, batch], 'int32');
      return { x: tf.tensor(x, [runs, batch, ...inputShape]), targets: oneHot(labelTensor, units), labels: labelTensor };
    });
  }

  /**
   * Rows start..start+size of a split, for every run alike: inputs [1, size, ...inputShape], targets
   * [1, size, units], labels [1, size]. Cut on the host on the CPU-side backends, sliced on the device elsewhere.
   */
  rows(split: SplitName, start: number, size: number, inputShape: number[], units: number): { x: tf.Tensor; targets: tf.Tensor; labels: tf.Tensor } {
    if (!HOST_MEMORY_BACKENDS.has(tf.getBackend())) {
      return tf.tidy(() => {
        const cut = (t: tf.Tensor) => tf.slice(t, [start], [size]);
        return {
          x: tf.expandDims(cut(this.inputs(split, inputShape)), 0),
          targets: tf.expandDims(cut(this.targets(split, units)), 0),
          labels: tf.expandDims(cut(this.labelTensors[split]), 0),
        };
      });
    }
    const { x: source, labels: allLabels } = this.dataset[split];
    const features = source.length / this.dataset[split].count;
    return tf.tidy(() => {
      const labelTensor = tf.tensor2d(Int32Array.from(allLabels.subarray(start, start + size)), [1, size], 'int32');
      return { x: tf.tensor(source.subarray(start * features, (start + size) * features), [1, size, ...inputShape]), targets: oneHot(labelTensor, units), labels: labelTensor };
    });
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
