// XOR, the classic problem no linear model can solve: label = x1 XOR x2 at the unit square's corners.
import { rngFor } from '../core/rng';
import type { DataSplit } from './dataset';

/** Corner order shared by the table and the cloud: (0,0) (0,1) (1,0) (1,1). */
const CORNERS: readonly (readonly [number, number])[] = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

/** The four corners, each exactly once: the truth table. */
export function xorTable(): DataSplit {
  return xorCloud(CORNERS.length, 0, 0, 'table');
}

/**
 * n noisy points, corner after corner in turn (so every prefix is balanced: corner counts differ by at
 * most one), each corner plus N(0, noise^2) on both coordinates, labelled with the corner's XOR.
 * `stream` names the draw (e.g. 'train', 'test') so the two sets get independent noise.
 */
export function xorCloud(n: number, noise: number, seed: number, stream: string): DataSplit {
  if (!Number.isInteger(n) || n < 0) throw new Error(`XOR cloud size must be a non-negative integer, got ${n}.`);
  if (!Number.isFinite(noise) || noise < 0) throw new Error(`XOR noise must be a finite number >= 0, got ${noise}.`);
  const rng = rngFor(seed, 'xor', stream);
  const x = new Float32Array(n * 2);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const [a, b] = CORNERS[i % CORNERS.length];
    // Skip the draws when noise is 0, so the table is exact without depending on rounding.
    x[2 * i] = noise === 0 ? a : a + noise * rng.normal();
    x[2 * i + 1] = noise === 0 ? b : b + noise * rng.normal();
    labels[i] = a ^ b;
  }
  return { x, labels, count: n };
}
