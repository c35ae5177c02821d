// Shared set-up for Node tests that train: the real tfjs backends, real data, no mocks.
import { useBackend, type BackendName } from '../../src/core/backend';
import type { DoneEvent, TrainEvent } from '../../src/core/events';
import { experiment, type ExperimentDoc } from '../../src/core/experiment';
import { ExperimentRunner, type RunnerOptions } from '../../src/core/experiment-runner';
import { buildDataset } from '../../src/data/dataset';
import type { MnistDigits } from '../../src/data/mnist';
import { readMnistFile } from '../../src/data/node-source';

let digits: Promise<MnistDigits> | null = null;
export function mnistDigits(): Promise<MnistDigits> {
  digits ??= readMnistFile();
  return digits;
}

export async function backend(name: BackendName = 'cpu') {
  return useBackend(name);
}

export interface Trained {
  doc: ExperimentDoc;
  events: TrainEvent[];
  results: DoneEvent[];
  of<T extends TrainEvent['type']>(type: T, run?: string): Extract<TrainEvent, { type: T }>[];
}

/** Trains a document (object form, validated) and collects every event. */
export async function train(input: unknown, options: Partial<RunnerOptions> = {}): Promise<Trained> {
  const doc = experiment(input);
  const dataset = buildDataset(doc.task, doc.data, doc.task === 'mnist' ? await mnistDigits() : undefined);
  const events: TrainEvent[] = [];
  const runner = new ExperimentRunner(doc, dataset, { ...options, onEvent: (e) => events.push(e) });
  const results = await runner.run();
  return {
    doc,
    events,
    results,
    of: (type, run) => events.filter((e) => e.type === type && (run === undefined || ('run' in e && e.run === run))) as never,
  };
}
