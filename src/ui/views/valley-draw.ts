// Drawing of the valley for one optimizer: the loss shaded on a log scale with level lines a factor of
// 4 apart (each ellipse half the size of the one outside it), the minimum, and the optimizer's path up
// to the step shown. One picture per optimizer, side by side: overlaid, a path that swings (β near 1)
// hides the others.
import { traceLevel } from './contour';

/** What the view needs of a trace (the worker's answer, see core/valley.ts). */
export interface ValleyPicture {
  bounds: { xMin: number; xMax: number; yMin: number; yMax: number };
  resolution: number;
  values: ArrayLike<number>;
  paths: readonly { name: string; xs: readonly number[]; ys: readonly number[]; losses: readonly number[] }[];
}


const LOW = [158, 202, 225]; // the valley floor
const HIGH = [247, 251, 255]; // high on the walls

/** Where a point of the plane lands on a square canvas of side `size` (y up). */
export function valleyToCanvas(bounds: ValleyPicture['bounds'], size: number, x: number, y: number): [number, number] {
  return [((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * size, ((bounds.yMax - y) / (bounds.yMax - bounds.yMin)) * size];
}

/** The loss the paths start from: contours and shading are relative to it. */
function startLoss(picture: ValleyPicture): number {
  return Math.max(...picture.paths.map((p) => p.losses[0]), 1e-12);
}

export function drawValley(canvas: HTMLCanvasElement, picture: ValleyPicture, pathIndex: number, color: string, shownSteps: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const size = canvas.width;
  const scale = size / 240;
  const { resolution: res, values, bounds } = picture;
  const top = startLoss(picture);
  shade(ctx, values, res, size, top);

  const cell = size / (res - 1);
  ctx.beginPath();
  for (let k = -7; k <= 2; k++) traceLevel(ctx, values, res, cell, top * 4 ** k);
  ctx.setLineDash([]);
  ctx.strokeStyle = 'rgba(31, 58, 95, 0.35)';
  ctx.lineWidth = Math.max(1, scale);
  ctx.stroke();

  const [mx, my] = valleyToCanvas(bounds, size, 0, 0);
  ctx.beginPath();
  const arm = 6 * scale;
  ctx.moveTo(mx - arm, my - arm);
  ctx.lineTo(mx + arm, my + arm);
  ctx.moveTo(mx + arm, my - arm);
  ctx.lineTo(mx - arm, my + arm);
  ctx.strokeStyle = '#1c2833';
  ctx.lineWidth = 2 * scale;
  ctx.stroke();

  const path = picture.paths[pathIndex];
  if (path) drawPath(ctx, picture, path, color, shownSteps, scale);
}

function shade(ctx: CanvasRenderingContext2D, values: ArrayLike<number>, res: number, size: number, top: number): void {
  const image = new ImageData(res, res);
  for (let i = 0; i < res * res; i++) {
    // 0 at a ten-thousandth of the start's loss and below, 1 at ten times it and above.
    const t = Math.min(1, Math.max(0, (Math.log10(Math.max(values[i], 1e-30) / top) + 4) / 5));
    image.data.set([0, 1, 2].map((k) => Math.round(LOW[k] + (HIGH[k] - LOW[k]) * t)).concat(255), 4 * i);
  }
  const grid = new OffscreenCanvas(res, res);
  grid.getContext('2d')!.putImageData(image, 0, 0);
  const cell = size / (res - 1);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(grid, -cell / 2, -cell / 2, size + cell, size + cell);
}

function drawPath(
  ctx: CanvasRenderingContext2D,
  picture: ValleyPicture,
  path: ValleyPicture['paths'][number],
  color: string,
  shownSteps: number,
  scale: number,
): void {
  const size = ctx.canvas.width;
  const last = Math.min(Math.max(0, Math.floor(shownSteps)), path.xs.length - 1);
  const at = (k: number) => valleyToCanvas(picture.bounds, size, path.xs[k], path.ys[k]);
  ctx.beginPath();
  for (let k = 0; k <= last; k++) {
    const [px, py] = at(k);
    if (k === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5 * scale;
  ctx.lineJoin = 'round';
  ctx.stroke();
  // Where the optimizer is at the step shown: a dot with a white rim, visible on any line.
  const [px, py] = at(last);
  ctx.beginPath();
  ctx.arc(px, py, 4.5 * scale, 0, 2 * Math.PI);
  ctx.fillStyle = color;
  ctx.fill();
  ctx.lineWidth = 1.5 * scale;
  ctx.strokeStyle = '#fff';
  ctx.stroke();
}
