// The gradient of conv2d with respect to its filter, on typed arrays, for the CPU-side backends.
// tfjs's cpu kernel indexes through TensorBuffer.get and took 2.5 s of a 3.4 s training step of a
// small MNIST CNN here; its wasm backend has no such kernel at all, so it could not train
// convolutions. This one loops over flat NHWC arrays in memory order and skips zero inputs
// (most MNIST pixels), and serves both backends.
import * as tf from '@tensorflow/tfjs';

export interface FilterGradientGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

/** dW[kh, kw, ci, co] = sum over b, oy, ox of x[b, oy*s + kh - pad, ox*s + kw - pad, ci] * dy[b, oy, ox, co]. */
export function conv2dFilterGradient(x: ArrayLike<number>, dy: ArrayLike<number>, g: FilterGradientGeometry): Float32Array {
  const dw = new Float32Array(g.filterHeight * g.filterWidth * g.inChannels * g.outChannels);
  const co = g.outChannels;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < g.outHeight; oy++) {
      for (let ox = 0; ox < g.outWidth; ox++) {
        const dyBase = ((b * g.outHeight + oy) * g.outWidth + ox) * co;
        for (let kh = 0; kh < g.filterHeight; kh++) {
          const iy = oy * g.strideHeight + kh - g.padTop;
          if (iy < 0 || iy >= g.inHeight) continue;
          for (let kw = 0; kw < g.filterWidth; kw++) {
            const ix = ox * g.strideWidth + kw - g.padLeft;
            if (ix < 0 || ix >= g.inWidth) continue;
            const xBase = ((b * g.inHeight + iy) * g.inWidth + ix) * g.inChannels;
            const wBase = (kh * g.filterWidth + kw) * g.inChannels * co;
            for (let ci = 0; ci < g.inChannels; ci++) {
              const xv = x[xBase + ci];
              if (xv === 0) continue;
              const w = wBase + ci * co;
              for (let c = 0; c < co; c++) dw[w + c] += xv * dy[dyBase + c];
            }
          }
        }
      }
    }
  }
  return dw;
}

type Attrs = { strides: [number, number] | number; pad: 'valid' | 'same' | number; dataFormat: 'NHWC' | 'NCHW'; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number] };

function geometry(xShape: number[], attrs: Attrs): FilterGradientGeometry {
  if (attrs.dataFormat !== 'NHWC') throw new Error('conv2dFilterGradient supports NHWC only');
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

interface CpuLike {
  data: { get(id: tf.DataId): { values: ArrayLike<number> } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}
interface WasmLike {
  typedArrayFromHeap(t: tf.TensorInfo): ArrayLike<number> & { set(a: ArrayLike<number>): void };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

const cpuKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const cpu = backend as unknown as CpuLike;
  const a = attrs as unknown as Attrs;
  const dw = conv2dFilterGradient(cpu.data.get(x.dataId).values, cpu.data.get(dy.dataId).values, geometry(x.shape, a));
  return cpu.makeTensorInfo(a.filterShape, 'float32', dw);
};

const wasmKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const wasm = backend as unknown as WasmLike;
  const a = attrs as unknown as Attrs;
  const dw = conv2dFilterGradient(wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(dy), geometry(x.shape, a));
  const out = wasm.makeOutput(a.filterShape, 'float32');
  wasm.typedArrayFromHeap(out).set(dw);
  return out;
};

let registered = false;

/** Installs the kernel for the cpu and wasm backends (once; later calls do nothing). */
export function registerConvFilterGradient(): void {
  if (registered) return;
  registered = true;
  for (const [backendName, kernelFunc] of [
    ['cpu', cpuKernel],
    ['wasm', wasmKernel],
  ] as const) {
    if (tf.getKernel(tf.Conv2DBackpropFilter, backendName)) tf.unregisterKernel(tf.Conv2DBackpropFilter, backendName);
    tf.registerKernel({ kernelName: tf.Conv2DBackpropFilter, backendName, kernelFunc });
  }
}
