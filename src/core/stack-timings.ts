// What a stack's steps and inference passes cost: running medians with the warm-up left out, so that
// one slow sample (shaders compiling, a view's query on the same device) never becomes the figure a
// class compares, and the kernels one inference pass dispatches (which dropout must not change).
import * as tf from '@tensorflow/tfjs';
import { median } from './stats';

/** Slicing and reshaping the input batch: bookkeeping, not the network's computation. */
const PLUMBING_KERNELS = new Set(['Slice', 'Reshape', 'Identity', 'ExpandDims', 'Squeeze']);
/** performance.now(), typed for both the browser and Node. */
export const nowMs = (): number => (globalThis as unknown as { performance: { now(): number } }).performance.now();

export class StackTimings {
  private readonly stepTimes: number[] = [];
  private readonly inferenceTimes: number[] = [];
  /** Kernels of one inference pass, counted at the first timing; null before it. */
  kernelsPerInference: number | null = null;

  /** A chunk's wall time per step, from `startedAt` (a nowMs() reading before it was dispatched). */
  chunkEnded(startedAt: number, steps: number): void {
    this.stepTimes.push((nowMs() - startedAt) / steps);
  }

  /** Times one inference pass, read back to the host; its kernels are counted the first time. */
  async timeInference(infer: () => tf.Tensor): Promise<void> {
    if (this.kernelsPerInference === null) {
      const profile = await tf.profile(() => infer());
      this.kernelsPerInference = profile.kernels.filter((k) => !PLUMBING_KERNELS.has(k.name)).length;
      tf.dispose(profile.result as tf.Tensor);
    }
    const t0 = nowMs();
    const out = infer();
    await out.data();
    out.dispose();
    this.inferenceTimes.push(nowMs() - t0);
  }

  get msPerStep(): number {
    return median(steady(this.stepTimes));
  }

  get msPerInference(): number {
    return median(steady(this.inferenceTimes));
  }
}

/** Samples without the first (shader compilation, warm-up) when there are others. */
const steady = (times: number[]) => (times.length > 1 ? times.slice(1) : times);
