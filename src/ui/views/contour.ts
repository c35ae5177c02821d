// Level lines of a function sampled on a square grid, by marching squares: the XOR map's P = 0.5
// boundary and the valley's loss contours. Grid value (row, col) sits at canvas point
// (col, row) × cell; row 0 is the top of the picture.

/** Adds the line where the sampled values cross `level` to the context's current path. */
export function traceLevel(ctx: CanvasRenderingContext2D, values: ArrayLike<number>, resolution: number, cell: number, level: number): void {
  const res = resolution;
  const cross = (r1: number, c1: number, r2: number, c2: number, out: number[][]) => {
    const a = values[r1 * res + c1];
    const b = values[r2 * res + c2];
    if (a >= level === b >= level) return;
    const t = (level - a) / (b - a);
    out.push([(c1 + (c2 - c1) * t) * cell, (r1 + (r2 - r1) * t) * cell]);
  };
  for (let r = 0; r < res - 1; r++) {
    for (let c = 0; c < res - 1; c++) {
      const hits: number[][] = [];
      cross(r, c, r, c + 1, hits); // top
      cross(r, c + 1, r + 1, c + 1, hits); // right
      cross(r + 1, c, r + 1, c + 1, hits); // bottom
      cross(r, c, r + 1, c, hits); // left
      for (let k = 0; k + 1 < hits.length; k += 2) {
        ctx.moveTo(hits[k][0], hits[k][1]);
        ctx.lineTo(hits[k + 1][0], hits[k + 1][1]);
      }
    }
  }
}
