// The engine itself on WebGL on the page's thread: it learns XOR and leaves no tensor behind.
import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import xorJson from '../../docs/examples/xor.json';
import { useBackend } from '../../src/core/backend';
import type { TrainEvent } from '../../src/core/events';
import { experiment } from '../../src/core/experiment';
import { ExperimentRunner } from '../../src/core/experiment-runner';
import { buildDataset } from '../../src/data/dataset';

test('trains docs/examples/xor.json on webgl to a loss below 0.05 without leaking tensors', async () => {
  const doc = experiment(xorJson);
  await useBackend('webgl');
  const before = tf.memory().numTensors;
  const events: TrainEvent[] = [];
  const results = await new ExperimentRunner(doc, buildDataset(doc.task, doc.data), { onEvent: (e) => events.push(e) }).run();

  expect(tf.getBackend()).toBe('webgl');
  expect(tf.memory().numTensors).toBe(before);
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ steps: 1000, diverged: false, stopped: false });
  expect(results[0].loss).toBeLessThan(0.05);
  expect(results[0].testAccuracy).toBe(1);
  const losses = events.flatMap((e) => (e.type === 'metrics' ? [e.loss] : []));
  expect(losses).toHaveLength(1000);
  expect(losses[0]).toBeGreaterThan(0.5);
});
