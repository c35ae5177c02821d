// Drawing of one run's XOR decision map: P(class 1) as a diverging heatmap, its 0.5 contour, and
// the training points on top. The two class colours are the ends of ColorBrewer's purple-orange
// scale, which stays two-sided for deuteranopes, protanopes and tritanopes and keeps its contrast on a
// washed-out projector; markers differ by shape as well, so colour is never the only cue.

import { traceLevel } from './contour';

export const CLASS_COLORS = ['#5e3c99', '#e66101'] as const;
const MIDDLE = [247, 247, 247];
/** How far the heatmap goes towards a class colour at P = 0 or 1: full-strength markers stay visible on it. */
const HEAT_STRENGTH = 0.72;

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

const ENDS = CLASS_COLORS.map((hex) => {
  const c = rgb(hex);
  return c.map((v) => 255 + (v - 255) * HEAT_STRENGTH) as Rgb;
});

/** The heatmap's colour for P(class 1) = p: light grey at 0.5, towards a class colour either side. */
export function heatColor(p: number): Rgb {
  if (!Number.isFinite(p)) return [128, 128, 128];
  const q = Math.min(1, Math.max(0, p));
  const end = q < 0.5 ? ENDS[0] : ENDS[1];
  const t = Math.abs(q - 0.5) * 2;
  return MIDDLE.map((m, k) => Math.round(m + (end[k] - m) * t)) as Rgb;
}

export interface Plane {
  resolution: number;
  lo: number;
  hi: number;
}

export interface Points {
  x: Float32Array;
  labels: Uint8Array;
  count: number;
}

/** Where a point of the plane lands on a square canvas of side `size` (y up). */
export function toCanvas(plane: Plane, size: number, x: number, y: number): [number, number] {
  const span = plane.hi - plane.lo;
  return [((x - plane.lo) / span) * size, ((plane.hi - y) / span) * size];
}

export function drawDecisionMap(canvas: HTMLCanvasElement, plane: Plane, probabilities: Float32Array, points: Points | null): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const size = canvas.width;
  const { resolution: res } = plane;
  const image = new ImageData(res, res);
  for (let i = 0; i < res * res; i++) {
    const [r, g, b] = heatColor(probabilities[i]);
    image.data.set([r, g, b, 255], 4 * i);
  }
  const grid = new OffscreenCanvas(res, res);
  grid.getContext('2d')!.putImageData(image, 0, 0);
  // Grid value (row, col) sits at (col, row) * size / (res - 1): centre each source pixel there.
  const cell = size / (res - 1);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(grid, -cell / 2, -cell / 2, size + cell, size + cell);
  drawContour(ctx, probabilities, res, cell);
  if (points) drawPoints(ctx, plane, size, points);
}

/** The P = 0.5 boundary. */
function drawContour(ctx: CanvasRenderingContext2D, v: Float32Array, res: number, cell: number): void {
  ctx.beginPath();
  traceLevel(ctx, v, res, cell, 0.5);
  ctx.strokeStyle = '#111';
  ctx.lineWidth = Math.max(1.5, ctx.canvas.width / 110);
  ctx.stroke();
}

/** Class 0 as circles, class 1 as triangles, in full class colour with a white rim. */
function drawPoints(ctx: CanvasRenderingContext2D, plane: Plane, size: number, points: Points): void {
  const radius = (points.count > 40 ? 0.018 : 0.035) * size;
  ctx.lineWidth = Math.max(1, radius / 3);
  ctx.strokeStyle = '#fff';
  for (let i = 0; i < points.count; i++) {
    const [px, py] = toCanvas(plane, size, points.x[2 * i], points.x[2 * i + 1]);
    const label = points.labels[i];
    ctx.beginPath();
    if (label === 1) {
      const r = radius * 1.25;
      ctx.moveTo(px, py - r);
      ctx.lineTo(px + r * 0.87, py + r * 0.5);
      ctx.lineTo(px - r * 0.87, py + r * 0.5);
      ctx.closePath();
    } else {
      ctx.arc(px, py, radius, 0, 2 * Math.PI);
    }
    ctx.fillStyle = CLASS_COLORS[label === 1 ? 1 : 0];
    ctx.fill();
    ctx.stroke();
  }
}
