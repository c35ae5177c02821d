// `lab bench [--workload mlp,cnn,xor] [--backend cpu,wasm] [--json]`: examples per second of our
// engine, of plain tfjs model.fit and of ConvNetJS, on the same workloads, data and machine, in one
// run. Run it on demand; timings on a shared machine are noisy, so no test asserts them.
import { parseArgs } from 'node:util';
import { useBackend, type BackendName } from '../core/backend';
import { experiment } from '../core/experiment';
import { timeConvNetJs } from '../bench/convnetjs';
import { timeGradientLab } from '../bench/gradient-lab';
import { timeModelFit } from '../bench/tfjs-fit';
import { WORKLOADS, type BenchResult, type Workload } from '../bench/workloads';
import { buildDataset, type Dataset } from '../data/dataset';
import { readMnistFile } from '../data/node-source';
import { fixed, formatTable } from './format';
import { UsageError, type Io } from './io';

export async function benchCommand(args: string[], io: Io): Promise<number> {
  const options = parseBenchArgs(args);
  const results: BenchResult[] = [];
  const record = (r: Omit<BenchResult, 'examplesPerSecond'>, batchSize: number) => {
    const result = { ...r, examplesPerSecond: (1000 * batchSize) / r.msPerStep };
    results.push(result);
    if (options.json) io.out(JSON.stringify(result));
    else io.status(`${r.workload} ${r.implementation} ${r.backend}: ${fixed(result.examplesPerSecond, 0)} examples/s`);
  };
  for (const workload of options.workloads) {
    const dataset = await datasetFor(workload);
    record({ workload: workload.id, implementation: 'convnetjs', backend: 'plain JS', msPerStep: timeConvNetJs(workload, dataset) }, workload.batchSize);
    for (const backend of options.backends) {
      await useBackend(backend);
      record({ workload: workload.id, implementation: 'gradient-lab', backend, msPerStep: await timeGradientLab(workload, dataset) }, workload.batchSize);
      record({ workload: workload.id, implementation: 'tfjs model.fit', backend, msPerStep: await timeModelFit(workload, dataset) }, workload.batchSize);
    }
  }
  if (!options.json) {
    io.status('');
    io.out(benchTable(results));
  }
  return 0;
}

function parseBenchArgs(args: string[]) {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { workload: { type: 'string' }, backend: { type: 'string' }, json: { type: 'boolean', default: false } } }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const pick = <T extends string>(text: string | undefined, allowed: readonly T[], what: string): T[] => {
    if (!text) return [...allowed];
    const chosen = text.split(',').map((s) => s.trim());
    const bad = chosen.filter((c) => !(allowed as readonly string[]).includes(c));
    if (bad.length) throw new UsageError(`--${what} must be among ${allowed.join(', ')}, got ${bad.join(', ')}`);
    return chosen as T[];
  };
  const ids = pick(values.workload, WORKLOADS.map((w) => w.id), 'workload');
  return {
    workloads: WORKLOADS.filter((w) => ids.includes(w.id)),
    backends: pick(values.backend, ['wasm', 'cpu'] as const, 'backend') as BackendName[],
    json: values.json,
  };
}

async function datasetFor(workload: Workload): Promise<Dataset> {
  const doc = experiment({ task: workload.task, data: workload.task === 'mnist' ? { trainSize: 8000, testSize: 500 } : {}, runs: [{}] });
  return buildDataset(doc.task, doc.data, workload.task === 'mnist' ? await readMnistFile() : undefined);
}

function benchTable(results: BenchResult[]): string {
  const reference = (w: string) => results.find((r) => r.workload === w && r.implementation === 'convnetjs')?.examplesPerSecond ?? NaN;
  const rows = results.map((r) => [
    WORKLOADS.find((w) => w.id === r.workload)!.title,
    r.implementation,
    r.backend,
    fixed(r.msPerStep, 2),
    fixed(r.examplesPerSecond, 0),
    `${fixed(r.examplesPerSecond / reference(r.workload), 2)}x`,
  ]);
  return formatTable(['workload', 'implementation', 'backend', 'ms/step', 'examples/s', 'vs ConvNetJS'], rows);
}
