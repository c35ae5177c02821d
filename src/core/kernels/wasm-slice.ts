// Slice and Unpack for the wasm backend that read their input through a view of the wasm heap.
// tfjs-backend-wasm 4.22's Slice begins with backend.readSync(x), which copies the whole input out of
// the heap before copying the part asked for: cutting one batch from a block of 25, or one run's
// kernel from a stack of 8, copied the whole block (measured: 40 against 23 ms per MLP step). Same
// bytes out, in memory order; strings still go to tfjs's own kernels.
import * as tf from '@tensorflow/tfjs';

interface WasmLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** x[begin : begin + size] into a new output. Views are taken after makeOutput, which may grow (and move) the heap. */
function sliceInto(backend: WasmLike, x: tf.TensorInfo, begin: number[], size: number[], outShape = size): tf.TensorInfo {
  const out = backend.makeOutput(outShape, x.dtype);
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  const rank = x.shape.length;
  const strides = tf.util.computeStrides(x.shape);
  if (rank === 0 || tf.slice_util.isSliceContinous(x.shape, begin, size)) {
    const offset = rank === 0 ? 0 : tf.slice_util.computeFlatOffset(begin, strides);
    to.set(from.subarray(offset, offset + tf.util.sizeFromShape(size)));
    return out;
  }
  // The innermost axis is contiguous: copy row by row, walking the outer indices like an odometer.
  const inner = size[rank - 1];
  const outer = size.slice(0, rank - 1);
  const index = new Array<number>(rank - 1).fill(0);
  const rows = tf.util.sizeFromShape(outer);
  for (let row = 0; row < rows; row++) {
    let offset = begin[rank - 1];
    for (let d = 0; d < rank - 1; d++) offset += (begin[d] + index[d]) * strides[d];
    to.set(from.subarray(offset, offset + inner), row * inner);
    for (let d = rank - 2; d >= 0; d--) {
      if (++index[d] < outer[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

let registered = false;

/** Installs both kernels for the wasm backend (once; later calls do nothing). */
export function registerWasmSlice(): void {
  if (registered) return;
  registered = true;
  const original = { slice: tf.getKernel(tf.Slice, 'wasm'), unpack: tf.getKernel(tf.Unpack, 'wasm') };
  if (!original.slice || !original.unpack) return; // the wasm backend is not loaded
  tf.unregisterKernel(tf.Slice, 'wasm');
  tf.registerKernel({
    kernelName: tf.Slice,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      if (x.dtype === 'string') return original.slice!.kernelFunc(args);
      const attrs = args.attrs ?? {};
      const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin as number[], attrs.size as number[]);
      return sliceInto(args.backend as unknown as WasmLike, x, begin, size);
    },
  });
  tf.unregisterKernel(tf.Unpack, 'wasm');
  tf.registerKernel({
    kernelName: tf.Unpack,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const value = args.inputs.value as tf.TensorInfo;
      if (value.dtype === 'string') return original.unpack!.kernelFunc(args);
      const axis = (((args.attrs?.axis as number | undefined) ?? 0) + value.shape.length) % value.shape.length;
      const outShape = value.shape.filter((_, i) => i !== axis);
      const begin = new Array<number>(value.shape.length).fill(0);
      const size = [...value.shape];
      size[axis] = 1;
      return Array.from({ length: value.shape[axis] }, (_, i) => {
        begin[axis] = i;
        return sliceInto(args.backend as unknown as WasmLike, value, begin, size, outShape);
      });
    },
  });
}
