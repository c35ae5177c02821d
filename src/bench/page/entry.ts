// The page bench, in the browser: the comparisons workload (the same code as `lab bench --workload
// comparisons`) on each backend the page has, and the default XOR experiment's 1,000 steps as the
// app trains them. Results go to window.benchResult for scripts/bench-page.ts, progress to the console.
import xorDoc from '../../../docs/examples/xor.json';
import { BACKENDS, useBackend, type BackendName } from '../../core/backend';
import { experiment } from '../../core/experiment';
import { ExperimentRunner } from '../../core/experiment-runner';
import { median } from '../../core/stats';
import { buildDataset } from '../../data/dataset';
import { createMnistLoader } from '../../data/mnist';
import { fetchWithProgress } from '../../worker/fetch-bytes';
import { WASM_PATHS } from '../../worker/browser-session';
import { COMPARISON_MNIST, COMPARISON_WORKLOADS, runComparisons, type ComparisonResult } from '../comparisons';

export interface DefaultXorResult {
  backend: string;
  /** Wall-clock milliseconds for the whole experiment (all its steps and evaluations), per round. */
  rounds: number[];
  medianMs: number;
  steps: number;
}

export interface PageBenchResult {
  userAgent: string;
  backends: string[];
  /** Backends asked for that did not come up here (no WebGPU, a refused gradient check), with why. */
  unavailable: { backend: string; reason: string }[];
  comparisons: ComparisonResult[];
  defaultXor: DefaultXorResult[];
}

declare global {
  interface Window {
    benchResult?: PageBenchResult;
    benchError?: string;
  }
}

const params = new URLSearchParams(location.search);
const list = (name: string, fallback: readonly string[]) => (params.get(name) ? params.get(name)!.split(',') : [...fallback]);
const rounds = Number(params.get('rounds') ?? 3);
const log = (line: string) => {
  console.log(line);
  document.getElementById('log')!.textContent = line;
};

async function available(wanted: string[]): Promise<{ backends: BackendName[]; unavailable: PageBenchResult['unavailable'] }> {
  const backends: BackendName[] = [];
  const unavailable: PageBenchResult['unavailable'] = [];
  for (const name of wanted) {
    if (!(BACKENDS as readonly string[]).includes(name)) {
      unavailable.push({ backend: name, reason: `not a backend (${BACKENDS.join(', ')})` });
      continue;
    }
    try {
      await useBackend(name as BackendName, { wasmPaths: WASM_PATHS });
      backends.push(name as BackendName);
    } catch (err) {
      unavailable.push({ backend: name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { backends, unavailable };
}

/** The default experiment as the app trains it (chunks, evaluations, diagnostics), timed whole. */
async function timeDefaultXor(backends: BackendName[]): Promise<DefaultXorResult[]> {
  const doc = experiment(xorDoc);
  const dataset = buildDataset(doc.task, doc.data);
  const times = new Map<string, number[]>(backends.map((b) => [b, []]));
  for (let round = 0; round < rounds; round++) {
    for (const backend of round % 2 ? [...backends].reverse() : backends) {
      await useBackend(backend, { wasmPaths: WASM_PATHS });
      const t0 = performance.now();
      // Events are dropped: this times the training the worker does, not the charts the page draws.
      await new ExperimentRunner(doc, dataset, { onEvent: () => {} }).run();
      const ms = performance.now() - t0;
      times.get(backend)!.push(ms);
      log(`default XOR ${backend}: ${ms.toFixed(0)} ms`);
    }
  }
  return backends.map((backend) => ({ backend, rounds: times.get(backend)!, medianMs: median(times.get(backend)!), steps: doc.runs[0].training.steps }));
}

async function main(): Promise<void> {
  const wanted = list('backends', ['webgl', 'webgpu', 'wasm', 'cpu']);
  const workloads = COMPARISON_WORKLOADS.filter((w) => list('workloads', ['mlp', 'xor']).includes(w.id));
  const { backends, unavailable } = await available(wanted);
  const mnist = createMnistLoader(fetchWithProgress, '/data/mnist/');
  const comparisons = await runComparisons({
    workloads,
    backends,
    rounds,
    useBackend: (backend) => useBackend(backend as BackendName, { wasmPaths: WASM_PATHS }),
    datasetFor: async (workload) => {
      const doc = experiment({ task: workload.task, data: workload.task === 'mnist' ? COMPARISON_MNIST : {}, runs: [{}] });
      const digits = workload.task === 'mnist' ? await mnist.load({ train: doc.data.trainSize, test: doc.data.testSize }) : undefined;
      return buildDataset(doc.task, doc.data, digits);
    },
    onRound: (c, ms) => log(`${c.workload} ${c.backend} ${c.runs} run(s)${c.runs > 1 ? (c.stacked ? ' stacked' : ' one by one') : ''}: ${ms.toFixed(2)} ms/step`),
  });
  const defaultXor = params.get('xor') === '0' ? [] : await timeDefaultXor(backends);
  window.benchResult = { userAgent: navigator.userAgent, backends, unavailable, comparisons, defaultXor };
  log('done');
}

main().catch((err: unknown) => {
  window.benchError = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
  log(`failed: ${window.benchError}`);
});
