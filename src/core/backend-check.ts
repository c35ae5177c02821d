// The gradient self-check a backend passes before it trains anything: a few small networks' gradients
// on it against the cpu backend's, on the same weights and batch. tfjs's GPU backends have had
// wrong-gradient bugs on some devices (shader compilers, half-float textures); a student must never
// watch silently wrong curves. The networks cover what our engine dispatches: dense layers in both
// formulations (batched and run by run), a stack of two runs, convolution, both poolings, batch norm,
// the activations with their own gradient kernels, and each loss's output.
import * as tf from '@tensorflow/tfjs';
import { Network } from './model';
import { computeLoss } from './losses';
import { parseNotation } from './notation';
import type { LossName } from './experiment-types';
import { rngFor } from './rng';

export interface GradientCheck {
  backend: string;
  /** The largest difference from the cpu backend's gradient, relative to that gradient's largest entry, over every variable. */
  maxRelativeError: number;
  tolerance: number;
  ok: boolean;
  /** The variable where the error is largest, e.g. "conv net: layer 1 kernel". */
  worst: string;
}

/**
 * 1%: far above float32 rounding (1e-6 here) and half-float textures (about 1e-3), far below what a
 * wrong kernel produces (a missing term, a wrong index: tens of percent or more).
 */
export const GRADIENT_TOLERANCE = 1e-2;

interface CheckNet {
  name: string;
  notation: string;
  loss: LossName;
  batch: number;
}

const CHECK_NETS: CheckNet[] = [
  // 6·6·1 → conv (same padding) → max pool → batch norm on a dense layer → softmax over 3 classes; two runs.
  { name: 'conv net', notation: 'INPUT 6x6x1, CONV3-3 RELU, POOL2, FC-8 TANH, BN, FC-3', loss: 'softmax-cross-entropy', batch: 5 },
  // An unpadded strided conv and average pooling, ELU and leaky ReLU.
  { name: 'pooling net', notation: 'INPUT 7x7x2, CONV3-2 S2 P0 ELU, AVGPOOL2, FC-4 LRELU0.1, FC-2', loss: 'hinge', batch: 4 },
  // 64×64 weights: the run-by-run dense formulation on the CPU-side backends; a sigmoid output.
  { name: 'wide MLP', notation: 'INPUT 64, FC-64 SIGMOID, FC-1', loss: 'softmax-cross-entropy', batch: 6 },
];

const RUNS = 2;

/** Every check net's gradients on the current backend, variable by variable, with their names. */
async function gradientsHere(): Promise<{ name: string; values: Float32Array }[]> {
  const out: { name: string; values: Float32Array }[] = [];
  for (const net of CHECK_NETS) {
    const parsed = parseNotation(net.notation);
    if (!parsed.ok) throw new Error(`the gradient check's ${net.name} does not parse: ${parsed.errors[0].message}`);
    const spec = parsed.model;
    const network = new Network(Array.from({ length: RUNS }, () => spec), Array.from({ length: RUNS }, (_, r) => 11 + r));
    try {
      const inputSize = spec.input.reduce((a, b) => a * b, 1);
      const last = spec.layers[spec.layers.length - 1] as { units?: number };
      const units = last.units ?? 1;
      const rng = rngFor(7, 'gradient-check', net.name);
      const x = Float32Array.from({ length: RUNS * net.batch * inputSize }, () => 2 * rng.next() - 1);
      const labels = Int32Array.from({ length: RUNS * net.batch }, (_, i) => i % Math.max(units, 2));
      const vars = network.trainableVariables();
      const grads = tf.tidy(() => {
        const xs = tf.tensor(x, [RUNS, net.batch, ...spec.input]);
        const labelTensor = tf.tensor2d(labels, [RUNS, net.batch], 'int32');
        const targets = units === 1 ? tf.expandDims(tf.cast(labelTensor, 'float32'), -1) : tf.oneHot(labelTensor, units).toFloat();
        const { grads } = tf.variableGrads(() => {
          const result = network.forward(xs, { training: true, step: 1 });
          return tf.sum(computeLoss(net.loss, result.scores, result.outputs, targets)) as tf.Scalar;
        }, vars);
        return vars.map((v) => grads[v.name]);
      });
      for (let i = 0; i < grads.length; i++) {
        out.push({ name: `${net.name}: ${variableLabel(vars[i].name)}`, values: (await grads[i].data()) as Float32Array });
      }
      tf.dispose(grads);
    } finally {
      network.dispose();
    }
  }
  return out;
}

/** "net3/4/kernel" → "layer 5 kernel". */
function variableLabel(name: string): string {
  const [, index, what] = name.split('/');
  return `layer ${Number(index) + 1} ${what}`;
}

let cpuReference: Promise<{ name: string; values: Float32Array }[]> | null = null;

/**
 * Compares the current backend's gradients with the cpu backend's. Switches to cpu for the reference
 * (computed once per page) and back. Call it right after the backend was set.
 */
export async function checkGradients(): Promise<GradientCheck> {
  const backend = tf.getBackend();
  const here = await gradientsHere();
  if (!cpuReference) {
    cpuReference = (async () => {
      await tf.setBackend('cpu');
      try {
        return await gradientsHere();
      } finally {
        await tf.setBackend(backend);
      }
    })();
    cpuReference.catch(() => (cpuReference = null));
  }
  const reference = await cpuReference;
  if (tf.getBackend() !== backend) await tf.setBackend(backend);
  let maxRelativeError = 0;
  let worst = '';
  // A gradient that is zero in exact arithmetic (the bias before a batch norm) is rounding noise on
  // both sides: each variable is measured against its own scale or a thousandth of its network's
  // largest gradient, whichever is larger.
  const netScale = new Map<string, number>();
  for (const { name, values } of reference) {
    const net = name.slice(0, name.indexOf(':'));
    netScale.set(net, Math.max(netScale.get(net) ?? 0, maxAbs(values)));
  }
  reference.forEach(({ name, values }, i) => {
    const error = relativeError(here[i].values, values, 1e-3 * netScale.get(name.slice(0, name.indexOf(':')))!);
    if (!(error <= maxRelativeError)) {
      maxRelativeError = error;
      worst = name;
    }
  });
  return { backend, maxRelativeError, tolerance: GRADIENT_TOLERANCE, ok: maxRelativeError <= GRADIENT_TOLERANCE, worst };
}

/** max |a − b| / max(max |b|, floor); NaN anywhere counts as infinitely wrong. */
export function relativeError(a: Float32Array, b: Float32Array, floor = 1e-12): number {
  let diff = 0;
  for (let i = 0; i < b.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!Number.isFinite(d)) return Infinity;
    diff = Math.max(diff, d);
  }
  return diff / Math.max(maxAbs(b), floor);
}

function maxAbs(values: Float32Array): number {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m;
}

/** The sentence a refused backend is reported with. */
export function describeFailedCheck(check: GradientCheck): string {
  const percent = Number.isFinite(check.maxRelativeError) ? `${(100 * check.maxRelativeError).toPrecision(2)}%` : 'not a number';
  return `the ${check.backend} backend computes wrong gradients on this device (${check.worst} differs from the cpu backend's by ${percent}, more than the ${100 * check.tolerance}% allowed), so it is not used`;
}
