// The loss landscape (src/core/landscape*.ts) where the answer is known: directions normalised filter
// by filter, a path built from the directions projecting back to its coordinates, the line passing
// through the losses at θ0 and θ1, the slice's centre at θ1, no tensor left behind, and refusals
// before anything is allocated. Real tfjs on cpu, real training on a small 2-D task.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import { ExperimentRunner } from '../../src/core/experiment-runner';
import { hasWeights, unitsOf } from '../../src/core/layers';
import { computeLandscape } from '../../src/core/landscape';
import { dot, filterNormalisedDirection, filterNorms, project, type Parameter } from '../../src/core/landscape-directions';
import { chunkSize, PointStack } from '../../src/core/landscape-evaluate';
import { lineAt, lineBarrier, meanRise } from '../../src/core/landscape-measures';
import { PathRecorder } from '../../src/core/landscape-path';
import { lineTs, parseLandscape, sliceCoords, type LandscapeSpec } from '../../src/core/landscape-spec';
import { computeLoss } from '../../src/core/losses';
import { Network } from '../../src/core/model';
import type { RunSpec } from '../../src/core/experiment-types';
import { buildDataset } from '../../src/data/dataset';
import { backend } from '../support/engine';

beforeAll(() => backend('cpu'));

const kernel = (shape: number[], seed: number): Parameter => {
  const values = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(seed + i * 1.7) * (1 + (i % shape[shape.length - 1])));
  return { values, shape, kernel: true };
};

describe('filter-normalised directions', () => {
  const params: Parameter[] = [kernel([5, 4], 1), { values: Float32Array.from([0.5, -1, 2, 0]), shape: [4], kernel: false }, kernel([3, 3, 2, 6], 2)];

  it('scales each filter (the last axis) to the norm of the same filter of the weights, and leaves biases out', () => {
    const d = filterNormalisedDirection(params, 7, 1);
    for (const [p, filters] of [[0, 4], [2, 6]] as const) {
      const want = filterNorms(params[p].values, filters);
      const got = filterNorms(d[p], filters);
      for (let f = 0; f < filters; f++) expect(got[f]).toBeCloseTo(want[f], 4);
    }
    expect([...d[1]]).toEqual([0, 0, 0, 0]);
  });

  it('is seeded: the same seed gives the same direction, another index or seed another', () => {
    const a = filterNormalisedDirection(params, 7, 1);
    expect(filterNormalisedDirection(params, 7, 1)).toEqual(a);
    expect(filterNormalisedDirection(params, 7, 2)[0]).not.toEqual(a[0]);
    expect(filterNormalisedDirection(params, 8, 1)[0]).not.toEqual(a[0]);
  });

  it('projects a path made of the two directions back onto its coordinates, whatever lies off the plane', () => {
    const d1 = filterNormalisedDirection(params, 3, 1);
    const d2 = filterNormalisedDirection(params, 3, 2);
    // Off the plane: a vector with its d1 and d2 parts removed (Gram-Schmidt).
    const raw = filterNormalisedDirection(params, 3, 3);
    const g = [[dot(d1, d1), dot(d1, d2)], [dot(d1, d2), dot(d2, d2)]];
    const [u, v] = [dot(d1, raw), dot(d2, raw)];
    const det = g[0][0] * g[1][1] - g[0][1] ** 2;
    const [ca, cb] = [(g[1][1] * u - g[0][1] * v) / det, (g[0][0] * v - g[0][1] * u) / det];
    for (const [alpha, beta] of [[0.3, -0.7], [-1.2, 0.05], [0, 0]]) {
      const point = d1.map((a, p) => a.map((x, i) => alpha * x + beta * d2[p][i] + (raw[p][i] - ca * x - cb * d2[p][i])));
      const got = project(point, d1, d2);
      expect(got.alpha).toBeCloseTo(alpha, 4);
      expect(got.beta).toBeCloseTo(beta, 4);
    }
  });

  it('refuses parallel directions', () => {
    const d1 = filterNormalisedDirection(params, 3, 1);
    expect(() => project(d1, d1, d1.map((a) => a.map((x) => 2 * x)))).toThrow(/parallel/);
  });
});

describe('the landscape spec', () => {
  it('fills the defaults and names what is wrong', () => {
    const ok = parseLandscape({ runs: ['a'] });
    expect(ok.ok && ok.spec.resolution).toBe(21);
    const bad = parseLandscape({ runs: ['a', 'a'], resolution: 20, span: -1, lineRange: [0.5, 1], colour: 'red' });
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors.join('\n');
    for (const field of ['colour: unknown field', 'runs: a run is named twice', 'resolution: must be odd', 'span:', 'lineRange:']) expect(errors).toContain(field);
    expect(parseLandscape({ runs: ['a'], resolution: 1001 }).ok).toBe(false);
    expect(parseLandscape('21x21').ok).toBe(false);
  });

  it('puts t = 0 and t = 1 on the line and θ1 at the centre of the slice', () => {
    expect(lineTs({ linePoints: 31, lineRange: [-0.25, 1.25] })).toEqual(expect.arrayContaining([0, 1]));
    expect(lineTs({ linePoints: 4, lineRange: [-0.3, 1.3] })).toEqual(expect.arrayContaining([0, 1]));
    const coords = sliceCoords({ resolution: 5, span: 2 });
    expect(coords).toEqual([-2, -1, 0, 1, 2]);
  });

  it('refuses a network too large before building anything', () => {
    const before = tf.memory().numTensors;
    const model = (notation: string) => experiment({ task: 'mnist', runs: [{ name: 'big', model: notation }] }).runs[0].model;
    expect(() => chunkSize(model('INPUT 784, FC-4096 RELU, FC-4096 RELU, FC-10'), 256)).toThrow(/20,037,642 parameters; a loss landscape is computed for at most 4,000,000/);
    // Small enough to vary, but one point over 5,000 examples does not fit a chunk.
    expect(() => chunkSize(model('INPUT 28x28x1, CONV3-64, CONV3-64, FC-10'), 5000)).toThrow(/ask for fewer examples/);
    expect(chunkSize(model('INPUT 784, FC-16 RELU, FC-10'), 128)).toBe(64);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the landscape of trained runs', () => {
  const doc = experiment({
    task: 'xor',
    data: { xorPoints: 'cloud', trainSize: 200, testSize: 100, noise: 0.2 },
    runs: [
      // A batch-normalised run: its statistics are no parameters and must not break the ends of the line.
      { name: 'bn', seed: 4, model: 'INPUT 2, FC-8 TANH, BN, FC-8 TANH, FC-2', optimizer: { name: 'adam', learningRate: 0.02 }, training: { batchSize: 16, steps: 100, evalEvery: 25 } },
      { name: 'plain', seed: 4, model: 'INPUT 2, FC-8 TANH, FC-2', optimizer: { name: 'sgd', learningRate: 0.5 }, training: { batchSize: 16, steps: 100, evalEvery: 25 } },
    ],
  });
  const dataset = buildDataset(doc.task, doc.data);
  const spec: LandscapeSpec = { runs: ['bn', 'plain'], resolution: 5, span: 1, linePoints: 7, lineRange: [-0.5, 1.5], examples: 120, seed: 3 };

  it('passes through the losses at θ0 and θ1, centres the slice on θ1, ends the path there, and leaks nothing', async () => {
    let runner: ExperimentRunner | null = null;
    const paths = new PathRecorder(() => runner, spec.runs);
    runner = new ExperimentRunner(doc, dataset, { onEvent: (e) => paths.observe(e), keepModels: true, diagnosticsEvery: 0 });
    try {
      await runner.run();
      const trainedLoss = (run: RunSpec) => runner!.inspect(run.name, async (net, data) => lossOn(run, (x) => net.forward(x, { training: false }), data.dataset.train, spec.examples));
      const initialLoss = async (run: RunSpec) => {
        const fresh = new Network([run.model], [run.seed]);
        try {
          return await lossOn(run, (x) => fresh.forward(tf.expandDims(x, 0), { training: false }), dataset.train, spec.examples);
        } finally {
          fresh.dispose();
        }
      };
      const expected = await Promise.all(doc.runs.map(async (r) => ({ θ0: await initialLoss(r), θ1: await trainedLoss(r) })));

      const before = tf.memory().numTensors;
      const progress: number[] = [];
      const result = await computeLandscape(runner, spec, paths, (done, total) => progress.push(done / total));
      expect(tf.memory().numTensors).toBe(before);
      expect(progress.at(-1)).toBe(1);

      result.runs.forEach((land, i) => {
        expect(land.line.t).toHaveLength(7);
        expect(lineAt(land, 0)).toBeCloseTo(expected[i].θ0, 4);
        expect(lineAt(land, 1)).toBeCloseTo(expected[i].θ1, 4);
        expect(land.slice.loss).toHaveLength(25);
        expect(land.slice.loss[12]).toBeCloseTo(expected[i].θ1, 4);
        // Training lowered the loss; the slice rises around θ1 on average.
        expect(lineAt(land, 1)).toBeLessThan(lineAt(land, 0));
        expect(meanRise(land)).toBeGreaterThan(0);
        expect(Number.isFinite(lineBarrier(land))).toBe(true);
        // Step 0 and every evaluation; the last is θ1 itself, at the centre.
        expect(land.path.map((p) => p.step)).toEqual([0, 25, 50, 75, 100]);
        expect(Math.hypot(land.path.at(-1)!.alpha, land.path.at(-1)!.beta)).toBeLessThan(1e-6);
        expect(land.pathCaptured).toBeGreaterThan(0);
        expect(land.pathCaptured).toBeLessThanOrEqual(1);
      });
    } finally {
      runner.dispose();
    }
  }, 60_000);

  it('gives every point the same loss whatever the chunks (a short last chunk computes only its own points)', async () => {
    const run = doc.runs[1];
    const fresh = new Network([run.model], [run.seed]);
    const base = await Promise.all(fresh.variables().map(async (v) => Float32Array.from(await v.data())));
    const trainable = fresh.variables().map((v) => fresh.trainableVariables().includes(v));
    fresh.dispose();
    const params = base.map((values, i) => ({ values, shape: [values.length], kernel: trainable[i] && i % 2 === 0 }));
    const dir = filterNormalisedDirection(params, 5, 1);
    const points = Array.from({ length: 10 }, (_, k) => ({ trained: [k / 4 - 1], state: [0] }));
    const x = tf.tensor(dataset.train.x.subarray(0, 2 * 50), [1, 50, 2]);
    const targets = tf.tidy(() => tf.cast(tf.expandDims(tf.oneHot(tf.tensor1d(Array.from(dataset.train.labels).slice(0, 50), 'int32'), 2), 0), 'float32'));
    const before = tf.memory().numTensors;
    const lossesWith = async (size: number) => {
      const stack = new PointStack(run.model, run.seed, size);
      try {
        return await stack.evaluate({ loss: run.training.loss, base, directions: [dir], trainable, points, x, targets });
      } finally {
        stack.dispose();
      }
    };
    const [four, all] = [await lossesWith(4), await lossesWith(16)];
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, targets]);
    expect(four).toHaveLength(10);
    four.forEach((v, i) => expect(v).toBeCloseTo(all[i], 5));
    expect(new Set(four.map((v) => v.toFixed(4))).size).toBeGreaterThan(5);
  });

  it('refuses a run the experiment does not have, before allocating', async () => {
    const runner = new ExperimentRunner(doc, dataset, { onEvent: () => {}, keepModels: true, diagnosticsEvery: 0, steps: 1 });
    try {
      await runner.run();
      const before = tf.memory().numTensors;
      await expect(computeLandscape(runner, { ...spec, runs: ['plain', 'deep'] }, null)).rejects.toThrow(/"deep"/);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      runner.dispose();
    }
  });
});

/** The mean loss over the first n training rows, computed with the engine's own loss, outside the landscape code. */
async function lossOn(run: RunSpec, forward: (x: tf.Tensor) => { scores: tf.Tensor; outputs: tf.Tensor }, split: { x: Float32Array; labels: ArrayLike<number> }, n: number): Promise<number> {
  const { x } = split;
  const last = run.model.layers[run.model.layers.length - 1];
  const units = hasWeights(last) ? unitsOf(last) : 1;
  const features = run.model.input.reduce((a, b) => a * b, 1);
  const labels = Array.from(split.labels).slice(0, n);
  const value = tf.tidy(() => {
    const out = forward(tf.tensor(x.subarray(0, n * features), [n, ...run.model.input]));
    const scores = out.scores.rank === 2 ? tf.expandDims(out.scores, 0) : out.scores;
    const outputs = out.outputs.rank === 2 ? tf.expandDims(out.outputs, 0) : out.outputs;
    const targets = tf.expandDims(tf.oneHot(tf.tensor1d(labels, 'int32'), units), 0);
    return computeLoss(run.training.loss, scores, outputs, tf.cast(targets, 'float32'));
  });
  const [loss] = await value.data();
  value.dispose();
  return loss;
}

