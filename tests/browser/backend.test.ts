// The backends in real Chromium: WebGL through SwiftShader (no GPU on the test machine), and the
// fallback chain down to wasm, whose binaries must load through Vite's ?url imports.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { useBackend } from '../../src/core/backend';
import { chooseBackend } from '../../src/worker/backend-choice';
import { WASM_PATHS } from '../../src/worker/browser-session';

async function matVec(): Promise<number[]> {
  const y = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])));
  try {
    return Array.from(await y.data());
  } finally {
    y.dispose();
  }
}

describe('backends in Chromium', () => {
  test('webgl comes up, reports SwiftShader as software rendering, and computes', async () => {
    const info = await useBackend('webgl');
    expect(tf.getBackend()).toBe('webgl');
    expect(info.name).toBe('webgl');
    expect(info.renderer).toMatch(/swiftshader/i);
    expect(info.software).toBe(true);
    expect(await matVec()).toEqual([17, 39]);
  });

  test('when webgl fails, the session falls back to wasm and says why', async () => {
    const choice = await chooseBackend('webgl', { wasmPaths: WASM_PATHS }, (name, options) =>
      name === 'webgl' ? Promise.reject(new Error('WebGL blocked by this test')) : useBackend(name, options),
    );
    expect(choice.info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    // webgpu, absent from headless Chromium, fails in between and is named too.
    expect(choice.fallback).toMatch(/^webgl failed: WebGL blocked by this test; .*using wasm instead$/);
    expect(await matVec()).toEqual([17, 39]);
  });

  test('the requested backend, when it works, is used without a fallback note', async () => {
    const choice = await chooseBackend('cpu', {});
    expect(choice).toEqual({ info: { name: 'cpu', renderer: 'JavaScript (CPU)', software: true } });
  });
});
