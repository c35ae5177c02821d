// The memory an experiment needs, estimated from its summary before any tensor exists, and the limit
// it must fit in on each backend. A document that does not fit is refused with the run, the figures
// and the layer that weighs most, instead of growing the page to gigabytes or aborting wasm. The
// formula and the limits are documented in docs/experiment.md ("Memory"); a test compares the
// estimate with what tfjs really allocates (tests/core/budget-measured.test.ts).
import { DEFAULT_CHUNK_STEPS, DEFAULT_PROBE_SIZE, EVAL_BATCH } from './engine-sizes';
import { exampleCounts } from './data-rules';
import { stackRuns } from './stacks';
import type { ExperimentDoc } from './experiment-types';

export { exampleCounts };
import type { OptimizerName } from './fields';
import { hasWeights, kindOf, unitsOf, type LayerType } from './layers';
import { sizeOf } from './layers/shapes';
import type { ModelSummary } from './summary';

/** Bytes per number: every tensor the engine makes is float32 or int32. */
const FLOAT = 4;
/** Training examples evaluated at each evaluation, besides the test set (as the trainer does). */
const TRAIN_EVAL_LIMIT = 2000;
/** A forward and backward pass holds about this many times what the forward pass alone makes. */
const BACKWARD = 3;

/**
 * Default limit per backend, in bytes. webgl and webgpu: textures or buffers share the GPU with the
 * page and the desktop; wasm: its heap cannot pass 4 GiB (32-bit addresses), and growing it near that aborts; cpu: typed
 * arrays in the page's (or Node's) JavaScript heap.
 */
export const MEMORY_LIMITS = { webgl: 1e9, webgpu: 1e9, wasm: 2e9, cpu: 2e9 } as const;
export type BudgetBackend = keyof typeof MEMORY_LIMITS;

export interface MemoryLimit {
  bytes: number;
  /** Where the figure comes from, for messages: "webgl" or "wasm, a quarter of this device's 4 GB". */
  source: string;
}

/**
 * The limit on a backend: its default, or a quarter of the device's memory when the browser's hint
 * (navigator.deviceMemory, in GiB; Node: the machine's total memory) says that is less.
 */
export function memoryLimit(backend: BudgetBackend, deviceMemoryGiB?: number | null): MemoryLimit {
  const base = MEMORY_LIMITS[backend];
  if (deviceMemoryGiB == null || !Number.isFinite(deviceMemoryGiB) || deviceMemoryGiB <= 0) return { bytes: base, source: backend };
  const quarter = (deviceMemoryGiB * 2 ** 30) / 4;
  if (quarter >= base) return { bytes: base, source: backend };
  return { bytes: quarter, source: `${backend}, a quarter of this device's ${formatBytes(deviceMemoryGiB * 2 ** 30)}` };
}

/** What the validator checks against when it is told no backend: the app's default backend, the smallest limit. */
export const DEFAULT_MEMORY_LIMIT: MemoryLimit = memoryLimit('webgl');

/**
 * What the stack optimizers (optimizers.ts) keep and make, per parameter: `slots` state variables of
 * the parameter's size (momentum's velocity; adam's two moments; rmsprop's mean square and momentum;
 * adagrad's accumulator), and `temporaries`, the tensors of a variable's size one update makes (its
 * ops before each assign). The whole step runs in one tidy, so every variable's temporaries are held
 * until the step ends (`scope` 'all'); the backward pass's own have been freed by then.
 */
export const OPTIMIZER_MEMORY: Record<OptimizerName, { slots: number; temporaries: number; scope: 'variable' | 'all' }> = {
  sgd: { slots: 0, temporaries: 2, scope: 'all' },
  momentum: { slots: 1, temporaries: 4, scope: 'all' },
  nesterov: { slots: 1, temporaries: 6, scope: 'all' },
  adagrad: { slots: 1, temporaries: 7, scope: 'all' },
  rmsprop: { slots: 2, temporaries: 11, scope: 'all' },
  adam: { slots: 2, temporaries: 13, scope: 'all' },
};

export interface RunBudgetInput {
  summary: ModelSummary;
  optimizer: OptimizerName;
  batchSize: number;
  clipNorm: number | null;
  l2: number;
}

export interface BudgetInput {
  runs: RunBudgetInput[];
  /**
   * Which runs train as one stack (stacks.ts; run indices): a stack's runs make their batches' values
   * at the same time, so their transient memory adds. Default: each run alone.
   */
  stacks?: number[][];
  data: { trainCount: number; testCount: number; features: number; units: number };
}

/** The engine's batch sizes (the session may dispatch more steps per readback than the default). */
export interface EngineSizes {
  chunkSteps: number;
  probeSize: number;
  evalBatch: number;
}

export const DEFAULT_ENGINE_SIZES: EngineSizes = { chunkSteps: DEFAULT_CHUNK_STEPS, probeSize: DEFAULT_PROBE_SIZE, evalBatch: EVAL_BATCH };

export type Phase = 'training' | 'evaluation' | 'diagnostics';

export interface RunEstimate {
  /** Weights and optimizer state, held from the start to the end. */
  persistent: number;
  /** The largest of the phases below: a training step, an evaluation, the diagnostics. */
  transient: number;
  phases: Record<Phase, number>;
  /** The data, this run's state and its largest phase: what it needs alone. */
  alone: number;
  heaviest: LayerShare;
}

/** The layer that weighs most in a run, and why. */
export interface LayerShare {
  /** Its row in the summary table (INPUT is 0). */
  layer: number;
  notation: string;
  params: number;
  /** Its weights with their gradient and optimizer slots. */
  paramBytes: number;
  outputShape: number[];
  /** Its outputs in the run's largest phase. */
  outputBytes: number;
  phase: Phase;
}

export interface MemoryEstimate {
  /** The training and test examples on the device: inputs, one-hot targets, labels. */
  data: number;
  runs: RunEstimate[];
  /** Every run's state is held at once; stacks train one after another, so only the largest stack's phases add. */
  total: number;
}

export function estimateMemory(input: BudgetInput, engine: EngineSizes = DEFAULT_ENGINE_SIZES): MemoryEstimate {
  const { trainCount, testCount, features, units } = input.data;
  const data = FLOAT * (trainCount + testCount) * (features + units + 1);
  const runs = input.runs.map((run) => estimateRun(run, input.data, engine, data));
  const stacks = input.stacks ?? runs.map((_, i) => [i]);
  const transient = Math.max(0, ...stacks.map((stack) => stack.reduce((sum, i) => sum + runs[i].transient, 0)));
  const total = data + runs.reduce((sum, r) => sum + r.persistent, 0) + transient;
  return { data, runs, total };
}

function estimateRun(run: RunBudgetInput, data: BudgetInput['data'], engine: EngineSizes, dataBytes: number): RunEstimate {
  const { features, units, trainCount, testCount } = data;
  const layers = run.summary.layers.slice(1);
  const params = run.summary.totalParams;
  const largestLayer = Math.max(0, ...layers.map((l) => l.params));
  const copies = layers.map((l) => kindOf(l.type as LayerType).outputCopies ?? 1);
  // Floats one example's forward pass makes, layer by layer.
  const perExample = layers.reduce((sum, l, i) => sum + copies[i] * sizeOf(l.outputShape), 0);
  const opt = OPTIMIZER_MEMORY[run.optimizer];
  const { batchSize: b, clipNorm, l2 } = run;
  const c = engine.chunkSteps;

  const persistent = FLOAT * params * (1 + opt.slots);
  // Each step gathers its batch (inputs and targets) from the uploaded data, and the chunk's scores
  // and losses are kept for the one readback.
  const block = b * (features + units) + c * (b * units + 1);
  // The backward pass holds the forward values it needs, a gradient for each and the temporaries of
  // the gradient ops (ReLU's mask, pooling's scatter): about three times the forward (measured on cpu).
  const backward = BACKWARD * b * perExample;
  const update = (clipNorm !== null ? 2 * params : 0) + (l2 > 0 ? params : 0) + opt.temporaries * (opt.scope === 'all' ? params : largestLayer);
  const evalBatch = Math.min(engine.evalBatch, Math.max(testCount, Math.min(trainCount, TRAIN_EVAL_LIMIT)));
  const probe = Math.min(engine.probeSize, trainCount);
  const phases: Record<Phase, number> = {
    training: FLOAT * (block + params + Math.max(backward, update)),
    // A batch of inputs and targets, and its forward pass (one batch at a time: the trainer tidies each).
    evaluation: FLOAT * evalBatch * (features + units + perExample),
    // The probe's inputs and targets, its forward and backward pass, the gradients and the norms' temporaries.
    diagnostics: FLOAT * (probe * (features + units) + BACKWARD * probe * perExample + 3 * params),
  };
  const phase = (Object.keys(phases) as Phase[]).reduce((a, p) => (phases[p] > phases[a] ? p : a), 'training');
  const examples = { training: BACKWARD * b, evaluation: evalBatch, diagnostics: BACKWARD * probe }[phase];
  const shares = layers.map((l, i) => ({
    layer: i + 1,
    notation: l.notation,
    params: l.params,
    paramBytes: FLOAT * l.params * (2 + opt.slots),
    outputShape: l.outputShape,
    outputBytes: FLOAT * copies[i] * sizeOf(l.outputShape) * examples,
    phase,
  }));
  const weight = (s: LayerShare) => s.paramBytes + s.outputBytes;
  const heaviest = shares.reduce((a, s) => (weight(s) > weight(a) ? s : a), shares[0]);
  const transient = phases[phase];
  return { persistent, transient, phases, alone: dataBytes + persistent + transient, heaviest };
}

export interface MemoryProblem {
  /** The run the message is about (its model's field shows it). */
  run: number;
  message: string;
}

/** Runs that do not fit alone, or, when each does, the largest of runs that do not fit together. */
export function memoryProblems(input: BudgetInput, limit: MemoryLimit, engine: EngineSizes = DEFAULT_ENGINE_SIZES): MemoryProblem[] {
  const estimate = estimateMemory(input, engine);
  const limitText = `the limit here is ${formatBytes(limit.bytes)} (${limit.source})`;
  const problems = estimate.runs.flatMap((r, i) =>
    r.alone > limit.bytes ? [{ run: i, message: `runs[${i}].model needs about ${formatBytes(r.alone)} to train; ${limitText}; ${describeShare(r.heaviest, input.runs[i])}` }] : [],
  );
  if (problems.length > 0 || estimate.total <= limit.bytes) return problems;
  const largest = estimate.runs.reduce((a, r, i) => (r.persistent > estimate.runs[a].persistent ? i : a), 0);
  return [
    {
      run: largest,
      message:
        `runs[${largest}].model: the ${input.runs.length} runs together need about ${formatBytes(estimate.total)} to train (each run's weights stay while the others train, and runs of one stack train at once); ` +
        `${limitText}; runs[${largest}] holds the most, ${formatBytes(estimate.runs[largest].persistent)}: train fewer runs at once or smaller models`,
    },
  ];
}


/** memoryProblems for a document, each at its run's model field (where the editor shows it). */
export function documentMemoryProblems(doc: ExperimentDoc, summaries: readonly ModelSummary[], limit: MemoryLimit, engine: Partial<EngineSizes> = {}): { path: string; message: string }[] {
  const counts = exampleCounts(doc.task, doc.data);
  const outputUnits = doc.runs.map((run) => {
    const last = run.model.layers[run.model.layers.length - 1];
    return hasWeights(last) ? unitsOf(last) : 1;
  });
  const input: BudgetInput = {
    runs: doc.runs.map((run, i) => ({ summary: summaries[i], optimizer: run.optimizer.name, batchSize: run.training.batchSize, clipNorm: run.training.clipNorm, l2: run.training.l2 })),
    // One-hot targets are cached per output width: the widest counts.
    data: { trainCount: counts.train, testCount: counts.test, features: sizeOf(doc.runs[0].model.input), units: Math.max(...outputUnits) },
    // As the engine stacks them by default (lab run --no-stack and the page's switch need less, never more).
    stacks: stackRuns(doc.runs),
  };
  const sizes = { ...DEFAULT_ENGINE_SIZES };
  for (const key of Object.keys(sizes) as (keyof EngineSizes)[]) sizes[key] = engine[key] ?? sizes[key];
  return memoryProblems(input, limit, sizes).map((p) => ({ path: `runs[${p.run}].model`, message: p.message }));
}

const PHASE_TEXT: Record<Phase, (run: RunBudgetInput) => string> = {
  training: (run) => `a training batch of ${run.batchSize}, forward and back`,
  evaluation: () => 'each evaluation batch',
  diagnostics: () => "the diagnostics' probe batch, forward and back",
};

function describeShare(share: LayerShare, run: RunBudgetInput): string {
  const totalParams = run.summary.totalParams;
  const slots = OPTIMIZER_MEMORY[run.optimizer].slots;
  const state = slots === 0 ? 'its gradient' : `its gradient and ${run.optimizer}'s ${slots === 1 ? 'slot' : `${slots} slots`}`;
  const where = `layer ${share.layer} ${share.notation}`;
  if (share.paramBytes >= share.outputBytes) {
    return `${where} alone holds ${formatCount(share.params)} of the model's ${formatCount(totalParams)} weights (${formatBytes(share.paramBytes)} with ${state})`;
  }
  return `${where} alone outputs ${share.outputShape.join('x')} numbers per example, ${formatBytes(share.outputBytes)} for ${PHASE_TEXT[share.phase](run)}`;
}

/** Decimal units, as the limits are written: 1 GB is 10⁹ bytes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1).replace(/\.0$/, '')} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${Math.round(bytes)} B`;
}

function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}
