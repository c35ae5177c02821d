// Our engine, timed the way the app runs it: chunks of steps with one batched readback each.
import { experiment } from '../core/experiment';
import { ExperimentRunner } from '../core/experiment-runner';
import type { Dataset } from '../data/dataset';
import type { Workload } from './workloads';

/** Median milliseconds per step over the timed chunks (the warm-up chunks are left out). */
export async function timeGradientLab(workload: Workload, dataset: Dataset): Promise<number> {
  const chunkSteps = 25;
  const steps = workload.warmupSteps + workload.steps;
  const doc = experiment({
    task: workload.task,
    data: workload.task === 'mnist' ? { trainSize: dataset.train.count, testSize: dataset.test.count } : {},
    runs: [
      {
        model: workload.notation,
        optimizer: { name: 'momentum', learningRate: workload.learningRate, momentum: 0.9 },
        training: { batchSize: workload.batchSize, steps, evalEvery: chunkSteps },
      },
    ],
  });
  const msPerChunkStep: { step: number; ms: number }[] = [];
  const runner = new ExperimentRunner(doc, dataset, {
    chunkSteps,
    diagnosticsEvery: 0,
    onEvent: (e) => e.type === 'timing' && msPerChunkStep.push({ step: e.step, ms: e.msPerStep }),
  });
  await runner.run();
  const timed = msPerChunkStep.filter((t) => t.step > workload.warmupSteps).map((t) => t.ms);
  return median(timed);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
