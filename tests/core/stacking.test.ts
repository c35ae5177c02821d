// Stacked training draws the curves the runs would draw alone (issue 10): the same documents trained
// as one stack and run by run, on the cpu backend, every step's loss and every evaluation compared.
// Each case first checks that its runs really form one stack, so no case compares a path with itself.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import type { TrainEvent } from '../../src/core/events';
import { stackRuns } from '../../src/core/stacks';
import { backend, train } from '../support/engine';

beforeAll(() => backend('cpu'));

const STEPS = 100;
const mnist = (runs: object[], data = {}) => ({ task: 'mnist', data: { trainSize: 400, testSize: 100, ...data }, runs });
const run = (name: string, seed: number, extra: object = {}) => ({ name, seed, model: 'INPUT 784, FC-24 RELU HE, FC-10', training: { steps: STEPS, batchSize: 16, evalEvery: 50 }, ...extra });

const by = (events: TrainEvent[], type: TrainEvent['type'], name: string) => events.filter((e) => e.type === type && e.run === name);

/** Trains the document both ways and checks every run's curve agrees; returns both event lists. */
async function compare(input: unknown, tolerance = 1e-5) {
  const doc = experiment(input);
  expect(stackRuns(doc.runs), 'the runs form one stack').toEqual([doc.runs.map((_, i) => i)]);
  const stacked = await train(input, { stacking: true, diagnosticsEvery: 50 });
  const alone = await train(input, { stacking: false, diagnosticsEvery: 50 });
  for (const { name } of doc.runs) {
    const a = by(stacked.events, 'metrics', name) as Extract<TrainEvent, { type: 'metrics' }>[];
    const b = by(alone.events, 'metrics', name) as Extract<TrainEvent, { type: 'metrics' }>[];
    expect(a.map((e) => e.step), name).toEqual(b.map((e) => e.step));
    a.forEach((e, i) => {
      const rel = Math.abs(e.loss - b[i].loss) / Math.max(1e-6, Math.abs(b[i].loss));
      expect(rel, `${name} step ${e.step}: ${e.loss} stacked, ${b[i].loss} alone`).toBeLessThanOrEqual(tolerance);
      expect(e.accuracy, `${name} step ${e.step} batch accuracy`).toBe(b[i].accuracy);
    });
    const evalsA = by(stacked.events, 'eval', name) as Extract<TrainEvent, { type: 'eval' }>[];
    const evalsB = by(alone.events, 'eval', name) as Extract<TrainEvent, { type: 'eval' }>[];
    expect(evalsA.map((e) => e.step)).toEqual(evalsB.map((e) => e.step));
    evalsA.forEach((e, i) => expect(Math.abs(e.testLoss - evalsB[i].testLoss) / Math.max(1e-6, evalsB[i].testLoss)).toBeLessThanOrEqual(10 * tolerance));
    // Diagnostics per run: the same layers, the same distinct units, norms that agree.
    const layersA = by(stacked.events, 'layers', name) as Extract<TrainEvent, { type: 'layers' }>[];
    const layersB = by(alone.events, 'layers', name) as Extract<TrainEvent, { type: 'layers' }>[];
    expect(layersA.map((e) => e.step)).toEqual(layersB.map((e) => e.step));
    layersA.forEach((e, i) =>
      e.layers.forEach((l, k) => {
        const other = layersB[i].layers[k];
        expect([l.layer, l.label, l.units, l.distinctUnits]).toEqual([other.layer, other.label, other.units, other.distinctUnits]);
        expect(Math.abs(l.gradNorm - other.gradNorm) / Math.max(1e-9, other.gradNorm)).toBeLessThan(1e-3);
      }),
    );
    expect(by(stacked.events, 'timing', name).length).toBe(by(alone.events, 'timing', name).length);
  }
  // The runs do differ from each other: a stack that trained every run alike would fail above.
  const finals = doc.runs.map(({ name }) => stacked.results.find((r) => r.run === name)!.loss);
  expect(new Set(finals).size).toBe(finals.length);
  return { stacked, alone, doc };
}

describe('a stack trains each run as it would train alone', () => {
  it.each([
    ['sgd', { name: 'sgd', learningRate: 0.1 }, { learningRate: 0.05 }],
    ['momentum', { name: 'momentum', learningRate: 0.01, momentum: 0.9 }, { momentum: 0.5 }],
    ['nesterov', { name: 'nesterov', learningRate: 0.01, momentum: 0.9 }, { learningRate: 0.02 }],
    ['adagrad', { name: 'adagrad', learningRate: 0.05, initialAccumulator: 0.1 }, { initialAccumulator: 1 }],
    ['rmsprop', { name: 'rmsprop', learningRate: 0.001, decay: 0.9, momentum: 0.3, epsilon: 1e-7 }, { decay: 0.8 }],
    ['adam', { name: 'adam', learningRate: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, { beta1: 0.8 }],
  ])('%s, with per-run seeds and hyperparameters', async (_name, optimizer, other) => {
    await compare(mnist([run('a', 1, { optimizer }), run('b', 2, { optimizer: { ...optimizer, ...other } }), run('c', 1, { optimizer: { ...optimizer, learningRate: optimizer.learningRate * 2 } })]));
  });

  it('dropout with a rate per run, batch norm, per-run initializers', async () => {
    const model = (rate: number, init: string) => `INPUT 784, FC-24 SIGMOID ${init}, BN, DROPOUT${rate}, FC-10`;
    await compare(
      mnist([
        run('p0.2', 3, { model: model(0.2, 'XAVIER'), optimizer: { name: 'sgd', learningRate: 0.3 } }),
        run('p0.5', 3, { model: model(0.5, 'HE'), optimizer: { name: 'sgd', learningRate: 0.3 } }),
        run('p0.5b', 4, { model: model(0.5, 'NORMAL0.01'), optimizer: { name: 'sgd', learningRate: 0.3 } }),
      ]),
    );
  });

  it('L2 and gradient clipping, each run with its own', async () => {
    const optimizer = { name: 'sgd', learningRate: 0.5 };
    await compare(
      mnist([
        run('plain', 5, { optimizer }),
        run('l2', 5, { optimizer, training: { steps: STEPS, batchSize: 16, evalEvery: 50, l2: 0.01 } }),
        run('clipped', 5, { optimizer, training: { steps: STEPS, batchSize: 16, evalEvery: 50, clipNorm: 0.5, l2: 0.001 } }),
      ]),
    );
  });

  it('learning-rate schedules, each run with its own (constant, step decay, cosine)', async () => {
    const optimizer = { name: 'momentum', learningRate: 0.05, momentum: 0.9 };
    const training = { steps: STEPS, batchSize: 16, evalEvery: 50 };
    await compare(
      mnist([
        run('constant', 5, { optimizer }),
        run('step', 5, { optimizer, training: { ...training, schedule: 'step', decayEvery: 30, decayFactor: 0.2 } }),
        run('cosine', 5, { optimizer, training: { ...training, schedule: 'cosine' } }),
      ]),
    );
  });

  it('convolutions, one per run, with max- and average pooling', async () => {
    const cnn = (seed: number, lr: number) => ({
      name: `cnn ${seed}`,
      seed,
      model: 'INPUT 28x28x1, CONV3-3, POOL2, CONV3-4 S2, AVGPOOL2, FC-10',
      optimizer: { name: 'adam', learningRate: lr },
      training: { steps: 30, batchSize: 8, evalEvery: 30 },
    });
    await compare(mnist([cnn(1, 0.01), cnn(2, 0.003)], { trainSize: 200 }));
  });

  it('a member that diverges stops alone, frozen, and the others go on as they would alone', async () => {
    // A linear network on squared error: a large rate overflows to Infinity and NaN within a few steps.
    const linear = (name: string, seed: number, learningRate: number) =>
      run(name, seed, { model: 'INPUT 784, FC-24 LINEAR, FC-10 LINEAR', optimizer: { name: 'sgd', learningRate }, training: { steps: STEPS, batchSize: 16, evalEvery: 50, loss: 'mse' } });
    const { stacked, doc } = await compare(mnist([linear('steady', 6, 0.01), linear('explodes', 6, 50), linear('other', 7, 0.02)]));
    const diverged = by(stacked.events, 'diverged', 'explodes');
    expect(diverged).toHaveLength(1);
    expect(stacked.results.find((r) => r.run === 'explodes')).toMatchObject({ diverged: true, steps: (diverged[0] as { step: number }).step });
    expect(stacked.results.filter((r) => r.run !== 'explodes').every((r) => r.steps === STEPS && !r.diverged)).toBe(true);
    expect(doc.runs).toHaveLength(3);
  });

  it('leaves no tensor behind, stacked or not', async () => {
    const doc = mnist([run('a', 1, { optimizer: { name: 'adam' } }), run('b', 2, { optimizer: { name: 'adam', learningRate: 0.01 } })]);
    await train(doc, { stacking: true });
    const before = tf.memory().numTensors;
    await train(doc, { stacking: true });
    await train(doc, { stacking: false });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('which runs stack', () => {
  const doc = experiment(
    mnist([
      run('a', 1),
      run('b', 2, { optimizer: { name: 'sgd', learningRate: 0.5 }, model: 'INPUT 784, FC-24 RELU XAVIER, FC-10' }),
      run('tanh', 1, { model: 'INPUT 784, FC-24 TANH, FC-10' }),
      run('adam', 1, { optimizer: { name: 'adam' } }),
      run('batch 32', 1, { training: { steps: STEPS, batchSize: 32, evalEvery: 50 } }),
      run('c', 3, { training: { steps: STEPS, batchSize: 16, evalEvery: 50, l2: 0.1, clipNorm: 1 } }),
    ]),
  );

  it('stacks runs that differ in seeds, initializers, hyperparameters, L2 and clipping; splits the rest', () => {
    expect(stackRuns(doc.runs)).toEqual([[0, 1, 5], [2], [3], [4]]);
  });

  it('trains every run alone when stacking is off', () => {
    expect(stackRuns(doc.runs, false)).toEqual(doc.runs.map((_, i) => [i]));
  });
});
