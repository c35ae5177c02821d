// A hand-drawn digit turned into what an MNIST network expects, following how MNIST itself was made:
// the digit's bounding box scaled to fit 20x20 (aspect ratio kept, anti-aliased), then placed in a
// 28x28 field so that its centre of mass sits at the centre. A network trained on MNIST never saw a
// digit touching the border or off-centre, so skipping these steps makes good networks look bad.
//
// Pure: plain arrays in and out, no DOM, so it runs under Node tests.

export const DIGIT_SIZE = 28;
/** The side of the box the digit's larger dimension is scaled to. */
export const DIGIT_BOX = 20;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Preprocessed =
  /** No pixel above the ink threshold: there is nothing to classify (never an image of NaNs). */
  | { kind: 'empty' }
  | {
      kind: 'digit';
      /** 28 x 28 intensities in [0, 1], row by row: the network's input. */
      pixels: Float32Array;
      /** The drawing's bounding box in the source image. */
      box: Box;
      /** Source pixels per output pixel, inverted: output size = source size x scale. */
      scale: number;
    };

/** Grey levels in [0, 1] from RGBA bytes (light ink on a dark background, as MNIST). */
export function grayFromRGBA(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const gray = new Float32Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    gray[i] = (rgba[4 * i] + rgba[4 * i + 1] + rgba[4 * i + 2]) / (3 * 255);
  }
  return gray;
}

/** Centre of mass in continuous coordinates (pixel i covers [i, i + 1)), or null for an all-zero image. */
export function centreOfMass(pixels: ArrayLike<number>, width: number, height: number): { x: number; y: number } | null {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = pixels[y * width + x];
      mass += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  }
  return mass > 0 ? { x: sx / mass, y: sy / mass } : null;
}

const clamp01 = (v: number) => (v > 0 ? (v < 1 ? v : 1) : 0); // also maps NaN to 0

/** The smallest box holding every pixel brighter than `threshold`, or null. */
export function inkBox(gray: ArrayLike<number>, width: number, height: number, threshold: number): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (gray[y * width + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * Area weights of a 1-D resampling: output pixel i covers source [start + (i - offset) / scale,
 * start + (i + 1 - offset) / scale), clipped to the source span [start, start + length). Each output
 * pixel gets the overlap of every source pixel, times `scale` (so full coverage sums to 1).
 */
function areaWeights(outSize: number, start: number, length: number, offset: number, scale: number) {
  return Array.from({ length: outSize }, (_, i) => {
    const lo = Math.max(start, start + (i - offset) / scale);
    const hi = Math.min(start + length, start + (i + 1 - offset) / scale);
    const taps: { index: number; weight: number }[] = [];
    for (let s = Math.floor(lo); s < hi; s++) {
      const overlap = Math.min(hi, s + 1) - Math.max(lo, s);
      if (overlap > 0) taps.push({ index: s, weight: overlap * scale });
    }
    return taps;
  });
}

/**
 * MNIST-style preprocessing of a grey image (values in [0, 1], row by row). Pixels at or below
 * `threshold` count as background when finding the bounding box, so faint anti-aliasing specks far
 * from the strokes do not shrink the digit.
 */
export function preprocessDigit(gray: ArrayLike<number>, width: number, height: number, threshold = 0.05): Preprocessed {
  if (gray.length !== width * height) throw new Error(`expected ${width}x${height} = ${width * height} values, got ${gray.length}`);
  const box = inkBox(gray, width, height, threshold);
  if (!box) return { kind: 'empty' };

  const crop = new Float32Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) crop[y * box.width + x] = clamp01(gray[(box.y + y) * width + box.x + x]);
  }
  const com = centreOfMass(crop, box.width, box.height);
  if (!com) return { kind: 'empty' };

  const scale = DIGIT_BOX / Math.max(box.width, box.height);
  // Put the centre of mass at the field's centre, unless that pushes part of the digit out of the
  // field (a lopsided 7 or 4): then keep the whole digit, as close to centred as fits.
  const centre = DIGIT_SIZE / 2;
  const place = (c: number, size: number) => Math.min(Math.max(centre - c * scale, 0), DIGIT_SIZE - size * scale);
  const ox = place(com.x, box.width);
  const oy = place(com.y, box.height);

  // Separable area resampling: anti-aliased when shrinking, blocky but exact when enlarging, and
  // mass-preserving, so the centre of mass lands where it was placed.
  const wx = areaWeights(DIGIT_SIZE, 0, box.width, ox, scale);
  const wy = areaWeights(DIGIT_SIZE, 0, box.height, oy, scale);
  const rows = new Float32Array(box.height * DIGIT_SIZE);
  for (let y = 0; y < box.height; y++) {
    for (let X = 0; X < DIGIT_SIZE; X++) {
      let v = 0;
      for (const t of wx[X]) v += t.weight * crop[y * box.width + t.index];
      rows[y * DIGIT_SIZE + X] = v;
    }
  }
  const pixels = new Float32Array(DIGIT_SIZE * DIGIT_SIZE);
  let max = 0;
  for (let Y = 0; Y < DIGIT_SIZE; Y++) {
    for (let X = 0; X < DIGIT_SIZE; X++) {
      let v = 0;
      for (const t of wy[Y]) v += t.weight * rows[t.index * DIGIT_SIZE + X];
      pixels[Y * DIGIT_SIZE + X] = v;
      if (v > max) max = v;
    }
  }
  // Strokes thinned by shrinking come out grey; MNIST's strokes peak at full intensity.
  for (let i = 0; i < pixels.length; i++) pixels[i] = clamp01(pixels[i] / max);
  return { kind: 'digit', pixels, box, scale };
}
