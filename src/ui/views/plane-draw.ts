// Drawing the plane of a 2-D task: one run's decision map, its boundaries and the points on top.
// Two classes: P(class 1) as a diverging heatmap with its 0.5 contour. More classes: each cell in the
// colour of its most likely class, paler where the network is less sure, with the lines where the most
// likely class changes. The first two colours are the ends of ColorBrewer's purple-orange scale
// (two-sided for every colour vision, and on a washed-out projector); markers differ by shape as
// well, so colour is never the only cue. Training points are filled, test points are rings, and a
// misclassified point carries a black cross.
import { traceLevel } from './contour';

export const CLASS_COLORS = ['#5e3c99', '#e66101', '#1b7837', '#c51b7d', '#2166ac', '#8c510a', '#4d4d4d', '#01665e'] as const;
const MIDDLE = [247, 247, 247];
/** How far the heatmap goes towards a class colour at P = 0 or 1: full-strength markers stay visible on it. */
const HEAT_STRENGTH = 0.72;

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

const ENDS = CLASS_COLORS.map((hex) => rgb(hex).map((v) => 255 + (v - 255) * HEAT_STRENGTH) as Rgb);

export const classColor = (c: number): string => CLASS_COLORS[c % CLASS_COLORS.length];

/** The heatmap's colour for P(class 1) = p: light grey at 0.5, towards a class colour either side. */
export function heatColor(p: number): Rgb {
  if (!Number.isFinite(p)) return [128, 128, 128];
  const q = Math.min(1, Math.max(0, p));
  const end = q < 0.5 ? ENDS[0] : ENDS[1];
  const t = Math.abs(q - 0.5) * 2;
  return MIDDLE.map((m, k) => Math.round(m + (end[k] - m) * t)) as Rgb;
}

/** A cell of a map of k > 2 classes: its likeliest class's colour, from grey at 1/k to full at certainty. */
export function regionColor(best: number, p: number, classes: number): Rgb {
  if (!Number.isFinite(p)) return [128, 128, 128];
  const t = Math.max(0, Math.min(1, (p - 1 / classes) / (1 - 1 / classes)));
  const end = ENDS[best % ENDS.length];
  return MIDDLE.map((m, k) => Math.round(m + (end[k] - m) * t)) as Rgb;
}

export interface Plane {
  resolution: number;
  lo: number;
  hi: number;
}

export interface Points {
  /** (x, y) pairs. */
  x: Float32Array;
  labels: Uint8Array;
  count: number;
}

export interface Marked {
  points: Points;
  /** Test points are drawn as rings. */
  test?: boolean;
  /** The network's class for each point, where known: a different one is crossed out. */
  predicted?: Int32Array | null;
}

/** Where a point of the plane lands on a square canvas of side `size` (y up). */
export function toCanvas(plane: Plane, size: number, x: number, y: number): [number, number] {
  const span = plane.hi - plane.lo;
  return [((x - plane.lo) / span) * size, ((plane.hi - y) / span) * size];
}

/** The point of the plane under a canvas position (the inverse of toCanvas). */
export function fromCanvas(plane: Plane, size: number, px: number, py: number): [number, number] {
  const span = plane.hi - plane.lo;
  return [plane.lo + (px / size) * span, plane.hi - (py / size) * span];
}

/** The decision map: probabilities holds `classes` values per grid cell, row by row from the top. */
export function drawDecisionMap(canvas: HTMLCanvasElement, plane: Plane, probabilities: Float32Array, classes: number, sets: readonly Marked[]): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const size = canvas.width;
  const { resolution: res } = plane;
  const image = new ImageData(res, res);
  const best = bestClasses(probabilities, classes);
  for (let i = 0; i < res * res; i++) {
    const color = classes === 2 ? heatColor(probabilities[2 * i + 1]) : regionColor(best[i], probabilities[i * classes + best[i]], classes);
    image.data.set([...color, 255], 4 * i);
  }
  const grid = new OffscreenCanvas(res, res);
  grid.getContext('2d')!.putImageData(image, 0, 0);
  // Grid value (row, col) sits at (col, row) * size / (res - 1): centre each source pixel there.
  const cell = size / (res - 1);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(grid, -cell / 2, -cell / 2, size + cell, size + cell);
  drawBoundaries(ctx, probabilities, classes, res, cell);
  for (const set of sets) drawPoints(ctx, plane, size, set);
}

/** An empty plane (before a network exists): a light ground, the axes through 0, and the points. */
export function drawPlane(canvas: HTMLCanvasElement, plane: Plane, sets: readonly Marked[], selected: number | null = null): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const size = canvas.width;
  ctx.fillStyle = 'rgb(247, 247, 247)';
  ctx.fillRect(0, 0, size, size);
  if (plane.lo < 0 && plane.hi > 0) {
    const [ox, oy] = toCanvas(plane, size, 0, 0);
    ctx.strokeStyle = '#d0d4da';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(ox, 0);
    ctx.lineTo(ox, size);
    ctx.moveTo(0, oy);
    ctx.lineTo(size, oy);
    ctx.stroke();
  }
  for (const set of sets) drawPoints(ctx, plane, size, set);
  if (selected !== null && sets[0] && selected < sets[0].points.count) {
    const [px, py] = toCanvas(plane, size, sets[0].points.x[2 * selected], sets[0].points.x[2 * selected + 1]);
    ctx.strokeStyle = '#111';
    ctx.lineWidth = Math.max(1.5, size / 160);
    ctx.setLineDash([3, 2]);
    ctx.beginPath();
    ctx.arc(px, py, markerRadius(sets[0].points.count, size) * 2.2, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

function bestClasses(probabilities: Float32Array, classes: number): Uint8Array {
  const cells = probabilities.length / classes;
  const best = new Uint8Array(cells);
  for (let i = 0; i < cells; i++) {
    let b = 0;
    for (let c = 1; c < classes; c++) if (probabilities[i * classes + c] > probabilities[i * classes + b]) b = c;
    best[i] = b;
  }
  return best;
}

/** P = 0.5 for two classes; for more, where each class's lead over the runner-up crosses 0. */
function drawBoundaries(ctx: CanvasRenderingContext2D, v: Float32Array, classes: number, res: number, cell: number): void {
  ctx.beginPath();
  if (classes === 2) {
    traceLevel(ctx, Float32Array.from({ length: res * res }, (_, i) => v[2 * i + 1]), res, cell, 0.5);
  } else {
    for (let c = 0; c < classes; c++) {
      const lead = Float32Array.from({ length: res * res }, (_, i) => {
        let other = -Infinity;
        for (let k = 0; k < classes; k++) if (k !== c) other = Math.max(other, v[i * classes + k]);
        return v[i * classes + c] - other;
      });
      traceLevel(ctx, lead, res, cell, 0);
    }
  }
  ctx.strokeStyle = '#111';
  ctx.lineWidth = Math.max(1.5, ctx.canvas.width / 110);
  ctx.stroke();
}

export const markerRadius = (count: number, size: number): number => (count > 40 ? 0.018 : 0.035) * size;

/** A class's marker: 0 circle, 1 triangle, 2 square, 3 diamond, 4 inverted triangle, 5 pentagon, ... */
export function markerPath(ctx: CanvasRenderingContext2D, label: number, px: number, py: number, radius: number): void {
  if (label === 0) return void ctx.arc(px, py, radius, 0, 2 * Math.PI);
  const shapes: [sides: number, turn: number, scale: number][] = [
    [3, -Math.PI / 2, 1.25],
    [4, Math.PI / 4, 1.2],
    [4, 0, 1.3],
    [3, Math.PI / 2, 1.25],
    [5, -Math.PI / 2, 1.15],
    [6, 0, 1.1],
    [8, Math.PI / 8, 1.05],
  ];
  const [sides, turn, scale] = shapes[(label - 1) % shapes.length];
  for (let k = 0; k < sides; k++) {
    const a = turn + (2 * Math.PI * k) / sides;
    const [x, y] = [px + radius * scale * Math.cos(a), py + radius * scale * Math.sin(a)];
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
}

function drawPoints(ctx: CanvasRenderingContext2D, plane: Plane, size: number, { points, test = false, predicted = null }: Marked): void {
  const radius = markerRadius(points.count, size);
  for (let i = 0; i < points.count; i++) {
    const [px, py] = toCanvas(plane, size, points.x[2 * i], points.x[2 * i + 1]);
    const label = points.labels[i];
    ctx.beginPath();
    markerPath(ctx, label, px, py, radius);
    if (test) {
      ctx.fillStyle = '#fff';
      ctx.fill();
      ctx.lineWidth = Math.max(1.5, radius / 2);
      ctx.strokeStyle = classColor(label);
      ctx.stroke();
    } else {
      ctx.fillStyle = classColor(label);
      ctx.fill();
      ctx.lineWidth = Math.max(1, radius / 3);
      ctx.strokeStyle = '#fff';
      ctx.stroke();
    }
    if (predicted && predicted[i] !== label) {
      const r = radius * 1.1;
      ctx.beginPath();
      ctx.moveTo(px - r, py - r);
      ctx.lineTo(px + r, py + r);
      ctx.moveTo(px + r, py - r);
      ctx.lineTo(px - r, py + r);
      ctx.lineWidth = Math.max(1.5, radius / 2.5);
      ctx.strokeStyle = '#000';
      ctx.stroke();
    }
  }
}
