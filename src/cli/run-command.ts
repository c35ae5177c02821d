// `lab run <experiment.json> [--json] [--steps N] [--backend cpu|wasm]`: trains headless in Node.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { useBackend, type BackendName } from '../core/backend';
import type { DoneEvent, TrainEvent } from '../core/events';
import { experiment, parseExperimentText, type ExperimentDoc } from '../core/experiment';
import { lessonById } from '../lessons';
import { lessonOutcome } from '../lessons/run-lesson';
import { ExperimentRunner } from '../core/experiment-runner';
import { buildDataset } from '../data/dataset';
import { readMnistFile } from '../data/node-source';
import { fixed, formatTable, percent, progressBar } from './format';
import { UsageError, type Io } from './io';

const NODE_BACKENDS = ['cpu', 'wasm'] as const;

export async function runCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseRunArgs(args);
  if (positionals.length !== 1) throw new UsageError('lab run takes one experiment file or lesson id, e.g. lab run docs/examples/xor.json');
  const target = positionals[0];
  const lesson = existsSync(target) ? undefined : lessonById(target);
  const doc = lesson ? experiment(lesson.experiment) : await readExperiment(target, io);
  if (!doc) return 2;
  // wasm is the fastest Node backend here for dense and (with our filter-gradient kernel) conv nets.
  const backend = values.backend ?? 'wasm';
  const info = await useBackend(backend);
  const dataset = buildDataset(doc.task, doc.data, doc.task === 'mnist' ? await readMnistFile() : undefined);
  const steps = values.steps;
  const totalSteps = doc.runs.reduce((sum, run) => sum + (steps ?? run.training.steps), 0);
  if (values.json) {
    io.out(JSON.stringify({ type: 'start', backend: info.name, task: doc.task, runs: doc.runs.map((r) => r.name) }));
  } else {
    io.out(`${doc.title || target}: ${doc.runs.length} run(s) of ${doc.task} on the ${info.name} backend`);
  }
  const stepsDone = new Map<string, number>();
  const events: TrainEvent[] = [];
  const onEvent = (event: TrainEvent) => {
    if (lesson) events.push(event);
    if (values.json) {
      io.out(JSON.stringify(event));
    } else if (event.type === 'metrics') {
      stepsDone.set(event.run, event.step);
      const done = [...stepsDone.values()].reduce((a, b) => a + b, 0);
      io.status(`${progressBar(done / totalSteps)} ${event.run} step ${event.step} loss ${fixed(event.loss, 4)}`);
    } else if (event.type === 'diverged') {
      io.err(`\n${event.run}: diverged at step ${event.step} (the loss is no longer a finite number)`);
    }
  };
  const runner = new ExperimentRunner(doc, dataset, { onEvent, steps });
  const stopOnInterrupt = () => runner.stop();
  process.once('SIGINT', stopOnInterrupt);
  try {
    const results = await runner.run();
    if (!values.json) {
      io.status('');
      io.out(resultsTable(results));
    }
    if (lesson) {
      const claim = lesson.claim(await lessonOutcome(lesson, doc, events, dataset));
      if (values.json) io.out(JSON.stringify({ type: 'claim', lesson: lesson.id, held: claim.held, detail: claim.detail }));
      else io.out(`\n${lesson.title}: the claim ${claim.held ? 'held' : 'did NOT hold'}: ${claim.detail}`);
    }
  } finally {
    process.off('SIGINT', stopOnInterrupt);
  }
  return 0;
}

function parseRunArgs(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, steps: { type: 'string' }, backend: { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { steps, backend } = parsed.values;
  const stepCount = steps === undefined ? undefined : Number(steps);
  if (stepCount !== undefined && !(Number.isInteger(stepCount) && stepCount > 0)) {
    throw new UsageError(`--steps must be a positive whole number, got ${JSON.stringify(steps)}`);
  }
  if (backend !== undefined && !(NODE_BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError(`--backend must be cpu or wasm in Node, got ${JSON.stringify(backend)}`);
  }
  return { values: { json: parsed.values.json, steps: stepCount, backend: backend as BackendName | undefined }, positionals: parsed.positionals };
}

async function readExperiment(path: string, io: Io): Promise<ExperimentDoc | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    io.err(`error: cannot read ${path}: ${code === 'ENOENT' ? 'no such file (nor a lesson id; \`lab lessons\` lists them)' : (err as Error).message}`);
    return null;
  }
  const result = parseExperimentText(text);
  if (result.ok) return result.doc;
  io.err(`error: ${path} is not a valid experiment:`);
  for (const problem of result.errors) io.err(`  ${problem}`);
  return null;
}

/** Loss and accuracy are the last training batch's (what the engine measured without an extra pass), hence the headers. */
function resultsTable(results: DoneEvent[]): string {
  const rows = results.map((r) => [
    r.run,
    String(r.steps),
    fixed(r.loss, 4),
    percent(r.accuracy),
    fixed(r.testLoss, 4),
    percent(r.testAccuracy),
    fixed(r.msPerStep, 2),
    fixed(r.msPerInference, 2),
    r.diverged ? `diverged at step ${r.steps}` : r.stopped ? 'stopped' : 'done',
  ]);
  return formatTable(['run', 'steps', 'batch loss', 'batch acc', 'test loss', 'test acc', 'ms/step', 'ms/inference', 'status'], rows);
}
