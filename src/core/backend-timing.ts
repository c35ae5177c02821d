// How fast this experiment trains on the current backend: a few real steps of its own runs, stacked
// as they will train, timed by the wall clock after a warm-up (shaders compile, kernels load on the
// first steps). The page uses it to pick the fastest backend for an experiment on this device: a
// 2-4-1 net steps far faster on wasm than through WebGL's dispatch, an MNIST CNN the other way.
import { runDataKey, runDataset, type Dataset } from '../data/dataset';
import { featuresOf } from './data-rules';
import { DeviceData } from './device-data';
import type { ExperimentDoc, RunSpec } from './experiment-types';
import { RunTrainer } from './run-trainer';
import { stackRuns } from './stacks';

export interface StepTiming {
  /** Wall-clock milliseconds per step of every run of the experiment. */
  msPerStep: number;
  /** Steps timed (after the warm-up). */
  steps: number;
  /** True when only the warm-up was timed: it alone showed this backend far slower than `fasterThan`. */
  cutShort?: boolean;
}

export interface TimingOptions {
  /** Stop timing once this much wall time was spent on timed steps. */
  budgetMs?: number;
  /** At most this many timed steps. */
  maxSteps?: number;
  stacking?: boolean;
  /**
   * The best ms/step measured on another backend: when the warm-up steps here already take ten times
   * that each, timing more of them would only confirm it (the cpu backend on a CNN takes seconds).
   */
  fasterThan?: number | null;
}

const WARMUP_STEPS = 2;
const now = () => (globalThis as unknown as { performance: { now(): number } }).performance.now();
/** Never reached: no evaluation interrupts the timed steps, and none ends them. */
const FAR = 1_000_000_000;

/** Trains a few steps of the experiment on the current backend and frees everything it made. */
export async function timeSteps(doc: ExperimentDoc, dataset: Dataset, options: TimingOptions = {}): Promise<StepTiming> {
  const budget = options.budgetMs ?? 250;
  const maxSteps = options.maxSteps ?? 64;
  // Each stack trains on its own input features and preprocessing, as in the experiment runner.
  const data = new Map<string, DeviceData>();
  const dataFor = (run: RunSpec) => {
    const key = runDataKey(run);
    if (!data.has(key)) data.set(key, new DeviceData(runDataset(dataset, run)));
    return data.get(key)!;
  };
  const trainers: RunTrainer[] = [];
  try {
    for (const stack of stackRuns(doc.runs, options.stacking ?? true)) {
      const runs: RunSpec[] = stack.map((i) => ({ ...doc.runs[i], training: { ...doc.runs[i].training, evalEvery: FAR } }));
      trainers.push(new RunTrainer(runs, dataFor(runs[0]), { probe: new Int32Array(0), diagnosticsEvery: 0, steps: FAR, order: { order: doc.data.order, firstClass: doc.data.firstClass }, emit: () => {} }));
    }
    const round = async (steps: number) => {
      for (const trainer of trainers) await trainer.trainChunk(steps);
    };
    const warm = now();
    await round(WARMUP_STEPS);
    const warmPerStep = (now() - warm) / WARMUP_STEPS;
    if (options.fasterThan != null && warmPerStep > 10 * options.fasterThan) return { msPerStep: warmPerStep, steps: 0, cutShort: true };
    let steps = 0;
    let elapsed = 0;
    // Chunks of 2, 4, 8, ... steps: a slow backend is timed on few steps, a fast one on enough to be steady.
    for (let chunk = 2; elapsed < budget && steps < maxSteps; chunk = Math.min(chunk * 2, maxSteps - steps)) {
      const t0 = now();
      await round(chunk);
      elapsed += now() - t0;
      steps += chunk;
    }
    return { msPerStep: elapsed / steps, steps };
  } finally {
    for (const trainer of trainers) trainer.dispose();
    for (const d of data.values()) d.dispose();
  }
}

/**
 * What the timing depends on: each stack's shapes, batch and number of runs, and the task's features.
 * Two experiments with equal keys (other seeds, rates, step counts) would measure the same.
 */
export function timingKey(doc: ExperimentDoc, dataset: Dataset, stacking = true): string {
  const stacks = stackRuns(doc.runs, stacking).map((stack) => {
    const run = doc.runs[stack[0]];
    return { model: run.model, features: featuresOf(run), optimizer: run.optimizer.name, batchSize: run.training.batchSize, loss: run.training.loss, runs: stack.length };
  });
  return JSON.stringify({ features: dataset.featureShape, stacks });
}
