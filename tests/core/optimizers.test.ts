// Each optimizer's first updates against the update rules computed by hand (plain arithmetic here,
// independent of tfjs), on L(w) = 0.5 * sum(c * w^2), whose gradient is c * w.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseExperiment, type OptimizerSpec } from '../../src/core/experiment';
import { clipByGlobalNorm, createOptimizer, disposeOptimizer } from '../../src/core/optimizers';
import { backend } from '../support/engine';

beforeAll(() => backend('cpu'));

const c = [1, 4, -0.5];
const w0 = [0.5, -1, 2];
const EPS = 1e-7;

type Rule = (w: number[], g: number[], state: Record<string, number[]>, t: number) => number[];
const zeros = () => c.map(() => 0);

const rules: Record<OptimizerSpec['name'], { spec: OptimizerSpec; rule: Rule }> = {
  sgd: { spec: { name: 'sgd', learningRate: 0.1 }, rule: (w, g) => w.map((wi, i) => wi - 0.1 * g[i]) },
  momentum: {
    spec: { name: 'momentum', learningRate: 0.1, momentum: 0.9 },
    rule: (w, g, s) => {
      s.v = (s.v ?? zeros()).map((vi, i) => 0.9 * vi + g[i]);
      return w.map((wi, i) => wi - 0.1 * s.v[i]);
    },
  },
  nesterov: {
    spec: { name: 'nesterov', learningRate: 0.1, momentum: 0.9 },
    rule: (w, g, s) => {
      s.v = (s.v ?? zeros()).map((vi, i) => 0.9 * vi + g[i]);
      return w.map((wi, i) => wi - 0.1 * (g[i] + 0.9 * s.v[i]));
    },
  },
  adagrad: {
    spec: { name: 'adagrad', learningRate: 0.1, initialAccumulator: 0.1 },
    rule: (w, g, s) => {
      s.a = (s.a ?? c.map(() => 0.1)).map((ai, i) => ai + g[i] ** 2);
      return w.map((wi, i) => wi - (0.1 * g[i]) / Math.sqrt(s.a[i] + EPS));
    },
  },
  rmsprop: {
    spec: { name: 'rmsprop', learningRate: 0.01, decay: 0.9, momentum: 0.5, epsilon: 1e-7 },
    rule: (w, g, s) => {
      s.ms = (s.ms ?? zeros()).map((m, i) => 0.9 * m + 0.1 * g[i] ** 2);
      s.mom = (s.mom ?? zeros()).map((m, i) => 0.5 * m + (0.01 * g[i]) / Math.sqrt(s.ms[i] + 1e-7));
      return w.map((wi, i) => wi - s.mom[i]);
    },
  },
  adam: {
    spec: { name: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    rule: (w, g, s, t) => {
      s.m = (s.m ?? zeros()).map((m, i) => 0.9 * m + 0.1 * g[i]);
      s.v = (s.v ?? zeros()).map((v, i) => 0.999 * v + 0.001 * g[i] ** 2);
      return w.map((wi, i) => {
        const mHat = s.m[i] / (1 - 0.9 ** t);
        const vHat = s.v[i] / (1 - 0.999 ** t);
        return wi - (0.01 * mHat) / (Math.sqrt(vHat) + 1e-7);
      });
    },
  },
};

async function tfjsSteps(spec: OptimizerSpec, steps: number): Promise<number[][]> {
  const optimizer = createOptimizer(spec);
  const w = tf.variable(tf.tensor1d(w0));
  const coeff = tf.tensor1d(c);
  const history: number[][] = [];
  for (let t = 0; t < steps; t++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.mul(0.5, tf.sum(tf.mul(coeff, tf.square(w)))) as tf.Scalar, [w]);
      optimizer.applyGradients(grads);
    });
    history.push([...(await w.data())]);
  }
  disposeOptimizer(optimizer);
  w.dispose();
  coeff.dispose();
  return history;
}

describe('first updates match the hand-computed rules', () => {
  it.each(Object.keys(rules) as OptimizerSpec['name'][])('%s', async (name) => {
    const { spec, rule } = rules[name];
    const actual = await tfjsSteps(spec, 3);
    const state: Record<string, number[]> = {};
    let w = [...w0];
    for (let t = 1; t <= 3; t++) {
      w = rule(w, w.map((wi, i) => c[i] * wi), state, t);
      actual[t - 1].forEach((v, i) => expect(v).toBeCloseTo(w[i], 5));
    }
    // The update really moved the weights (a rule that did nothing would also "match" a no-op).
    expect(actual[2]).not.toEqual(w0);
  });

  it('momentum 0.99999 is accepted and its velocity grows towards lr/(1-beta) times the gradient', async () => {
    const parsed = parseExperiment({ task: 'xor', runs: [{ optimizer: { name: 'momentum', momentum: 0.99999 } }] });
    expect(parsed.ok).toBe(true);
    const optimizer = createOptimizer({ name: 'momentum', learningRate: 1, momentum: 0.9 });
    const w = tf.variable(tf.scalar(0));
    const moves: number[] = [];
    let previous = 0;
    for (let t = 0; t < 60; t++) {
      tf.tidy(() => optimizer.applyGradients({ [w.name]: tf.scalar(1) })); // constant gradient 1
      const now = (await w.data())[0];
      moves.push(previous - now);
      previous = now;
    }
    expect(moves[0]).toBeCloseTo(1, 6);
    expect(moves[59]).toBeCloseTo(1 / (1 - 0.9), 1); // terminal step ten times the plain one
    disposeOptimizer(optimizer);
    w.dispose();
  });
});

describe('global-norm clipping', () => {
  it('scales all gradients together to the maximum norm, and leaves small ones alone', async () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) }; // global norm 5
    const clipped = clipByGlobalNorm(grads, 1);
    expect([...(await clipped.a.data())]).toEqual([expect.closeTo(0.6, 6), 0]);
    expect([...(await clipped.b.data())]).toEqual([0, expect.closeTo(0.8, 6)]);
    const untouched = clipByGlobalNorm(grads, 10);
    expect([...(await untouched.b.data())]).toEqual([0, 4]);
    tf.dispose([grads.a, grads.b, clipped.a, clipped.b, untouched.a, untouched.b]);
  });
});
