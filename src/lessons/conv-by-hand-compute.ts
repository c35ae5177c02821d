// The conv-by-hand lesson's compute step: each run's first convolution worked out by hand (the
// calculator's own arithmetic, src/core/conv-by-hand.ts) on a real test digit, against the maps the
// engine computes for it. Needs tfjs, so the lesson loads it only when the step runs.
import * as tf from '@tensorflow/tfjs';
import { convolveByHand, type Matrix } from '../core/conv-by-hand';
import type { ExperimentDoc } from '../core/experiment-types';
import { activationMaps, firstLayerFilters } from '../core/inspect';
import { Network } from '../core/model';
import { runDataset, type Dataset } from '../data/dataset';

/** One run's first convolution, by hand and by the engine, on one test digit. */
export interface HandCheck {
  run: string;
  backend: string;
  /** Which test example (from 0) and its label. */
  example: number;
  label: number;
  /** The layer as the notation writes it, e.g. "CONV4-4 LINEAR S2 P1". */
  layer: string;
  input: [number, number];
  kernel: number;
  stride: number;
  /** Zeros on each side: the layer's own, or 'same''s when it pads every side alike. */
  pad: number;
  filters: number;
  /** The output size from (W − K + 2P)/S + 1, rows and columns, with the formula written out. */
  formula: { rows: number; columns: number; text: string };
  /** The engine's activation maps: [height, width, filters]. */
  engineShape: number[];
  /** max |engine| over every map: the scale the differences are read against. */
  scale: number;
  /** max |hand − engine| with the filter as stored (cross-correlation) and turned 180° (textbook convolution). */
  difference: number;
  flippedDifference: number;
}

/** The first test digit: every run reads the same one. */
const EXAMPLE = 0;

export async function computeHandChecks(doc: ExperimentDoc, documentData: Dataset): Promise<HandCheck[]> {
  const [h, w, channels] = documentData.featureShape;
  if (channels !== 1 || documentData.test.count <= EXAMPLE) throw new Error('the hand check needs at least one single-channel test image');
  const checks: HandCheck[] = [];
  for (const run of doc.runs) {
    // The digit as this run sees it (centred or standardised pixels if its training says so).
    const dataset = runDataset(documentData, run);
    const pixels = dataset.test.x.subarray(EXAMPLE * h * w, (EXAMPLE + 1) * h * w);
    const image: Matrix = Array.from({ length: h }, (_, r) => Array.from(pixels.subarray(r * w, (r + 1) * w)));
    checks.push(await checkRun(run, image, pixels, dataset.test.labels[EXAMPLE]));
  }
  return checks;
}

async function checkRun(run: ExperimentDoc['runs'][number], image: Matrix, pixels: Float32Array, label: number): Promise<HandCheck> {
  const layer = run.model.layers[0];
  if (layer.type !== 'conv2d') throw new Error(`run ${JSON.stringify(run.name)}: its first layer must be a convolution to be worked out by hand`);
  if (layer.activation !== 'linear') throw new Error(`run ${JSON.stringify(run.name)}: its first convolution must be LINEAR, so that its maps are the sums of products themselves`);
  const pad = handPadding(image.length, image[0].length, layer.kernelSize, layer.stride, layer.padding);
  if (pad === null) throw new Error(`run ${JSON.stringify(run.name)}: 'same' padding is uneven here (more zeros at the bottom and right), which a hand calculation with P on every side cannot copy`);
  const net = new Network([run.model], [run.seed]);
  try {
    const view = net.view(0);
    const bank = await firstLayerFilters(view);
    const [map] = await activationMaps(view, pixels);
    const biasTensor = view.weighted[0].bias();
    const bias = Float32Array.from(await biasTensor.data());
    biasTensor.dispose();
    const [k, , , filters] = bank!.shape;
    const filterOf = (f: number): Matrix => Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => bank!.values[(i * k + j) * filters + f]));
    const [mh, mw] = map.shape;
    let scale = 0;
    let difference = 0;
    let flippedDifference = 0;
    let formula = { rows: 0, columns: 0, text: '' };
    for (let f = 0; f < filters; f++) {
      const filter = filterOf(f);
      const flipped = filter.map((row) => [...row].reverse()).reverse();
      const plain = convolveByHand({ input: image, filter, stride: layer.stride, pad });
      const turned = convolveByHand({ input: image, filter: flipped, stride: layer.stride, pad });
      if (!plain.ok || !turned.ok) throw new Error(`run ${JSON.stringify(run.name)}: ${[...(plain.ok ? [] : plain.errors), ...(turned.ok ? [] : turned.errors)].join('; ')}`);
      const size = plain.value.size;
      const text = size.rows.text === size.columns.text ? size.rows.text : `rows ${size.rows.text}, columns ${size.columns.text}`;
      formula = { rows: size.rows.output, columns: size.columns.output, text };
      if (size.rows.output !== mh || size.columns.output !== mw) continue; // the size check says so; the values cannot be compared
      for (let r = 0; r < mh; r++) {
        for (let c = 0; c < mw; c++) {
          const engine = map.values[(r * mw + c) * filters + f];
          scale = Math.max(scale, Math.abs(engine));
          difference = Math.max(difference, Math.abs(plain.value.output[r][c] + bias[f] - engine));
          flippedDifference = Math.max(flippedDifference, Math.abs(turned.value.output[r][c] + bias[f] - engine));
        }
      }
    }
    return {
      run: run.name,
      backend: tf.getBackend(),
      example: EXAMPLE,
      label,
      layer: view.weighted[0].label,
      input: [image.length, image[0].length],
      kernel: layer.kernelSize,
      stride: layer.stride,
      pad,
      filters,
      formula,
      engineShape: map.shape,
      scale,
      difference,
      flippedDifference,
    };
  } finally {
    net.dispose();
  }
}

/**
 * The zeros on each side that reproduce the layer's padding: its number, or for 'same' (TensorFlow
 * pads ceil(W/S)·S − S + K − W in all, the odd one at the bottom and right) half of that when even.
 */
export function handPadding(h: number, w: number, k: number, s: number, padding: 'same' | number): number | null {
  if (padding !== 'same') return padding;
  const total = (side: number) => Math.max((Math.ceil(side / s) - 1) * s + k - side, 0);
  const [rows, cols] = [total(h), total(w)];
  return rows === cols && rows % 2 === 0 ? rows / 2 : null;
}
