// The comparisons workload: what an added run costs. 1, 4 and 8 runs of one architecture (different
// seeds and learning rates, as a lesson compares them), trained stacked (one set of kernels) and one
// by one (--no-stack), timed by the wall clock per step of the whole experiment. The same code runs in
// Node (`lab bench --workload comparisons`) and in the page (`npm run bench:page`), so the two tables
// measure the same thing.
import { experiment } from '../core/experiment';
import type { ExperimentDoc, OptimizerName, Task } from '../core/experiment-types';
import { ExperimentRunner } from '../core/experiment-runner';
import { median } from '../core/stats';
import type { Dataset } from '../data/dataset';

export interface ComparisonWorkload {
  id: 'mlp' | 'xor';
  title: string;
  task: Task;
  notation: string;
  batchSize: number;
  optimizer: Extract<OptimizerName, 'sgd' | 'momentum'>;
  /** Learning rates the runs cycle through (a lesson's comparison, not one value copied R times). */
  learningRates: number[];
  /** Steps timed after the warm-up. */
  steps: number;
  warmupSteps: number;
}

/** The two workloads issue 10 measured before stacking: the MNIST MLP with momentum, XOR with SGD. */
export const COMPARISON_WORKLOADS: ComparisonWorkload[] = [
  { id: 'mlp', title: 'MNIST MLP 784-100-10', task: 'mnist', notation: 'INPUT 784, FC-100 RELU, FC-10', batchSize: 64, optimizer: 'momentum', learningRates: [0.01, 0.03, 0.1, 0.003], steps: 300, warmupSteps: 50 },
  { id: 'xor', title: 'XOR 2-4-1 tanh', task: 'xor', notation: 'INPUT 2, FC-4 TANH, FC-1', batchSize: 4, optimizer: 'sgd', learningRates: [0.1, 0.3, 1, 0.03], steps: 1000, warmupSteps: 50 },
];

export const RUN_COUNTS = [1, 4, 8] as const;

/** The MNIST sizes the page and Node both use: enough to cycle through without repeating a batch in the timed stretch. */
export const COMPARISON_MNIST = { trainSize: 8000, testSize: 500 };

export interface ComparisonCase {
  workload: ComparisonWorkload['id'];
  runs: number;
  /** One stack (true) or each run alone (false); one run is the same either way and measured once. */
  stacked: boolean;
}

export interface ComparisonResult extends ComparisonCase {
  backend: string;
  /** Median over the rounds: wall-clock milliseconds per step of the whole experiment (all its runs). */
  msPerStep: number;
  /** Every round's figure, in the order measured. */
  rounds: number[];
}

/** The cases of one workload in measuring order: one run, then each count stacked and one by one. */
export function comparisonCases(workload: ComparisonWorkload['id'], runCounts: readonly number[] = RUN_COUNTS): ComparisonCase[] {
  return runCounts.flatMap((runs) => (runs === 1 ? [{ workload, runs, stacked: true }] : [true, false].map((stacked) => ({ workload, runs, stacked }))));
}

export function comparisonDoc(workload: ComparisonWorkload, runs: number, dataset: Dataset, steps: number): ExperimentDoc {
  return experiment({
    task: workload.task,
    data: workload.task === 'mnist' ? { trainSize: dataset.train.count, testSize: dataset.test.count } : {},
    runs: Array.from({ length: runs }, (_, r) => ({
      name: `run ${r + 1}`,
      model: workload.notation,
      seed: r + 1,
      optimizer: { name: workload.optimizer, learningRate: workload.learningRates[r % workload.learningRates.length], ...(workload.optimizer === 'momentum' ? { momentum: 0.9 } : {}) },
      // One evaluation, after the last step: outside the timed stretch.
      training: { batchSize: workload.batchSize, steps, evalEvery: steps },
    })),
  });
}

/**
 * Wall-clock milliseconds per step of the whole experiment, from the first chunk boundary after the
 * warm-up to the last step, as the app trains it (chunks of steps, one readback each, stacks taking
 * turns). Without stacking the runs take turns chunk by chunk, so a step here is one step of every run.
 */
export async function timeComparison(workload: ComparisonWorkload, runs: number, stacking: boolean, dataset: Dataset, chunkSteps = 25): Promise<number> {
  const startStep = Math.max(1, Math.ceil(workload.warmupSteps / chunkSteps)) * chunkSteps;
  const steps = startStep + Math.ceil(workload.steps / chunkSteps) * chunkSteps;
  const doc = comparisonDoc(workload, runs, dataset, steps);
  const last = doc.runs[doc.runs.length - 1].name;
  let started = NaN;
  let ended = NaN;
  // Every run's step counts; the clock reads when the last run has reached the mark (the others reached it first).
  const runner = new ExperimentRunner(doc, dataset, {
    chunkSteps,
    diagnosticsEvery: 0,
    stacking,
    onEvent: (e) => {
      if (e.type === 'diverged') throw new Error(`${e.run} diverged in the benchmark; its timing would be of a shorter run`);
      if (e.type !== 'metrics' || e.run !== last) return;
      if (e.step === startStep) started = performance.now();
      if (e.step === steps) ended = performance.now();
    },
  });
  await runner.run();
  if (!Number.isFinite(started) || !Number.isFinite(ended)) throw new Error(`the ${workload.id} comparison did not reach step ${steps}`);
  return (ended - started) / (steps - startStep);
}

export interface ComparisonPlan {
  workloads: ComparisonWorkload[];
  backends: string[];
  rounds: number;
  runCounts?: readonly number[];
  /** Switches tfjs to a backend (useBackend); called before each backend's cases in every round. */
  useBackend(backend: string): Promise<unknown>;
  datasetFor(workload: ComparisonWorkload): Promise<Dataset>;
  /** Each round's figure as it is measured (progress). */
  onRound?(c: ComparisonCase & { backend: string }, ms: number): void;
}

/**
 * Interleaved rounds: every case once per round, in alternating order (the first case after a
 * backend switch pays for warm-ups the others do not), and the median per case.
 */
export async function runComparisons(plan: ComparisonPlan): Promise<ComparisonResult[]> {
  const results: ComparisonResult[] = [];
  for (const workload of plan.workloads) {
    const dataset = await plan.datasetFor(workload);
    const cases = comparisonCases(workload.id, plan.runCounts);
    const measured = new Map<string, number[]>();
    for (let round = 0; round < plan.rounds; round++) {
      for (const backend of plan.backends) {
        await plan.useBackend(backend);
        const ordered = round % 2 === 0 ? cases : [...cases].reverse();
        for (const c of ordered) {
          const ms = await timeComparison(workload, c.runs, c.stacked, dataset);
          const key = `${backend}/${c.runs}/${c.stacked}`;
          measured.set(key, [...(measured.get(key) ?? []), ms]);
          plan.onRound?.({ ...c, backend }, ms);
        }
      }
    }
    for (const backend of plan.backends) {
      for (const c of cases) {
        const rounds = measured.get(`${backend}/${c.runs}/${c.stacked}`)!;
        results.push({ ...c, backend, msPerStep: median(rounds), rounds });
      }
    }
  }
  return results;
}

/** A result's cost against one run of the same workload on the same backend. */
export function ratioToOneRun(result: ComparisonResult, all: readonly ComparisonResult[]): number {
  const one = all.find((r) => r.workload === result.workload && r.backend === result.backend && r.runs === 1);
  return one ? result.msPerStep / one.msPerStep : NaN;
}
