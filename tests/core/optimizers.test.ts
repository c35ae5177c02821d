// The stack optimizers: each one's first updates against the update rules computed by hand (plain
// arithmetic here, independent of tfjs), on L(w) = 0.5 * sum(c * w^2), whose gradient is c * w; then
// step for step against tfjs's own tf.train optimizers, several runs with their own hyperparameters
// at once; a frozen (diverged) run; and per-run clipping.
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

/** Our optimizer on one run: w is [1, 3] (the run axis first, as in a stack). */
async function ourSteps(spec: OptimizerSpec, steps: number): Promise<number[][]> {
  const optimizer = createOptimizer([spec]);
  const w = tf.variable(tf.tensor2d([w0]));
  const coeff = tf.tensor2d([c]);
  const history: number[][] = [];
  for (let t = 0; t < steps; t++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.mul(0.5, tf.sum(tf.mul(coeff, tf.square(w)))) as tf.Scalar, [w]);
      optimizer.apply([w], [grads[w.name]], null);
    });
    history.push([...(await w.data())]);
  }
  disposeOptimizer(optimizer);
  w.dispose();
  coeff.dispose();
  return history;
}

/** tfjs's own optimizer for a spec, on one run: the reference the stack must reproduce. */
function tfjsOptimizer(spec: OptimizerSpec): tf.Optimizer {
  switch (spec.name) {
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'momentum':
    case 'nesterov':
      return tf.train.momentum(spec.learningRate, spec.momentum, spec.name === 'nesterov');
    case 'adagrad':
      return tf.train.adagrad(spec.learningRate, spec.initialAccumulator);
    case 'rmsprop':
      return tf.train.rmsprop(spec.learningRate, spec.decay, spec.momentum, spec.epsilon);
    case 'adam':
      return tf.train.adam(spec.learningRate, spec.beta1, spec.beta2, spec.epsilon);
  }
}

describe('first updates match the hand-computed rules', () => {
  it.each(Object.keys(rules) as OptimizerSpec['name'][])('%s', async (name) => {
    const { spec, rule } = rules[name];
    const actual = await ourSteps(spec, 3);
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
    const optimizer = createOptimizer([{ name: 'momentum', learningRate: 1, momentum: 0.9 }]);
    const w = tf.variable(tf.zeros([1, 1]));
    const moves: number[] = [];
    let previous = 0;
    for (let t = 0; t < 60; t++) {
      tf.tidy(() => optimizer.apply([w], [tf.ones([1, 1])], null)); // constant gradient 1
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

describe('a stack of runs, each with its own hyperparameters', () => {
  it.each(Object.keys(rules) as OptimizerSpec['name'][])('%s follows tf.train step for step, every run alone', async (name) => {
    const base = rules[name].spec;
    // Three runs: the base rates, half of them, and twice.
    const specs = [1, 0.5, 2].map((k) => ({ ...base, learningRate: base.learningRate * k }) as OptimizerSpec);
    const stack = createOptimizer(specs);
    const w = tf.variable(tf.tensor2d([w0, w0, w0]));
    const coeff = tf.tensor2d([c, c, c]);
    const alone = specs.map((spec) => ({ optimizer: tfjsOptimizer(spec), w: tf.variable(tf.tensor1d(w0)) }));
    const coeff1 = tf.tensor1d(c);
    for (let t = 0; t < 20; t++) {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.mul(0.5, tf.sum(tf.mul(coeff, tf.square(w)))) as tf.Scalar, [w]);
        stack.apply([w], [grads[w.name]], null);
        for (const run of alone) {
          const g = tf.variableGrads(() => tf.mul(0.5, tf.sum(tf.mul(coeff1, tf.square(run.w)))) as tf.Scalar, [run.w]);
          run.optimizer.applyGradients(g.grads);
        }
      });
    }
    const stacked = await w.array();
    for (let r = 0; r < 3; r++) {
      const expected = await alone[r].w.array();
      stacked[r].forEach((v, i) => expect(Math.abs(v - expected[i]) / Math.max(1e-6, Math.abs(expected[i])), `run ${r}, weight ${i}`).toBeLessThan(1e-5));
    }
    // The runs really differ (a stack that gave every run run 0's rate would fail above, this shows it can).
    expect(stacked[1]).not.toEqual(stacked[2]);
    tf.dispose([w, coeff, coeff1, ...alone.map((a) => a.w)]);
    stack.dispose();
    alone.forEach((a) => a.optimizer.dispose());
  });

  it('leaves a frozen run (one that diverged) exactly as it was, NaN gradients and all', async () => {
    const stack = createOptimizer([
      { name: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      { name: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    ]);
    const w = tf.variable(tf.tensor2d([w0, w0]));
    const active = tf.tensor1d([true, false], 'bool');
    tf.tidy(() => stack.apply([w], [tf.tensor2d([c, [NaN, NaN, NaN]])], active));
    const [moved, frozen] = await w.array();
    expect(frozen).toEqual(w0.map((v) => Math.fround(v)));
    expect(moved.every((v, i) => v !== w0[i] && Number.isFinite(v))).toBe(true);
    tf.dispose([w, active]);
    stack.dispose();
  });
});

describe('global-norm clipping', () => {
  it("scales each run's gradients together to that run's maximum norm, and leaves small ones alone", async () => {
    // Run 0: global norm 5 (clipped to 1); run 1: norm 0.5 under its limit 10; run 2: no limit.
    const a = tf.tensor2d([[3, 0], [0.3, 0], [30, 0]]);
    const b = tf.tensor2d([[0, 4], [0, 0.4], [0, 40]]);
    const [ca, cb] = clipByGlobalNorm([a, b], tf.tensor1d([1, 10, Infinity]));
    const [ra, rb] = [await ca.array(), await cb.array()] as number[][][];
    expect(ra[0][0]).toBeCloseTo(0.6, 6);
    expect(rb[0][1]).toBeCloseTo(0.8, 6);
    expect(ra[1]).toEqual([expect.closeTo(0.3, 6), 0]);
    expect(ra[2]).toEqual([30, 0]);
    expect(rb[2]).toEqual([0, 40]);
    tf.dispose([a, b, ca, cb]);
  });
});
