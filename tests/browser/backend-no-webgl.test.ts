// A browser with no WebGL at all (a blocklisted GPU, WebGL turned off by policy): asked for webgl,
// the session must fall back to wasm, not to the slow JavaScript backend, and train there (issue 13
// item 5). WebGL is taken away in this file's page before tfjs first looks for it: every canvas,
// on screen or offscreen, answers null for a WebGL context, as such a browser does.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import xor from '../../docs/examples/xor.json';
import type { TrainEvent } from '../../src/core/events';
import { experiment } from '../../src/core/experiment';
import { ExperimentRunner } from '../../src/core/experiment-runner';
import { buildDataset } from '../../src/data/dataset';
import { chooseBackend } from '../../src/worker/backend-choice';
import { WASM_PATHS } from '../../src/worker/browser-session';

type GetContext = (this: unknown, type: string, ...rest: unknown[]) => unknown;
function withoutWebGL(proto: { getContext: unknown } | undefined): void {
  if (!proto) return;
  const real = proto.getContext as GetContext;
  proto.getContext = function (this: unknown, type: string, ...rest: unknown[]) {
    return /webgl/i.test(type) ? null : real.call(this, type, ...rest);
  };
}
withoutWebGL(HTMLCanvasElement.prototype as unknown as { getContext: unknown });
withoutWebGL(globalThis.OffscreenCanvas?.prototype as unknown as { getContext: unknown } | undefined);

describe('a page without WebGL', () => {
  test('the stand-in works: no canvas gives a WebGL context', () => {
    expect(document.createElement('canvas').getContext('webgl2')).toBeNull();
    expect(new OffscreenCanvas(4, 4).getContext('webgl')).toBeNull();
    expect(document.createElement('canvas').getContext('2d')).not.toBeNull();
  });

  test('asked for webgl, the session falls back to wasm (not cpu), says why, and trains XOR there', async () => {
    const choice = await chooseBackend('webgl', { wasmPaths: WASM_PATHS });
    expect(choice.fallback).toMatch(/^the webgl backend is not available here.*; using wasm instead$/);
    expect(choice.fallback).not.toMatch(/already initialized/);
    expect(choice.info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');

    const doc = experiment(xor);
    const dataset = buildDataset(doc.task, doc.data);
    const events: TrainEvent[] = [];
    const before = tf.memory().numTensors;
    const [done] = await new ExperimentRunner(doc, dataset, { onEvent: (e) => events.push(e), steps: 300 }).run();
    expect(tf.getBackend()).toBe('wasm');
    expect(done.steps).toBe(300);
    const losses = events.flatMap((e) => (e.type === 'metrics' ? [e.loss] : []));
    expect(losses.at(-1)!).toBeLessThan(losses[0] / 2);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });
});
