// Figures read off a computed landscape (landscape-spec.ts), for claims and for the picture's text:
// pure functions of plain numbers, no tfjs.
import type { RunLandscape } from './landscape-spec';

/** The loss on the line at t (one of its points: t = 0 and t = 1 always are). */
export function lineAt(land: RunLandscape, t: number): number {
  const i = land.line.t.indexOf(t);
  if (i < 0) throw new Error(`the line has no point at t = ${t}`);
  return land.line.loss[i];
}

/**
 * The largest climb of the loss on the way from θ0 (t = 0) to θ1 (t = 1) above the lowest point
 * before it: 0 when the loss never rises on the way, the height of the barrier otherwise.
 */
export function lineBarrier(land: RunLandscape): number {
  const { t, loss } = land.line;
  let lowest = Infinity;
  let barrier = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] < 0 || t[i] > 1) continue;
    if (!Number.isFinite(loss[i])) return Infinity;
    lowest = Math.min(lowest, loss[i]);
    barrier = Math.max(barrier, loss[i] - lowest);
  }
  return barrier;
}

/** The loss at θ1: the slice's centre point. */
export function centreLoss(land: RunLandscape): number {
  return land.slice.loss[(land.slice.loss.length - 1) / 2];
}

/**
 * How steep the basin around θ1 is: the slice's mean loss minus the loss at θ1. A flat, wide basin
 * rises little over the slice, a sharp narrow one a lot. Infinity when some point's loss is not finite.
 */
export function meanRise(land: RunLandscape): number {
  const { loss } = land.slice;
  if (loss.some((v) => !Number.isFinite(v))) return Infinity;
  return loss.reduce((a, b) => a + b, 0) / loss.length - centreLoss(land);
}

/** The fraction of the slice whose loss is at most `above` over the loss at θ1: the basin's area, as a share of the square. */
export function basinArea(land: RunLandscape, above: number): number {
  const limit = centreLoss(land) + above;
  return land.slice.loss.filter((v) => v <= limit).length / land.slice.loss.length;
}

/** The slice's lowest point: its coordinates and loss. */
export function lowestPoint(land: RunLandscape): { alpha: number; beta: number; loss: number } {
  const { coords, loss } = land.slice;
  let best = 0;
  for (let i = 1; i < loss.length; i++) if (loss[i] < loss[best]) best = i;
  const n = coords.length;
  return { alpha: coords[best % n], beta: coords[Math.floor(best / n)], loss: loss[best] };
}
