// The gradient self-check must pass a correct backend and refuse one whose gradients are wrong. The
// wrong one is real: the cpu backend's kernels registered under another name, with one gradient
// kernel (max pooling's) scaled by 1.5, as a buggy shader would return; its untouched twin must pass.
import * as tf from '@tensorflow/tfjs';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterAll, describe, expect, it } from 'vitest';
import { BackendUnavailableError, refuseWrongGradients, useBackend } from '../../src/core/backend';
import { checkGradients, relativeError } from '../../src/core/backend-check';

function cloneCpu(name: string, sabotage?: string): void {
  tf.registerBackend(name, () => new MathBackendCPU(), 0);
  for (const config of tf.getKernelsForBackend('cpu')) {
    if (config.kernelName !== sabotage) {
      tf.registerKernel({ ...config, backendName: name });
      continue;
    }
    tf.registerKernel({
      ...config,
      backendName: name,
      kernelFunc: (args) => {
        const out = config.kernelFunc(args) as tf.TensorInfo;
        const values = (args.backend as MathBackendCPU).data.get(out.dataId).values as Float32Array;
        for (let i = 0; i < values.length; i++) values[i] *= 1.5;
        return out;
      },
    });
  }
}

describe('the gradient self-check', () => {
  afterAll(async () => {
    await useBackend('cpu');
  });

  it('passes wasm, whose gradients match the cpu backend to float32 rounding (about 1e-4 through batch norm)', async () => {
    const info = await useBackend('wasm');
    expect(info.gradientCheck).toBeDefined();
    expect(info.gradientCheck!.maxRelativeError).toBeLessThan(1e-3);
  });

  it('refuses a backend whose max-pooling gradient is 1.5 times too large, naming where it is wrong', async () => {
    cloneCpu('sabotaged', 'MaxPoolGrad');
    expect(await tf.setBackend('sabotaged')).toBe(true);
    const check = await checkGradients();
    expect(check.backend).toBe('sabotaged');
    expect(check.ok).toBe(false);
    // Max pooling sits in the conv net only: the error is in a layer below it, not in the MLP.
    expect(check.worst).toMatch(/^conv net: layer 1 /);
    expect(check.maxRelativeError).toBeGreaterThan(0.1);
    expect(() => refuseWrongGradients(check)).toThrow(BackendUnavailableError);
    expect(() => refuseWrongGradients(check)).toThrow(/the sabotaged backend computes wrong gradients on this device \(conv net: layer 1 \w+ differs from the cpu backend's by \d+(\.\d+)?%, more than the 1% allowed\), so it is not used/);
  });

  it('passes the same kernels left alone (the control: the check itself is not what fails)', async () => {
    cloneCpu('twin');
    expect(await tf.setBackend('twin')).toBe(true);
    const check = await checkGradients();
    expect(check.ok).toBe(true);
    expect(check.maxRelativeError).toBe(0);
  });

  it('counts NaN as infinitely wrong and measures against the reference scale', () => {
    expect(relativeError(Float32Array.of(1, NaN), Float32Array.of(1, 2))).toBe(Infinity);
    expect(relativeError(Float32Array.of(1.1, 2), Float32Array.of(1, 2))).toBeCloseTo(0.05, 6);
    // A gradient that should be zero (rounding noise on both sides) is measured against the floor.
    expect(relativeError(Float32Array.of(3e-9), Float32Array.of(-2e-9), 1e-3)).toBeLessThan(1e-5);
  });
});
