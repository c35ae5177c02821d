// Two-dimensional classification sets as TensorFlow Playground and course slides draw them: a disc
// inside a ring, two Gaussian blobs, a spiral with two or more arms, and the XOR quadrants. Points lie
// in [-6, 6]^2 before noise (Playground's scale, so sin x and sin y features see more than one period).
// Every generator is seeded per (seed, kind, stream): 'train' and 'test' are independent draws, and a
// prefix does not depend on n (asking for more points only adds points).
import { rngFor, type Rng } from '../core/rng';
import type { DataSplit } from './dataset';

export type PlanarKind = 'circle' | 'gaussians' | 'spiral' | 'xor';
export const PLANAR_KINDS: readonly PlanarKind[] = ['circle', 'gaussians', 'spiral', 'xor'];

/** Half the side of the square the noiseless points lie in. */
export const PLANAR_EXTENT = 6;
/** Largest number of points one set may have (the decision-boundary view draws every one). */
export const PLANAR_MAX_POINTS = 100_000;
/** Largest noise: a standard deviation half the extent already hides every shape. */
export const PLANAR_MAX_NOISE = 3;
/** Spiral arms: each arm is a class. */
export const SPIRAL_MAX_ARMS = 8;

export interface PlanarOptions {
  /** Standard deviation of the Gaussian jitter added to both coordinates, in coordinate units (0 to 3). */
  noise: number;
  seed: number;
  /** Names the draw: 'train' and 'test' give independent points. */
  stream: string;
  /** Classes: the spiral's arms (2 to 8); every other kind has exactly 2. Default 2. */
  classes?: number;
}

const RADIUS = 5;

/**
 * n points of one kind. Point i belongs to class i mod classes, so every prefix is balanced (class
 * counts differ by at most one). Labels come from the noiseless shape; the noise then blurs it.
 */
export function planarPoints(kind: PlanarKind, n: number, options: PlanarOptions): DataSplit {
  const classes = options.classes ?? 2;
  checkOptions(kind, n, options.noise, classes);
  const rng = rngFor(options.seed, 'planar', kind, options.stream);
  const x = new Float32Array(2 * n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % classes;
    const [px, py] = SHAPES[kind](rng, label, classes);
    // Drawn even when noise is 0, so a point's shape does not depend on the noise level's draws.
    const jx = rng.normal();
    const jy = rng.normal();
    x[2 * i] = px + options.noise * jx;
    x[2 * i + 1] = py + options.noise * jy;
    labels[i] = label;
  }
  return { x, labels, count: n };
}

type Shape = (rng: Rng, label: number, classes: number) => [number, number];

const SHAPES: Record<PlanarKind, Shape> = {
  // Class 0 fills the disc of radius 2.5; class 1 the ring from 3.5 to 5 (a gap the noise can close).
  circle(rng, label) {
    const r = label === 0 ? 0.5 * RADIUS * rng.next() : RADIUS * (0.7 + 0.3 * rng.next());
    const angle = 2 * Math.PI * rng.next();
    return [r * Math.cos(angle), r * Math.sin(angle)];
  },
  // Unit-variance blobs at (2, 2) and (-2, -2): separable with a margin until the noise grows.
  gaussians(rng, label) {
    const centre = label === 0 ? 2 : -2;
    return [centre + rng.normal(), centre + rng.normal()];
  },
  // Arm c turns 1.75 times around the origin, rotated by c / classes of a turn.
  spiral(rng, label, classes) {
    const t = rng.next();
    const r = RADIUS * t;
    const angle = 1.75 * 2 * Math.PI * t + (2 * Math.PI * label) / classes;
    return [r * Math.cos(angle), r * Math.sin(angle)];
  },
  // Uniform in a quadrant, kept 0.3 away from the axes; class 1 where x and y have opposite signs.
  xor(rng, label) {
    const flip = rng.next() < 0.5;
    const sx = flip ? 1 : -1;
    const sy = label === 1 ? -sx : sx;
    const pad = 0.3;
    return [sx * (pad + (RADIUS - pad) * rng.next()), sy * (pad + (RADIUS - pad) * rng.next())];
  },
};

function checkOptions(kind: PlanarKind, n: number, noise: number, classes: number): void {
  if (!PLANAR_KINDS.includes(kind)) throw new Error(`Unknown 2-D dataset ${JSON.stringify(kind)}; expected one of ${PLANAR_KINDS.join(', ')}.`);
  if (!Number.isInteger(n) || n < 0 || n > PLANAR_MAX_POINTS) {
    throw new Error(`${kind}: the number of points must be an integer from 0 to ${PLANAR_MAX_POINTS}, got ${n}.`);
  }
  if (!Number.isFinite(noise) || noise < 0 || noise > PLANAR_MAX_NOISE) {
    throw new Error(`${kind}: noise must be a number from 0 to ${PLANAR_MAX_NOISE}, got ${noise}.`);
  }
  if (kind === 'spiral') {
    if (!Number.isInteger(classes) || classes < 2 || classes > SPIRAL_MAX_ARMS) {
      throw new Error(`spiral: the number of arms (classes) must be an integer from 2 to ${SPIRAL_MAX_ARMS}, got ${classes}.`);
    }
  } else if (classes !== 2) {
    throw new Error(`${kind} has exactly 2 classes, got classes = ${classes}; only the spiral takes more.`);
  }
}

/** Input features a run may declare, as TensorFlow Playground offers them. */
export type PlanarFeature = 'x' | 'y' | 'x2' | 'y2' | 'xy' | 'sinx' | 'siny';
export const PLANAR_FEATURES: readonly { id: PlanarFeature; label: string }[] = [
  { id: 'x', label: 'x' },
  { id: 'y', label: 'y' },
  { id: 'x2', label: 'x²' },
  { id: 'y2', label: 'y²' },
  { id: 'xy', label: 'xy' },
  { id: 'sinx', label: 'sin x' },
  { id: 'siny', label: 'sin y' },
];
const FEATURE_FNS: Record<PlanarFeature, (x: number, y: number) => number> = {
  x: (x) => x,
  y: (_, y) => y,
  x2: (x) => x * x,
  y2: (_, y) => y * y,
  xy: (x, y) => x * y,
  sinx: (x) => Math.sin(x),
  siny: (_, y) => Math.sin(y),
};

/**
 * Maps points (x, y pairs, point after point) to feature vectors, point after point, in the order the
 * features are listed. Pure: the decision-boundary view maps its grid through the same function.
 */
export function planarFeatures(points: Float32Array, features: readonly PlanarFeature[]): Float32Array {
  if (features.length === 0) throw new Error('Pick at least one input feature (x, y, x², y², xy, sin x, sin y).');
  const unknown = features.find((f) => !(f in FEATURE_FNS));
  if (unknown !== undefined) throw new Error(`Unknown input feature ${JSON.stringify(unknown)}; expected one of ${Object.keys(FEATURE_FNS).join(', ')}.`);
  if (new Set(features).size !== features.length) throw new Error(`Input features are listed twice: ${features.join(', ')}.`);
  const n = points.length >> 1;
  const fns = features.map((f) => FEATURE_FNS[f]);
  const out = new Float32Array(n * fns.length);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < fns.length; f++) out[i * fns.length + f] = fns[f](points[2 * i], points[2 * i + 1]);
  }
  return out;
}

export interface PlanarDatasetOptions {
  kind: PlanarKind;
  trainSize: number;
  testSize: number;
  noise: number;
  seed: number;
  /** The spiral's arms; 2 for the others. */
  classes?: number;
  /** Default ['x', 'y']. */
  features?: readonly PlanarFeature[];
}

export interface PlanarDataset {
  featureShape: number[];
  numClasses: number;
  classNames: string[];
  /** x holds the feature vectors; the raw points are in `points`, for drawing. */
  train: DataSplit;
  test: DataSplit;
  points: { train: Float32Array; test: Float32Array };
  features: PlanarFeature[];
}

/** A ready-to-train 2-D set: independent training and test draws, mapped to the chosen features. */
export function planarDataset(options: PlanarDatasetOptions): PlanarDataset {
  const features = [...(options.features ?? ['x', 'y'])];
  const classes = options.classes ?? 2;
  const draw = (n: number, stream: string) => planarPoints(options.kind, n, { noise: options.noise, seed: options.seed, stream, classes });
  const train = draw(options.trainSize, 'train');
  const test = draw(options.testSize, 'test');
  const mapped = (split: DataSplit): DataSplit => ({ x: planarFeatures(split.x, features), labels: split.labels, count: split.count });
  return {
    featureShape: [features.length],
    numClasses: classes,
    classNames: Array.from({ length: classes }, (_, c) => String(c)),
    train: mapped(train),
    test: mapped(test),
    points: { train: train.x, test: test.x },
    features,
  };
}

/** Training and test sizes from a total and the share that trains (Playground's "ratio of training to test data"). */
export function splitSizes(total: number, trainRatio: number): { trainSize: number; testSize: number } {
  if (!Number.isInteger(total) || total < 2) throw new Error(`The number of points must be an integer of at least 2, got ${total}.`);
  if (!(trainRatio > 0 && trainRatio < 1)) throw new Error(`The training share must be between 0 and 1 (exclusive), got ${trainRatio}.`);
  const trainSize = Math.min(total - 1, Math.max(1, Math.round(total * trainRatio)));
  return { trainSize, testSize: total - trainSize };
}

export interface DrawnPoint {
  x: number;
  y: number;
  label: number;
}

/** Points a user placed on the 2-D view, checked (finite coordinates, labels below numClasses) and packed. */
export function drawnPoints(points: readonly DrawnPoint[], numClasses: number): DataSplit {
  if (points.length > PLANAR_MAX_POINTS) throw new Error(`At most ${PLANAR_MAX_POINTS} drawn points, got ${points.length}.`);
  const x = new Float32Array(2 * points.length);
  const labels = new Uint8Array(points.length);
  points.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) throw new Error(`Drawn point ${i + 1} has a coordinate that is not a finite number (${p.x}, ${p.y}).`);
    if (!Number.isInteger(p.label) || p.label < 0 || p.label >= numClasses) {
      throw new Error(`Drawn point ${i + 1} has class ${p.label}; classes are 0 to ${numClasses - 1}.`);
    }
    x[2 * i] = p.x;
    x[2 * i + 1] = p.y;
    labels[i] = p.label;
  });
  return { x, labels, count: points.length };
}
