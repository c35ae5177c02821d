// Optimizers for a stack of runs: every variable has a leading run axis [R, ...], and every
// hyperparameter is a per-run tensor, so runs with different learning rates (or momenta, betas...)
// share one update kernel per variable. The rules are tfjs 4.22's own, step for step (the tests check
// them against tf.train.*), written out because tfjs's optimizers take one scalar rate:
//   sgd       w -= lr g
//   momentum  v = m v + g;  w -= lr v             (terminal step lr/(1-m) g)
//   nesterov  v = m v + g;  w -= lr (g + m v)
//   adagrad   a += g^2;     w -= lr g / sqrt(a + ε_backend)      (a starts at initialAccumulator)
//   rmsprop   s = d s + (1-d) g^2;  u = mu u + lr g / sqrt(s + eps);  w -= u
//   adam      m, v moving averages of g, g^2, bias-corrected by 1 - β^t;  w -= lr m^ / (sqrt(v^) + eps)
// A run whose `active` entry is false (it diverged) keeps its weights and slots as they are.
import * as tf from '@tensorflow/tfjs';
import type { OptimizerName, OptimizerSpec } from './fields';
import { hyperparameter } from './fields';

export interface StackOptimizer {
  /**
   * Updates each variable by its gradient (same order). Call inside a tidy. `learningRateFactors`
   * ([R], this step's schedule, see schedule.ts) multiplies each run's learning rate; null: 1.
   */
  apply(variables: readonly tf.Variable[], gradients: readonly tf.Tensor[], active: tf.Tensor | null, learningRateFactors?: tf.Tensor1D | null): void;
  /** Every state variable's values on the host, by key (a snapshot, see snapshot.ts). */
  readState(): Promise<OptimizerState>;
  /** Puts read state back into a new optimizer of the same kind and runs; its slots are made from it. */
  restoreState(state: OptimizerState): void;
  dispose(): void;
}

/** Slots by `${variable index}/${what}`, and adam's β^t as `beta1^t`, `beta2^t`. */
export type OptimizerState = { key: string; shape: number[]; values: Float32Array }[];

type Slot = tf.Variable;

export function createOptimizer(specs: readonly OptimizerSpec[]): StackOptimizer {
  const name = specs[0].name;
  if (specs.some((s) => s.name !== name)) throw new Error('every run of a stack has the same optimizer kind');
  return new Optimizer(name, specs);
}

/** Frees an optimizer's state. */
export function disposeOptimizer(optimizer: StackOptimizer): void {
  optimizer.dispose();
}

class Optimizer implements StackOptimizer {
  private readonly runs: number;
  /** Per-run hyperparameters, [R] each, kept for the optimizer's life. */
  private readonly hyper = new Map<string, tf.Tensor1D>();
  private readonly slots = new Map<string, Slot>();
  /** Adam's β^t per run. */
  private accBeta1: tf.Variable | null = null;
  private accBeta2: tf.Variable | null = null;

  constructor(
    private readonly name: OptimizerName,
    specs: readonly OptimizerSpec[],
  ) {
    this.runs = specs.length;
    const keys = Object.keys(specs[0]).filter((k) => k !== 'name');
    for (const key of keys) {
      this.hyper.set(key, tf.keep(tf.tensor1d(specs.map((s) => hyperparameter(s, key as never)))));
      // 1 − β is computed in double precision before it becomes float32, as tfjs does: on the device
      // it would differ in the last bits (1 − float32(0.9) ≠ float32(1 − 0.9)) and drift over steps.
      this.hyper.set(`1-${key}`, tf.keep(tf.tensor1d(specs.map((s) => 1 - hyperparameter(s, key as never)))));
    }
    if (name === 'adam') {
      // The tidy frees the initial tensors: a variable holds data of its own.
      this.accBeta1 = tf.tidy(() => tf.variable(tf.tensor1d(specs.map((s) => hyperparameter(s, 'beta1'))), false));
      this.accBeta2 = tf.tidy(() => tf.variable(tf.tensor1d(specs.map((s) => hyperparameter(s, 'beta2'))), false));
    }
  }

  /** A hyperparameter shaped to broadcast over a variable of this rank: [R, 1, ..., 1]. */
  private h(key: string, rank: number): tf.Tensor {
    return tf.reshape(this.hyper.get(key)!, [this.runs, ...new Array(rank - 1).fill(1)]);
  }

  private slot(index: number, what: string, like: tf.Variable, initial: (shape: number[]) => tf.Tensor): Slot {
    const key = `${index}/${what}`;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = tf.tidy(() => tf.variable(initial(like.shape), false));
      this.slots.set(key, slot);
    }
    return slot;
  }

  apply(variables: readonly tf.Variable[], gradients: readonly tf.Tensor[], active: tf.Tensor | null, learningRateFactors: tf.Tensor1D | null = null): void {
    const rates = learningRateFactors ? tf.mul(this.hyper.get('learningRate')!, learningRateFactors) : this.hyper.get('learningRate')!;
    const lr = (rank: number) => tf.reshape(rates, [this.runs, ...new Array(rank - 1).fill(1)]);
    // Adam's bias correction uses β^t of this step, before it advances.
    const oneMinusAcc1 = this.accBeta1 ? tf.sub(1, this.accBeta1) : null;
    const oneMinusAcc2 = this.accBeta2 ? tf.sub(1, this.accBeta2) : null;
    const mask = (rank: number) => (active ? tf.reshape(active, [this.runs, ...new Array(rank - 1).fill(1)]) : null);
    const assign = (target: tf.Variable, value: tf.Tensor) => {
      const m = mask(target.rank);
      target.assign(m ? tf.where(m, value, target) : value);
    };
    variables.forEach((w, i) => {
      const g = gradients[i];
      const r = w.rank;
      switch (this.name) {
        case 'sgd':
          return assign(w, tf.sub(w, tf.mul(lr(r), g)));
        case 'momentum':
        case 'nesterov': {
          const v = this.slot(i, 'momentum', w, (s) => tf.zeros(s));
          const m = this.h('momentum', r);
          const next = tf.add(tf.mul(m, v), g);
          const step = this.name === 'nesterov' ? tf.add(g, tf.mul(next, m)) : next;
          assign(v, next);
          return assign(w, tf.sub(w, tf.mul(lr(r), step)));
        }
        case 'adagrad': {
          const a = this.slot(i, 'accumulator', w, (s) => tf.mul(tf.ones(s), this.h('initialAccumulator', s.length)));
          const next = tf.add(a, tf.square(g));
          assign(a, next);
          return assign(w, tf.sub(w, tf.mul(lr(r), tf.div(g, tf.sqrt(tf.add(next, tf.backend().epsilon()))))));
        }
        case 'rmsprop': {
          const s = this.slot(i, 'rms', w, (shape) => tf.zeros(shape));
          const u = this.slot(i, 'moment', w, (shape) => tf.zeros(shape));
          const d = this.h('decay', r);
          const nextS = tf.add(tf.mul(s, d), tf.mul(tf.square(g), this.h('1-decay', r)));
          const nextU = tf.add(tf.mul(u, this.h('momentum', r)), tf.div(tf.mul(g, lr(r)), tf.sqrt(tf.add(nextS, this.h('epsilon', r)))));
          assign(s, nextS);
          assign(u, nextU);
          return assign(w, tf.sub(w, nextU));
        }
        case 'adam': {
          const m1 = this.slot(i, 'm', w, (shape) => tf.zeros(shape));
          const m2 = this.slot(i, 'v', w, (shape) => tf.zeros(shape));
          const b1 = this.h('beta1', r);
          const b2 = this.h('beta2', r);
          const next1 = tf.add(tf.mul(m1, b1), tf.mul(g, this.h('1-beta1', r)));
          const next2 = tf.add(tf.mul(m2, b2), tf.mul(tf.square(g), this.h('1-beta2', r)));
          const shape = [this.runs, ...new Array(r - 1).fill(1)];
          const corrected1 = tf.div(next1, tf.reshape(oneMinusAcc1!, shape));
          const corrected2 = tf.div(next2, tf.reshape(oneMinusAcc2!, shape));
          assign(m1, next1);
          assign(m2, next2);
          return assign(w, tf.sub(w, tf.mul(tf.div(corrected1, tf.add(tf.sqrt(corrected2), this.h('epsilon', r))), lr(r))));
        }
      }
    });
    if (this.accBeta1 && this.accBeta2) {
      assign(this.accBeta1, tf.mul(this.accBeta1, this.hyper.get('beta1')!));
      assign(this.accBeta2, tf.mul(this.accBeta2, this.hyper.get('beta2')!));
    }
  }

  private stateVariables(): [string, tf.Variable][] {
    const list: [string, tf.Variable][] = [...this.slots.entries()];
    if (this.accBeta1 && this.accBeta2) list.push(['beta1^t', this.accBeta1], ['beta2^t', this.accBeta2]);
    return list;
  }

  async readState(): Promise<OptimizerState> {
    return Promise.all(
      this.stateVariables().map(async ([key, v]) => ({ key, shape: [...v.shape], values: Float32Array.from((await v.data()) as Float32Array) })),
    );
  }

  restoreState(state: OptimizerState): void {
    for (const { key, shape, values } of state) {
      if (key === 'beta1^t' || key === 'beta2^t') {
        const target = key === 'beta1^t' ? this.accBeta1 : this.accBeta2;
        if (!target || target.size !== values.length) throw new Error(`the snapshot's optimizer state ${key} does not fit this ${this.name} optimizer`);
        tf.tidy(() => target.assign(tf.tensor(values, target.shape)));
        continue;
      }
      this.slots.get(key)?.dispose();
      // The tidy frees the initial tensor: the variable holds data of its own.
      this.slots.set(key, tf.tidy(() => tf.variable(tf.tensor(values, shape), false)));
    }
  }

  dispose(): void {
    for (const t of this.hyper.values()) t.dispose();
    for (const s of this.slots.values()) s.dispose();
    this.accBeta1?.dispose();
    this.accBeta2?.dispose();
    this.hyper.clear();
    this.slots.clear();
  }
}

/**
 * Scales every gradient of each run by min(1, maxNorm_r / ||g_r||), where ||g_r|| is the norm of all of
 * run r's gradients together; a run with no limit (Infinity) is left alone. Stays on the device.
 */
export function clipByGlobalNorm(gradients: readonly tf.Tensor[], maxNorms: tf.Tensor1D): tf.Tensor[] {
  const runs = maxNorms.shape[0];
  const perRun = (g: tf.Tensor) => (g.rank > 1 ? tf.sum(tf.square(g), g.shape.slice(1).map((_, k) => k + 1)) : tf.square(g));
  const norm = tf.sqrt(tf.addN(gradients.map(perRun)));
  const scale = tf.minimum(1, tf.div(maxNorms, tf.maximum(norm, 1e-12)));
  return gradients.map((g) => tf.mul(g, tf.reshape(scale, [runs, ...new Array(g.rank - 1).fill(1)])));
}
