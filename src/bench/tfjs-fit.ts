// The baseline everyone writes first: the same network as tf.layers, trained with model.fit.
import { sizeOf } from '../core/layers/shapes';
import * as tf from '@tensorflow/tfjs';
import type { ActivationName } from '../core/layers';
import { parseNotation } from '../core/notation';
import type { Dataset } from '../data/dataset';
import type { Workload } from './workloads';

function buildLayersModel(workload: Workload): tf.LayersModel {
  const parsed = parseNotation(workload.notation);
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  const { input, layers } = parsed.model;
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: input }));
  let flat = input.length === 1;
  for (const layer of layers) {
    if (layer.type === 'dense') {
      if (!flat) model.add(tf.layers.flatten());
      flat = true;
      model.add(tf.layers.dense({ units: layer.units, activation: layersActivation(layer.activation) }));
    } else if (layer.type === 'conv2d' && layer.padding === 'same') {
      model.add(tf.layers.conv2d({ filters: layer.filters, kernelSize: layer.kernelSize, strides: layer.stride, padding: 'same', activation: layersActivation(layer.activation) }));
    } else if (layer.type === 'maxpool') {
      model.add(tf.layers.maxPooling2d({ poolSize: layer.poolSize, strides: layer.stride }));
    } else {
      throw new Error(`the model.fit baseline does not build ${layer.type} layers with these options`);
    }
  }
  return model;
}

function layersActivation(name: ActivationName) {
  if (name === 'leaky-relu') throw new Error('the model.fit baseline has no leaky-relu activation');
  return name;
}

/** Milliseconds per step of model.fit over `steps` batches, after a warm-up fit. */
export async function timeModelFit(workload: Workload, dataset: Dataset): Promise<number> {
  const model = buildLayersModel(workload);
  const units = workload.task === 'xor' ? 1 : 10;
  model.compile({
    optimizer: tf.train.momentum(workload.learningRate, 0.9),
    loss: units === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy',
  });
  const { x, y } = tf.tidy(() => batches(workload, dataset, units));
  try {
    const fit = (n: number) =>
      model.fit(x.slice(0, n * workload.batchSize), y.slice(0, n * workload.batchSize), { batchSize: workload.batchSize, epochs: 1, shuffle: false, verbose: 0 });
    await fit(workload.warmupSteps);
    const t0 = performance.now();
    await fit(workload.steps);
    return (performance.now() - t0) / workload.steps;
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}

/** Enough examples for the timed steps, repeating the training split as needed. */
function batches(workload: Workload, dataset: Dataset, units: number) {
  const needed = Math.max(workload.steps, workload.warmupSteps) * workload.batchSize;
  const features = sizeOf(dataset.featureShape);
  const x = new Float32Array(needed * features);
  const labels = new Int32Array(needed);
  for (let i = 0; i < needed; i++) {
    const j = i % dataset.train.count;
    x.set(dataset.train.x.subarray(j * features, (j + 1) * features), i * features);
    labels[i] = dataset.train.labels[j];
  }
  const parsed = parseNotation(workload.notation);
  const input = parsed.ok ? parsed.model.input : [features];
  const y = units === 1 ? tf.tensor2d(Float32Array.from(labels), [needed, 1]) : tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), units), 'float32');
  return { x: tf.tensor(x, [needed, ...input]), y };
}
