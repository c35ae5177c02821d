// Evaluates one architecture's loss at many points of parameter space at once: the points are the
// runs of one stacked Network (see model.ts), so a chunk of grid points costs one forward pass, the
// way the trainer trains several runs as one. Each point's parameters are base + Σ_j c_j · dir_j,
// formed on the device from the base and the directions uploaded once.
import * as tf from '@tensorflow/tfjs';
import type { LossName } from './experiment-types';
import type { ModelSpec } from './layers';
import { computeLoss } from './losses';
import { Network } from './model';
import { summarize } from './summary';

/** Floats a chunk may hold (its stacked parameters and its forward pass's activations): about 64 MB. */
export const CHUNK_FLOATS = 16_000_000;
/** Points per chunk at most: more buys nothing once the device is busy, and progress would come rarely. */
export const MAX_CHUNK = 64;
/** Parameters per run that a landscape may vary: past this even one point per chunk is too much. */
export const MAX_LANDSCAPE_PARAMETERS = 4_000_000;

/** One point: coefficients of the directions for the trained parameters, and for the state (batch norm's statistics). */
export interface PointCoefficients {
  trained: number[];
  state: number[];
}

/** The floats one point costs in a chunk: its parameters, and every layer's activations (twice: before and after the activation) over the batch. */
export function floatsPerPoint(model: ModelSpec, examples: number): { parameters: number; perPoint: number } {
  const summary = summarize(model);
  const activations = summary.layers.slice(1).reduce((sum, l) => sum + l.outputShape.reduce((a, b) => a * b, 1), 0);
  return { parameters: summary.totalParams, perPoint: summary.totalParams + 2 * examples * activations };
}

/** Points per chunk for this model and batch, or a readable refusal; checked before anything is allocated. */
export function chunkSize(model: ModelSpec, examples: number): number {
  const { parameters, perPoint } = floatsPerPoint(model, examples);
  if (parameters > MAX_LANDSCAPE_PARAMETERS) {
    throw new Error(`the network has ${parameters.toLocaleString('en-US')} parameters; a loss landscape is computed for at most ${MAX_LANDSCAPE_PARAMETERS.toLocaleString('en-US')}`);
  }
  const fits = Math.floor(CHUNK_FLOATS / perPoint);
  if (fits < 1) throw new Error(`one landscape point of this network over ${examples} examples needs ${perPoint.toLocaleString('en-US')} floats, more than the ${CHUNK_FLOATS.toLocaleString('en-US')} a chunk may hold: ask for fewer examples`);
  return Math.min(MAX_CHUNK, fits);
}

export interface EvaluateInput {
  loss: LossName;
  /** Network.variables() order, no run axis. */
  base: readonly Float32Array[];
  /** Directions, each one array per variable (same order and sizes as base). */
  directions: readonly (readonly Float32Array[])[];
  /** Per variable: trained by the optimizer (its coefficients are `trained`) or state (`state`). */
  trainable: readonly boolean[];
  points: readonly PointCoefficients[];
  /** [1, batch, ...input] and [1, batch, units]. */
  x: tf.Tensor;
  targets: tf.Tensor;
  /** After each chunk: points evaluated so far. */
  onChunk?: (done: number) => void;
}

/** A stack of `size` copies of one network, whose runs are the points a chunk evaluates: built once, reused for every chunk. */
export class PointStack {
  private readonly net: Network;

  constructor(model: ModelSpec, seed: number, readonly size: number) {
    this.net = new Network(Array(size).fill(model), Array(size).fill(seed));
  }

  /** The loss (inference mode: dropout off, batch norm on its statistics) at every point, in order. */
  async evaluate(input: EvaluateInput): Promise<number[]> {
    const { points, size } = { points: input.points, size: this.size };
    const variables = this.net.variables();
    if (variables.length !== input.base.length || variables.some((v, i) => v.size !== size * input.base[i].length)) {
      throw new Error('the landscape\'s parameters do not match the network they are evaluated on');
    }
    const shapes = variables.map((v) => v.shape.slice(1));
    const kept: tf.Tensor[] = [];
    const upload = (values: Float32Array, i: number) => {
      const t = tf.tensor(values, [1, ...shapes[i]]);
      kept.push(t);
      return t;
    };
    try {
      const base = input.base.map(upload);
      const dirs = input.directions.map((d) => d.map(upload));
      const losses: number[] = [];
      for (let start = 0; start < points.length; start += size) {
        const count = Math.min(size, points.length - start);
        // A short last chunk fills its first runs only and computes only them.
        const chunkPoints = Array.from({ length: size }, (_, k) => points[start + Math.min(k, count - 1)]);
        variables.forEach((v, i) => {
          tf.tidy(() => {
            const ones = shapes[i].map(() => 1);
            let value: tf.Tensor = tf.tile(base[i], [size, ...ones]);
            dirs.forEach((dir, j) => {
              const c = tf.tensor1d(chunkPoints.map((p) => (input.trainable[i] ? p.trained[j] : p.state[j])));
              value = tf.add(value, tf.mul(tf.reshape(c, [size, ...ones]), dir[i]));
            });
            v.assign(value);
          });
        });
        const perPoint = tf.tidy(() => {
          const out = this.net.forward(input.x, { training: false, runs: Array.from({ length: count }, (_, k) => k) });
          return computeLoss(input.loss, out.scores, out.outputs, input.targets);
        });
        try {
          losses.push(...Array.from(await perPoint.data()));
        } finally {
          perPoint.dispose();
        }
        input.onChunk?.(losses.length);
        // Lets the worker's message port (and a page's frames) breathe between chunks.
        await tf.nextFrame();
      }
      return losses;
    } finally {
      tf.dispose(kept);
    }
  }

  dispose(): void {
    this.net.dispose();
  }
}
