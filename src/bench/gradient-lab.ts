// Our engine, timed the way the app runs it: chunks of steps with one batched readback each.
// Timed like model.fit and ConvNetJS are, by the wall clock over a stretch of steps (batch cutting,
// dispatch, readbacks and the pauses between rounds included), so that the three compare like for like.
import { experiment } from '../core/experiment';
import { DEFAULT_CHUNK_STEPS, ExperimentRunner } from '../core/experiment-runner';
import type { Dataset } from '../data/dataset';
import type { Workload } from './workloads';

/** Wall-clock milliseconds per step after the warm-up, to the last step; no evaluation in between. */
export async function timeGradientLab(workload: Workload, dataset: Dataset): Promise<number> {
  const chunkSteps = DEFAULT_CHUNK_STEPS;
  // The clock starts when a chunk ends (all its metrics arrive at once), the first one after the warm-up.
  const startStep = Math.max(1, Math.ceil(workload.warmupSteps / chunkSteps)) * chunkSteps;
  const steps = startStep + workload.steps;
  const doc = experiment({
    task: workload.task,
    data: workload.task === 'mnist' ? { trainSize: dataset.train.count, testSize: dataset.test.count } : {},
    runs: [
      {
        model: workload.notation,
        optimizer: { name: 'momentum', learningRate: workload.learningRate, momentum: 0.9 },
        // One evaluation, after the last step's metrics: outside the timed stretch.
        training: { batchSize: workload.batchSize, steps, evalEvery: steps },
      },
    ],
  });
  let started = NaN;
  let ended = NaN;
  const runner = new ExperimentRunner(doc, dataset, {
    chunkSteps,
    diagnosticsEvery: 0,
    onEvent: (e) => {
      if (e.type !== 'metrics') return;
      if (e.step === startStep) started = performance.now();
      if (e.step === steps) ended = performance.now();
    },
  });
  await runner.run();
  if (!Number.isFinite(started) || !Number.isFinite(ended)) throw new Error(`the ${workload.id} run did not reach step ${steps}`);
  return (ended - started) / workload.steps;
}
