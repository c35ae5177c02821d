// Training behaviour on the real cpu backend: convergence, memory ownership, fairness, divergence.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import { ExperimentRunner } from '../../src/core/experiment-runner';
import { Network } from '../../src/core/model';
import { createBatchStream } from '../../src/data/batches';
import { buildDataset } from '../../src/data/dataset';
import { backend, train } from '../support/engine';

const example = (name: string) => JSON.parse(readFileSync(`docs/examples/${name}`, 'utf8'));

beforeAll(async () => {
  await backend('cpu');
});

describe('convergence', () => {
  it('XOR with one hidden layer reaches a loss below 0.05 (docs/examples/xor.json)', async () => {
    const { results } = await train(example('xor.json'));
    expect(results[0].loss).toBeLessThan(0.05);
    expect(results[0].testAccuracy).toBe(1);
  });

  it('the MNIST MLP 784-100-10 reaches at least 90% test accuracy on the real digits', async () => {
    const { results, of } = await train(example('mnist-mlp.json'), { steps: 300 });
    expect(results[0].steps).toBe(300);
    expect(results[0].testAccuracy).toBeGreaterThanOrEqual(0.9);
    const evals = of('eval');
    expect(evals.map((e) => e.step)).toEqual([100, 200, 300]);
    expect(evals[0].testAccuracy).toBeGreaterThan(0.8);
    // Accuracies are whole counts over the split (the page's confusion matrix must agree to the digit).
    const testCount = example('mnist-mlp.json').data.testSize as number;
    for (const e of evals) expect(e.testAccuracy * testCount).toBeCloseTo(Math.round(e.testAccuracy * testCount), 9);
  });
});

describe('tensor ownership', () => {
  it('leaves tf.memory().numTensors as it found it, optimizer state and batch norm included', async () => {
    const doc = {
      task: 'mnist',
      data: { trainSize: 300, testSize: 100 },
      runs: [
        { name: 'adam cnn', model: 'INPUT 28x28x1, CONV3-4, BN, POOL2, DROPOUT0.25, FC-16 TANH, BN, FC-10', optimizer: { name: 'adam' }, training: { steps: 12, batchSize: 16, evalEvery: 5, clipNorm: 1, l2: 0.001 } },
        { name: 'rmsprop mlp', model: 'INPUT 784, FC-8 ELU, DROPOUT0.5, FC-10', optimizer: { name: 'rmsprop', momentum: 0.5 }, training: { steps: 12, batchSize: 16, evalEvery: 5, loss: 'hinge' } },
        { name: 'nesterov mse', model: 'INPUT 784, FC-8 LRELU, FC-10', optimizer: { name: 'nesterov' }, training: { steps: 12, batchSize: 16, evalEvery: 5, loss: 'mse' } },
      ],
    };
    await train(doc); // warm-up: kernels and backend-level caches allocate once
    const before = tf.memory().numTensors;
    const { results } = await train(doc);
    expect(results.every((r) => r.steps === 12)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('fair comparisons', () => {
  const twoRuns = (secondSeed: number) =>
    experiment({
      task: 'mnist',
      data: { trainSize: 500, testSize: 100 },
      runs: [
        { name: 'sgd', seed: 7, model: 'INPUT 784, FC-32 RELU HE, FC-10', optimizer: { name: 'sgd' } },
        { name: 'adam', seed: secondSeed, model: 'INPUT 784, FC-32 RELU HE, DROPOUT0.5, FC-10', optimizer: { name: 'adam' } },
      ],
    });

  it('runs that share a seed start from identical weights, even with a dropout layer inserted', async () => {
    const doc = twoRuns(7);
    const [a, b] = doc.runs.map((run) => new Network([run.model], [run.seed]));
    try {
      for (let i = 0; i < a.weighted.length; i++) {
        expect(await b.weighted[i].kernel.data()).toEqual(await a.weighted[i].kernel.data());
        expect(await b.weighted[i].bias.data()).toEqual(await a.weighted[i].bias.data());
      }
      const other = new Network([twoRuns(8).runs[1].model], [8]);
      expect(await other.weighted[0].kernel.data()).not.toEqual(await a.weighted[0].kernel.data());
      other.dispose();
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('runs that share a seed see the identical batch order', () => {
    const doc = twoRuns(7);
    const dataset = buildDataset('xor', { ...doc.data, xorPoints: 'cloud', trainSize: 64, testSize: 8 });
    const streams = doc.runs.map((run) => createBatchStream(dataset.train.labels, doc.data.order, run.seed, 0));
    for (let i = 0; i < 20; i++) expect(streams[1].next(16)).toEqual(streams[0].next(16));
  });
});

describe('divergence', () => {
  it('a NaN loss ends that run with a diverged event naming the step, while the other run goes on', async () => {
    const { results, of } = await train({
      task: 'xor',
      runs: [
        { name: 'exploding', model: 'INPUT 2, FC-16 LINEAR NORMAL3, FC-1 LINEAR', optimizer: { name: 'sgd', learningRate: 5 }, training: { steps: 200, batchSize: 4, loss: 'mse', evalEvery: 50 } },
        { name: 'calm', model: 'INPUT 2, FC-4 TANH, FC-1', optimizer: { name: 'sgd', learningRate: 0.5 }, training: { steps: 200, batchSize: 4, evalEvery: 50 } },
      ],
    });
    const diverged = of('diverged', 'exploding');
    expect(diverged).toHaveLength(1);
    expect(diverged[0].step).toBeGreaterThan(0);
    expect(diverged[0].step).toBeLessThan(200);
    expect(results[0]).toMatchObject({ diverged: true, steps: diverged[0].step });
    expect(results[1]).toMatchObject({ diverged: false, steps: 200 });
    // Every step the diverged run reported before the NaN was finite.
    expect(of('metrics', 'exploding').every((m) => Number.isFinite(m.loss) && m.step < diverged[0].step)).toBe(true);
  });
});

describe('controls', () => {
  it('pauses, single-steps, resumes and stops', async () => {
    const doc = experiment({ task: 'xor', runs: [{ training: { steps: 5000, batchSize: 4, evalEvery: 1000 } }] });
    const dataset = buildDataset(doc.task, doc.data);
    const steps: number[] = [];
    const runner = new ExperimentRunner(doc, dataset, { chunkSteps: 10, onEvent: (e) => e.type === 'metrics' && steps.push(e.step) });
    runner.pause();
    const finished = runner.run();
    await new Promise((r) => setTimeout(r, 50));
    expect(steps).toEqual([]); // paused before the first step
    runner.step();
    runner.step();
    await new Promise((r) => setTimeout(r, 50));
    expect(steps).toEqual([1, 2]);
    runner.resume();
    await new Promise((r) => setTimeout(r, 100));
    runner.stop();
    const [done] = await finished;
    expect(done.stopped).toBe(true);
    expect(done.steps).toBeGreaterThan(2);
    expect(done.steps).toBeLessThan(5000);
    expect(steps).toEqual(Array.from({ length: done.steps }, (_, i) => i + 1));
  });
});
