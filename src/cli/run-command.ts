// `lab run <experiment.json> [--json] [--steps N] [--backend cpu|wasm] [--no-stack] [--data PATH]`: trains headless in
// Node, every task the app trains (a csv or images document reads its file from PATH or next to the document).
import { existsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { useBackend, type BackendName } from '../core/backend';
import { memoryLimit, type MemoryLimit } from '../core/budget';
import type { DoneEvent, TrainEvent } from '../core/events';
import { checkMemory, experiment, stepsPerEpoch, type ExperimentDoc } from '../core/experiment';
import { MAX_STEPS } from '../core/experiment-schema';
import { lessonById } from '../lessons';
import { AfterTraining, lessonOutcome } from '../lessons/run-lesson';
import { ExperimentRunner } from '../core/experiment-runner';
import { stackRuns } from '../core/stacks';
import { buildDataset, type Dataset } from '../data/dataset';
import type { UserExamples } from '../data/user-examples';
import { loadDataFile } from './data-file';
import { readMnistFile } from '../data/node-source';
import { decimalInteger, parseOptions } from './args';
import { checkExperiment, readExperimentJson } from './experiment-file';
import { fixed, formatTable, percent, progressBar } from './format';
import { UsageError, type Io } from './io';

const NODE_BACKENDS = ['cpu', 'wasm'] as const;

export async function runCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseRunArgs(args);
  if (positionals.length !== 1) throw new UsageError('lab run takes one experiment file or lesson id, e.g. lab run docs/examples/xor.json');
  const target = positionals[0];
  if (target === '') throw new UsageError('lab run got an empty file name; give an experiment file or a lesson id (`lab lessons` lists them)');
  const lesson = existsSync(target) ? undefined : lessonById(target);
  if (lesson && values.data !== undefined) throw new UsageError(`--data gives the file of a csv or images document; the lesson ${lesson.id} needs none`);
  // wasm is the fastest Node backend here for dense and (with our filter-gradient kernel) conv nets.
  const backend = values.backend ?? 'wasm';
  // Checked before the backend starts or the data loads: a document that cannot fit allocates nothing.
  const limit = memoryLimit(backend, totalmem() / 2 ** 30);
  const read = lesson ? lessonDoc(lesson.experiment, limit, io) : await readExperiment(target, values.data, limit, io);
  if (!read) return 2;
  const { doc, examples, dataPath } = read;
  const info = await useBackend(backend);
  const dataset = buildDataset(doc.task, doc.data, doc.task === 'mnist' ? await readMnistFile(mnistSizes(doc)) : undefined, examples);
  const steps = values.steps;
  const totalSteps = doc.runs.reduce((sum, run) => sum + (steps ?? run.training.steps), 0);
  const stacking = !values.noStack;
  const stacks = stackRuns(doc.runs, stacking).map((stack) => stack.map((i) => doc.runs[i].name));
  // Epochs beside steps, as homework states lengths: one epoch is ceil(training examples / batch size) steps.
  const perEpoch = new Map(doc.runs.map((r) => [r.name, stepsPerEpoch(dataset.train.count, r.training.batchSize)]));
  const epochsAt = (run: string, step: number) => step / (perEpoch.get(run) ?? 1);
  if (values.json) {
    io.out(
      JSON.stringify({
        type: 'start',
        backend: info.name,
        task: doc.task,
        runs: doc.runs.map((r) => r.name),
        stacks,
        examples: { train: dataset.train.count, test: dataset.test.count, classes: dataset.numClasses },
        stepsPerEpoch: Object.fromEntries(perEpoch),
      }),
    );
  } else {
    io.out(`${doc.title || target}: ${doc.runs.length} run(s) of ${doc.task} on the ${info.name} backend`);
    io.out(`data: ${describeData(dataset, dataPath)}`);
    for (const run of doc.runs) {
      const n = steps ?? run.training.steps;
      io.out(`  ${run.name}: ${n.toLocaleString('en-US')} steps of ${run.training.batchSize} = ${fixed(epochsAt(run.name, n), 1)} epochs (${perEpoch.get(run.name)!.toLocaleString('en-US')} steps each)`);
    }
    io.out(describeStacks(stacks, stacking));
  }
  const stepsDone = new Map<string, number>();
  const events: TrainEvent[] = [];
  // A lesson's step after training (its loss landscape) needs the trained networks and their paths.
  const after = lesson ? new AfterTraining(lesson) : null;
  const onEvent = (event: TrainEvent) => {
    if (lesson) events.push(event);
    after?.observe(event);
    if (values.json) {
      io.out(JSON.stringify(event));
    } else if (event.type === 'metrics') {
      stepsDone.set(event.run, event.step);
      const done = [...stepsDone.values()].reduce((a, b) => a + b, 0);
      io.status(`${progressBar(done / totalSteps)} ${event.run} step ${event.step} (epoch ${fixed(epochsAt(event.run, event.step), 2)}) loss ${fixed(event.loss, 4)}`);
    } else if (event.type === 'diverged') {
      io.err(`\n${event.run}: diverged at step ${event.step} (the loss is no longer a finite number)`);
    }
  };
  const runner = new ExperimentRunner(doc, dataset, { onEvent, steps, stacking, keepModels: after?.needed });
  after?.attach(runner);
  const stopOnInterrupt = () => runner.stop();
  process.once('SIGINT', stopOnInterrupt);
  try {
    const results = await runner.run();
    if (!values.json) {
      io.status('');
      io.out(resultsTable(results, epochsAt));
      // What the status column abbreviates: the figures behind "stalled" or "blew up".
      for (const r of results) if (r.reason) io.out(`${r.run}: ${STATUS_WORDS[r.reason.kind]}: ${r.reason.detail}`);
    }
    if (lesson) {
      const landscape = await after!.finish(runner, (done, total) => {
        if (!values.json) io.status(`${progressBar(done / total)} loss landscape: ${done} of ${total} points`);
      });
      if (landscape && !values.json) io.status('');
      if (landscape && values.json) io.out(JSON.stringify({ type: 'landscape', ...landscape }));
      const claim = lesson.claim(await lessonOutcome(lesson, doc, events, dataset, undefined, landscape));
      if (values.json) io.out(JSON.stringify({ type: 'claim', lesson: lesson.id, held: claim.held, detail: claim.detail }));
      else io.out(`\n${lesson.title}: the claim ${claim.held ? 'held' : 'did NOT hold'}: ${claim.detail}`);
    }
  } finally {
    process.off('SIGINT', stopOnInterrupt);
    if (after?.needed) runner.dispose();
  }
  return 0;
}

function parseRunArgs(args: string[]) {
  const parsed = parseOptions(
    args,
    { json: { type: 'boolean', default: false }, steps: { type: 'string' }, backend: { type: 'string' }, 'no-stack': { type: 'boolean', default: false }, data: { type: 'string' } },
    true,
  );
  const { steps, backend, data } = parsed.values;
  if (data === '') throw new UsageError('--data got an empty path; give the CSV file, image folder or .zip to train on');
  // The same range as a document's training.steps, so that --steps cannot run past the documented cap.
  const stepCount = steps === undefined ? undefined : decimalInteger(steps, '--steps', 1, MAX_STEPS);
  if (backend !== undefined && !(NODE_BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError(`--backend must be cpu or wasm in Node, got ${JSON.stringify(backend)}`);
  }
  return {
    values: { json: parsed.values.json, steps: stepCount, backend: backend as BackendName | undefined, noStack: parsed.values['no-stack'], data },
    positionals: parsed.positionals,
  };
}

function lessonDoc(input: unknown, limit: MemoryLimit, io: Io): { doc: ExperimentDoc; examples?: UserExamples; dataPath?: string } | null {
  const doc = experiment(input);
  const issues = checkMemory(doc, limit);
  for (const issue of issues) io.err(`error: ${issue.message}`);
  return issues.length === 0 ? { doc } : null;
}

async function readExperiment(path: string, dataFlag: string | undefined, limit: MemoryLimit, io: Io): Promise<{ doc: ExperimentDoc; examples?: UserExamples; dataPath?: string } | null> {
  const report = (lines: string[]) => {
    io.err(`error: ${lines[0]}`);
    for (const line of lines.slice(1)) io.err(line);
    return null;
  };
  const json = await readExperimentJson(path);
  if (!json.ok) return report(json.lines);
  const loaded = await loadDataFile(json.value, path, dataFlag, io);
  const file = checkExperiment(path, loaded.value, { memoryLimit: limit });
  if (!file.ok) return report(file.lines);
  return { doc: file.doc, examples: loaded.examples, dataPath: loaded.path };
}

/** Only the MNIST chunks a document's sizes need (all of them for 60,000 / 10,000). */
function mnistSizes(doc: ExperimentDoc) {
  return { train: doc.data.trainSize, test: doc.data.testSize };
}

function describeData(dataset: Dataset, path?: string): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const sets = dataset.test === dataset.train ? `${count(dataset.train.count)} training examples (also the test set)` : `${count(dataset.train.count)} training and ${count(dataset.test.count)} test examples`;
  return `${sets} of ${dataset.featureShape.join('x')} values, ${dataset.numClasses} classes${path ? ` from ${path}` : ''}`;
}

/** A run that trained to its end without learning (learning-check.ts) is not "done". */
const STATUS_WORDS = { stalled: 'stalled at chance', blewUp: 'blew up' } as const;

/** Loss and accuracy are the last training batch's (what the engine measured without an extra pass), hence the headers. */
function resultsTable(results: DoneEvent[], epochsAt: (run: string, step: number) => number): string {
  const rows = results.map((r) => [
    r.run,
    String(r.steps),
    fixed(epochsAt(r.run, r.steps), 2),
    fixed(r.loss, 4),
    percent(r.accuracy),
    fixed(r.testLoss, 4),
    percent(r.testAccuracy),
    fixed(r.msPerStep, 2),
    fixed(r.msPerInference, 2),
    r.diverged ? `diverged at step ${r.steps}` : r.stopped ? 'stopped' : r.reason ? STATUS_WORDS[r.reason.kind] : 'done',
  ]);
  return formatTable(['run', 'steps', 'epochs', 'batch loss', 'batch acc', 'test loss', 'test acc', 'ms/step', 'ms/inference', 'status'], rows);
}

/** "a, b and c train as one stack (one set of kernels); d alone." */
export function describeStacks(stacks: string[][], stacking: boolean): string {
  if (!stacking) return 'stacking off (--no-stack): every run trains alone';
  const names = (list: string[]) => (list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`);
  const parts = stacks.map((stack) => (stack.length > 1 ? `${names(stack)} train as one stack (one set of kernels)` : `${stack[0]} alone`));
  return `${parts.join('; ')}.`;
}
