// ConvNetJS, the plain-JavaScript anchor: the same network, the same digits, its own SGD trainer
// (momentum 0.9, updates every batch_size examples), timed per batch after a warm-up.
import { sizeOf } from '../core/layers/shapes';
import convnetjs from 'convnetjs';
import { parseNotation } from '../core/notation';
import type { Dataset } from '../data/dataset';
import type { Workload } from './workloads';

type LayerDef = Record<string, unknown>;

function layerDefs(workload: Workload): LayerDef[] {
  const parsed = parseNotation(workload.notation);
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  const { input, layers } = parsed.model;
  const [sy, sx, depth] = input.length === 3 ? input : [1, 1, input[0]];
  const defs: LayerDef[] = [{ type: 'input', out_sx: sx, out_sy: sy, out_depth: depth }];
  layers.forEach((layer, i) => {
    const last = i === layers.length - 1;
    if (layer.type === 'conv2d') {
      defs.push({ type: 'conv', sx: layer.kernelSize, filters: layer.filters, stride: layer.stride, pad: (layer.kernelSize - 1) / 2, activation: layer.activation });
    } else if (layer.type === 'maxpool') {
      defs.push({ type: 'pool', sx: layer.poolSize, stride: layer.stride });
    } else if (layer.type === 'dense' && last) {
      // ConvNetJS folds the output layer into its loss layer; one logistic unit is its 2-class softmax.
      defs.push({ type: 'softmax', num_classes: Math.max(2, layer.units) });
    } else if (layer.type === 'dense') {
      defs.push({ type: 'fc', num_neurons: layer.units, activation: layer.activation });
    } else {
      throw new Error(`the ConvNetJS baseline does not build ${layer.type} layers`);
    }
  });
  return defs;
}

/** Milliseconds per batch of ConvNetJS training. */
export function timeConvNetJs(workload: Workload, dataset: Dataset): number {
  const net = new convnetjs.Net();
  net.makeLayers(layerDefs(workload));
  const trainer = new convnetjs.SGDTrainer(net, { method: 'sgd', learning_rate: workload.learningRate, momentum: 0.9, batch_size: workload.batchSize });
  const parsed = parseNotation(workload.notation);
  const [sy, sx, depth] = parsed.ok && parsed.model.input.length === 3 ? parsed.model.input : [1, 1, sizeOf(dataset.featureShape)];
  const features = sx * sy * depth;
  // Vols made once: ConvNetJS reads them, it does not change them.
  const vols = Array.from({ length: Math.min(dataset.train.count, 2048) }, (_, i) => {
    const vol = new convnetjs.Vol(sx, sy, depth, 0);
    vol.w.set(dataset.train.x.subarray(i * features, (i + 1) * features));
    return vol;
  });
  let next = 0;
  const trainBatches = (n: number) => {
    for (let b = 0; b < n * workload.batchSize; b++) {
      const i = next++ % vols.length;
      trainer.train(vols[i], dataset.train.labels[i]);
    }
  };
  trainBatches(workload.warmupSteps);
  const t0 = performance.now();
  trainBatches(workload.steps);
  return (performance.now() - t0) / workload.steps;
}
