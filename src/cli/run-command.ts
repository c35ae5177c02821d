// `lab run <experiment.json> [--json] [--steps N] [--backend cpu|wasm]`: trains headless in Node.
import { existsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { useBackend, type BackendName } from '../core/backend';
import { memoryLimit, type MemoryLimit } from '../core/budget';
import type { DoneEvent, TrainEvent } from '../core/events';
import { checkMemory, experiment, type ExperimentDoc } from '../core/experiment';
import { MAX_STEPS } from '../core/experiment-schema';
import { lessonById, Outcome } from '../lessons';
import { traceLessonValley } from '../lessons/run-lesson';
import { ExperimentRunner } from '../core/experiment-runner';
import { buildDataset } from '../data/dataset';
import { readMnistFile } from '../data/node-source';
import { decimalInteger, parseOptions } from './args';
import { readExperimentFile } from './experiment-file';
import { fixed, formatTable, percent, progressBar } from './format';
import { UsageError, type Io } from './io';

const NODE_BACKENDS = ['cpu', 'wasm'] as const;

export async function runCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseRunArgs(args);
  if (positionals.length !== 1) throw new UsageError('lab run takes one experiment file or lesson id, e.g. lab run docs/examples/xor.json');
  const target = positionals[0];
  if (target === '') throw new UsageError('lab run got an empty file name; give an experiment file or a lesson id (`lab lessons` lists them)');
  const lesson = existsSync(target) ? undefined : lessonById(target);
  // wasm is the fastest Node backend here for dense and (with our filter-gradient kernel) conv nets.
  const backend = values.backend ?? 'wasm';
  // Checked before the backend starts or the data loads: a document that cannot fit allocates nothing.
  const limit = memoryLimit(backend, totalmem() / 2 ** 30);
  const doc = lesson ? lessonDoc(lesson.experiment, limit, io) : await readExperiment(target, limit, io);
  if (!doc) return 2;
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
      // What the status column abbreviates: the figures behind "stalled" or "blew up".
      for (const r of results) if (r.reason) io.out(`${r.run}: ${STATUS_WORDS[r.reason.kind]}: ${r.reason.detail}`);
    }
    if (lesson) {
      const claim = lesson.claim(new Outcome(doc, events, await traceLessonValley(lesson)));
      if (values.json) io.out(JSON.stringify({ type: 'claim', lesson: lesson.id, held: claim.held, detail: claim.detail }));
      else io.out(`\n${lesson.title}: the claim ${claim.held ? 'held' : 'did NOT hold'}: ${claim.detail}`);
    }
  } finally {
    process.off('SIGINT', stopOnInterrupt);
  }
  return 0;
}

function parseRunArgs(args: string[]) {
  const parsed = parseOptions(args, { json: { type: 'boolean', default: false }, steps: { type: 'string' }, backend: { type: 'string' } }, true);
  const { steps, backend } = parsed.values;
  // The same range as a document's training.steps, so that --steps cannot run past the documented cap.
  const stepCount = steps === undefined ? undefined : decimalInteger(steps, '--steps', 1, MAX_STEPS);
  if (backend !== undefined && !(NODE_BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError(`--backend must be cpu or wasm in Node, got ${JSON.stringify(backend)}`);
  }
  return { values: { json: parsed.values.json, steps: stepCount, backend: backend as BackendName | undefined }, positionals: parsed.positionals };
}

function lessonDoc(input: unknown, limit: MemoryLimit, io: Io): ExperimentDoc | null {
  const doc = experiment(input);
  const issues = checkMemory(doc, limit);
  for (const issue of issues) io.err(`error: ${issue.message}`);
  return issues.length === 0 ? doc : null;
}

async function readExperiment(path: string, limit: MemoryLimit, io: Io): Promise<ExperimentDoc | null> {
  const file = await readExperimentFile(path, { memoryLimit: limit });
  if (file.ok) return file.doc;
  io.err(`error: ${file.lines[0]}`);
  for (const line of file.lines.slice(1)) io.err(line);
  return null;
}

/** A run that trained to its end without learning (learning-check.ts) is not "done". */
const STATUS_WORDS = { stalled: 'stalled at chance', blewUp: 'blew up' } as const;

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
    r.diverged ? `diverged at step ${r.steps}` : r.stopped ? 'stopped' : r.reason ? STATUS_WORDS[r.reason.kind] : 'done',
  ]);
  return formatTable(['run', 'steps', 'batch loss', 'batch acc', 'test loss', 'test acc', 'ms/step', 'ms/inference', 'status'], rows);
}
