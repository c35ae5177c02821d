// The live network view's answer, on real (briefly trained) networks: copies, dead units, weights.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import { ExperimentRunner } from '../../src/core/experiment-runner';
import { networkPicture } from '../../src/core/inspect';
import { buildDataset } from '../../src/data/dataset';
import { backend, mnistDigits } from '../support/engine';

beforeAll(() => backend('cpu'));

async function picture(model: string, task: 'xor' | 'mnist' = 'xor', steps = 20) {
  const doc = experiment({ task, data: task === 'mnist' ? { trainSize: 500, testSize: 100 } : { xorPoints: 'cloud', trainSize: 64, testSize: 16 }, runs: [{ model, optimizer: { name: 'sgd', learningRate: 0.5 }, training: { steps, evalEvery: steps } }] });
  const dataset = buildDataset(doc.task, doc.data, task === 'mnist' ? await mnistDigits() : undefined);
  const runner = new ExperimentRunner(doc, dataset, { keepModels: true, diagnosticsEvery: 0, onEvent: () => {} });
  await runner.run();
  try {
    return await runner.inspect(doc.runs[0].name, async (net, data, probe) => {
      const x = tf.gather(data.inputs('train', net.spec.input), probe);
      try {
        return await networkPicture(net, x);
      } finally {
        x.dispose();
      }
    });
  } finally {
    runner.dispose();
  }
}

describe('networkPicture', () => {
  it('shows equal-weight units as copies of one unit, and ReLU units that never fire as dead', async () => {
    const layers = await picture('INPUT 2, FC-4 RELU ZEROS, FC-1');
    expect(layers).not.toBeNull();
    const [input, hidden, output] = layers!;
    expect([input.units, hidden.units, output.units]).toEqual([2, 4, 1]);
    // Zero weights get the same gradient, so the four hidden units stay copies of the first.
    expect(Array.from(hidden.copyOf)).toEqual([0, 0, 0, 0]);
    // relu(0 · x + b) with b still 0 after training: every hidden unit outputs 0 for every example.
    expect(Array.from(hidden.dead)).toEqual([1, 1, 1, 1]);
    expect(hidden.weights).toHaveLength(2 * 4);
    expect(Array.from(input.meanActivation).every(Number.isFinite)).toBe(true);
  });

  it('keeps randomly initialised units apart, alive, with their own weights (the control)', async () => {
    const layers = await picture('INPUT 2, FC-4 TANH HE, FC-1');
    const hidden = layers![1];
    expect(Array.from(hidden.copyOf)).toEqual([0, 1, 2, 3]);
    expect(Array.from(hidden.dead)).toEqual([0, 0, 0, 0]);
    expect(new Set(hidden.weights).size).toBe(8);
  });

  it('does not picture a CNN', async () => {
    expect(await picture('INPUT 28x28x1, CONV3-2, POOL2, FC-10', 'mnist', 5)).toBeNull();
  });
});
