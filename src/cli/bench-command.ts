// `lab bench [--workload mlp,cnn,xor,comparisons] [--backend cpu,wasm] [--rounds N] [--json]`: examples
// per second of our engine, of plain tfjs model.fit and of ConvNetJS, on the same workloads, data and
// machine, in one run; and the comparisons workload (comparisons.ts): what 4 and 8 runs cost against
// one, stacked and one by one. Each is timed in several rounds, interleaved and in alternating order (the
// first to run after a backend starts pays for its warm-up), and the median is reported. Run it on
// demand; timings on a shared machine are noisy, so no test asserts them.
import { useBackend, type BackendName } from '../core/backend';
import { experiment } from '../core/experiment';
import { timeConvNetJs } from '../bench/convnetjs';
import { timeGradientLab } from '../bench/gradient-lab';
import { median } from '../core/stats';
import { timeModelFit } from '../bench/tfjs-fit';
import { WORKLOADS, type BenchResult, type Workload } from '../bench/workloads';
import { COMPARISON_MNIST, COMPARISON_WORKLOADS, runComparisons, type ComparisonWorkload } from '../bench/comparisons';
import { comparisonTable } from './comparison-table';
import { buildDataset, type Dataset } from '../data/dataset';
import { readMnistFile } from '../data/node-source';
import { choiceList, decimalInteger, parseOptions } from './args';
import { fixed, formatTable } from './format';
import type { Io } from './io';

export async function benchCommand(args: string[], io: Io): Promise<number> {
  const options = parseBenchArgs(args);
  if (options.comparisons) await benchComparisons(options, io);
  if (!options.workloads.length) return 0;
  const results: BenchResult[] = [];
  for (const workload of options.workloads) {
    const dataset = await datasetFor(workload);
    const rounds = new Map<string, { implementation: BenchResult['implementation']; backend: string; ms: number[] }>();
    const time = async (implementation: BenchResult['implementation'], backend: string, measure: () => number | Promise<number>) => {
      const key = `${implementation}/${backend}`;
      if (!rounds.has(key)) rounds.set(key, { implementation, backend, ms: [] });
      const ms = await measure();
      rounds.get(key)!.ms.push(ms);
      io.status(`${workload.id} ${implementation} ${backend}: ${fixed((1000 * workload.batchSize) / ms, 0)} examples/s`);
    };
    for (let round = 0; round < options.rounds; round++) {
      await time('convnetjs', 'plain JS', () => timeConvNetJs(workload, dataset));
      for (const backend of options.backends) {
        await useBackend(backend);
        const ours = () => time('gradient-lab', backend, () => timeGradientLab(workload, dataset));
        const fit = () => time('tfjs model.fit', backend, () => timeModelFit(workload, dataset));
        if (round % 2 === 0) await ours().then(fit);
        else await fit().then(ours);
      }
    }
    for (const { implementation, backend, ms } of rounds.values()) {
      const msPerStep = median(ms);
      const result: BenchResult = { workload: workload.id, implementation, backend, msPerStep, examplesPerSecond: (1000 * workload.batchSize) / msPerStep, rounds: ms };
      results.push(result);
      if (options.json) io.out(JSON.stringify(result));
    }
  }
  if (!options.json) {
    io.status('');
    io.out(benchTable(results));
  }
  return 0;
}

function parseBenchArgs(args: string[]) {
  const { values } = parseOptions(args, { workload: { type: 'string' }, backend: { type: 'string' }, rounds: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } }, false);
  // The comparisons take minutes of their own: they run when named, not by default.
  const ids = values.workload === undefined ? WORKLOADS.map((w) => w.id) : choiceList(values.workload, [...WORKLOADS.map((w) => w.id), 'comparisons'], '--workload');
  return {
    workloads: WORKLOADS.filter((w) => ids.includes(w.id)),
    comparisons: ids.includes('comparisons'),
    backends: choiceList(values.backend, ['wasm', 'cpu'] as const, '--backend') as BackendName[],
    rounds: decimalInteger(values.rounds, '--rounds', 1, 50),
    json: values.json,
  };
}

type BenchOptions = ReturnType<typeof parseBenchArgs>;

async function benchComparisons(options: BenchOptions, io: Io): Promise<void> {
  const results = await runComparisons({
    workloads: COMPARISON_WORKLOADS,
    backends: options.backends,
    rounds: options.rounds,
    useBackend: (backend) => useBackend(backend as BackendName),
    datasetFor: comparisonDataset,
    onRound: (c, ms) => io.status(`${c.workload} ${c.backend} ${c.runs} run${c.runs > 1 ? 's' : ''}${c.runs > 1 ? (c.stacked ? ' stacked' : ' one by one') : ''}: ${fixed(ms, 2)} ms/step`),
  });
  if (options.json) for (const result of results) io.out(JSON.stringify({ comparison: true, ...result }));
  else {
    io.status('');
    io.out(comparisonTable(results));
  }
}

async function comparisonDataset(workload: ComparisonWorkload): Promise<Dataset> {
  const doc = experiment({ task: workload.task, data: workload.task === 'mnist' ? COMPARISON_MNIST : {}, runs: [{}] });
  return buildDataset(doc.task, doc.data, workload.task === 'mnist' ? await readMnistFile() : undefined);
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
    r.rounds.length > 1 ? `${fixed(Math.min(...r.rounds), 2)}–${fixed(Math.max(...r.rounds), 2)}` : '',
    fixed(r.examplesPerSecond, 0),
    `${fixed(r.examplesPerSecond / reference(r.workload), 2)}x`,
  ]);
  return formatTable(['workload', 'implementation', 'backend', 'ms/step', 'range', 'examples/s', 'vs ConvNetJS'], rows);
}
