// Numbers to pixels for the digit views: slicing filter banks and activation maps into small images,
// and the colour maps that make them readable. Pure, so the views only draw.
import type { ActivationMap, FilterBank } from '../../core/inspect';
import type { ExperimentDoc, RunSpec } from '../../core/experiment-types';
import { kindOf } from '../../core/layers';
import { sizeOf } from '../../core/layers/shapes';

/** One small image: `values` row by row, `width` x `height`. */
export interface Plane {
  width: number;
  height: number;
  values: Float32Array;
}

/** The runs that take a 28x28 digit (784 values in either layout), or none if the task is not MNIST. */
export function digitRuns(doc: ExperimentDoc | null): RunSpec[] {
  if (doc?.task !== 'mnist') return [];
  return doc.runs.filter((r) => sizeOf(r.model.input) === 784);
}

/** Whether a run has a layer of image filters (a convolution) whose filters and maps can be drawn. */
export function hasFilters(run: RunSpec): boolean {
  return run.model.layers.some((l) => kindOf(l.type).imageFilters);
}

/**
 * The filters of a bank shaped [k, k, inChannels, filters] (row-major, as tfjs stores conv kernels):
 * for each filter, one k x k plane per input channel, and the largest |weight| of the filter, the
 * scale shared by its channels.
 */
export function filterPlanes(bank: FilterBank): { planes: Plane[]; absMax: number }[] {
  const [kh, kw, inC, count] = bank.shape;
  return Array.from({ length: count }, (_, f) => {
    let absMax = 0;
    const planes = Array.from({ length: inC }, (_, c) => {
      const values = new Float32Array(kh * kw);
      for (let i = 0; i < kh * kw; i++) {
        values[i] = bank.values[(i * inC + c) * count + f];
        absMax = Math.max(absMax, Math.abs(values[i]));
      }
      return { width: kw, height: kh, values };
    });
    return { planes, absMax };
  });
}

/** One plane per channel of an activation map shaped [h, w, c]. */
export function channelPlanes(map: ActivationMap): Plane[] {
  const [h, w, c] = map.shape;
  return Array.from({ length: c }, (_, ch) => {
    const values = new Float32Array(h * w);
    for (let i = 0; i < h * w; i++) values[i] = map.values[i * c + ch];
    return { width: w, height: h, values };
  });
}

export function range(values: ArrayLike<number>): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  return lo <= hi ? { lo, hi } : { lo: 0, hi: 0 };
}

export type ColorMap = (v: number) => readonly [number, number, number];

/** Black at `lo`, white at `hi` (flat images come out black). */
export function grayMap(lo: number, hi: number): ColorMap {
  const span = hi - lo;
  return (v) => {
    const g = span > 0 ? Math.round(255 * Math.min(1, Math.max(0, (v - lo) / span))) : 0;
    return [g, g, g];
  };
}

// Okabe & Ito's blue and vermillion, legible for colour-blind readers; white is exactly zero.
const POSITIVE = [0, 114, 178] as const;
const NEGATIVE = [213, 94, 0] as const;

/** Diverging: white at 0, blue up to +absMax, vermillion down to -absMax; the sign stays visible. */
export function divergingMap(absMax: number): ColorMap {
  return (v) => {
    const t = absMax > 0 ? Math.min(1, Math.abs(v) / absMax) : 0;
    const end = v >= 0 ? POSITIVE : NEGATIVE;
    const mix = (i: number) => Math.round(255 + (end[i] - 255) * t);
    return [mix(0), mix(1), mix(2)];
  };
}

/** A colour map for activations: greyscale when none is negative (after ReLU), diverging otherwise. */
export function activationMap(lo: number, hi: number): ColorMap {
  return lo >= 0 ? grayMap(0, hi) : divergingMap(Math.max(-lo, hi));
}

export function toRGBA(plane: Plane, map: ColorMap): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(plane.width * plane.height * 4);
  plane.values.forEach((v, i) => {
    const [r, g, b] = map(v);
    rgba.set([r, g, b, 255], 4 * i);
  });
  return rgba;
}
