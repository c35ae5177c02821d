// Shape arithmetic the kinds share.

/** The number of values in a tensor of this shape. */
export const sizeOf = (shape: readonly number[]) => shape.reduce((product, n) => product * n, 1);

export function describeShape(shape: readonly number[]): string {
  return shape.length === 1 ? `${shape[0]} flat features` : shape.join('x');
}

/** Output side of a window sliding over a (padded) side; TensorFlow and PyTorch floor it. */
export const slide = (side: number, window: number, stride: number, pad: number) => Math.floor((side - window + 2 * pad) / stride) + 1;

/** n = r + (k - 1) j, then j *= s: the layer-by-layer form of lessons.md's n = k + s (m - 1). */
export function slideField({ size: r, jump: j }: { size: number; jump: number }, kernel: number, stride: number) {
  return { size: r + (kernel - 1) * j, jump: j * stride };
}

export function needsImage(what: string, input: readonly number[]) {
  return { problem: `${what} needs an image input (HxWxC), but gets ${describeShape(input)}` };
}
