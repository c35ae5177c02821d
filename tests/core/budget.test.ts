// The memory budget: documents that cannot fit are refused by the validator, at the run's model
// field, with the figures and the layer that weighs most; the limit follows the backend and the
// device's hint; documents that fit (every example and lesson) pass.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMORY_LIMIT, estimateMemory, memoryLimit, OPTIMIZER_MEMORY, type BudgetInput } from '../../src/core/budget';
import { checkMemory, experiment, parseExperiment, parseExperimentText, type ExperimentDoc } from '../../src/core/experiment';
import { summarize } from '../../src/core/summary';
import { LESSONS } from '../../src/lessons';

const FC_STACK = `INPUT 784, ${Array(63).fill('FC-4096').join(', ')}, FC-10`;
const CONV_STACK = `INPUT 28x28x1, ${Array(3).fill('CONV64-1024').join(', ')}, FC-10`;

/** A valid document, the budget left out (to estimate what does not fit). */
function docOf(input: unknown): ExperimentDoc {
  const result = parseExperiment(input, { memoryLimit: null });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.doc;
}

function issuesOf(input: unknown, options?: Parameters<typeof parseExperiment>[1]) {
  const result = parseExperiment(input, options);
  return result.ok ? [] : result.issues;
}

/** The budget's input for a valid document, as the validator builds it. */
function budgetInput(doc: ExperimentDoc): BudgetInput {
  return {
    runs: doc.runs.map((run) => ({ summary: summarize(run.model), optimizer: run.optimizer.name, batchSize: run.training.batchSize, clipNorm: run.training.clipNorm, l2: run.training.l2 })),
    data: { trainCount: doc.data.trainSize, testCount: doc.data.testSize, features: 784, units: 10 },
  };
}

describe('documents that cannot fit', () => {
  it('refuses 63 x FC-4096 at runs[0].model with the figures and the heaviest layer', () => {
    const issues = issuesOf({ task: 'mnist', runs: [{ model: FC_STACK }] });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('runs[0].model');
    expect(issues[0].message).toMatch(
      /^runs\[0\]\.model needs about \d+(\.\d)? GB to train; the limit here is 1 GB \(webgl\); layer 2 FC-4096 alone holds 16\.8 M of the model's 1\.0 G weights \(134 MB with its gradient\)$/,
    );
  });

  it('refuses the same model written as a layer list with the same message', () => {
    const layers = [...Array.from({ length: 63 }, () => ({ type: 'dense', units: 4096 })), { type: 'dense', units: 10 }];
    const list = issuesOf({ task: 'mnist', runs: [{ model: { input: [784], layers } }] });
    const notation = issuesOf({ task: 'mnist', runs: [{ model: FC_STACK }] });
    expect(list).toEqual(notation);
  });

  it('refuses 3 x CONV64-1024, naming the convolution whose 64x64x1024x1024 kernel dominates', () => {
    const issues = issuesOf({ task: 'mnist', runs: [{ model: CONV_STACK }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'runs[0].model' });
    expect(issues[0].message).toMatch(/^runs\[0\]\.model needs about \d+(\.\d)? GB to train; the limit here is 1 GB \(webgl\); layer 2 CONV64-1024 alone holds 4\.3 G of the model's 8\.6 G weights/);
  });

  it('names a layer by its outputs when they, not its weights, take the memory', () => {
    // Few weights, a 28x28x1024 map per example: the evaluation batches of 500 are what cannot fit.
    const issues = issuesOf({ task: 'mnist', runs: [{ model: 'INPUT 28x28x1, CONV3-1024, FC-10' }] });
    expect(issues.map((i) => i.message)).toEqual([expect.stringMatching(/layer 1 CONV3-1024 alone outputs 28x28x1024 numbers per example, \d+(\.\d)? GB for (each evaluation batch|the diagnostics' probe batch, forward and back)$/)]);
  });

  it('reports each run that does not fit alone, and the runs together when each fits alone', () => {
    const small = { model: 'INPUT 784, FC-100 RELU HE, FC-10' };
    const big = { model: FC_STACK };
    expect(issuesOf({ task: 'mnist', runs: [{ name: 'a', ...small }, { name: 'b', ...big }] }).map((i) => i.path)).toEqual(['runs[1].model']);

    // 160 MB of weights and velocities each: one fits, eight at once do not.
    const medium = { model: 'INPUT 784, FC-4096, FC-4096, FC-10', optimizer: { name: 'momentum' } };
    expect(issuesOf({ task: 'mnist', runs: [{ name: 'one', ...medium }] })).toEqual([]);
    const eight = issuesOf({ task: 'mnist', runs: Array.from({ length: 8 }, (_, i) => ({ name: `r${i}`, ...medium })) });
    expect(eight).toHaveLength(1);
    expect(eight[0].message).toMatch(/^runs\[0\]\.model: the 8 runs together need about \d+(\.\d)? GB to train \(each run's weights stay while the others train, and runs of one stack train at once\); the limit here is 1 GB \(webgl\); runs\[0\] holds the most, \d+ MB/);
  });
});

describe('limits', () => {
  it('has a documented default per backend, webgl being the validator default', () => {
    expect(memoryLimit('webgl')).toEqual({ bytes: 1e9, source: 'webgl' });
    expect(memoryLimit('wasm')).toEqual({ bytes: 2e9, source: 'wasm' });
    expect(memoryLimit('cpu')).toEqual({ bytes: 2e9, source: 'cpu' });
    expect(DEFAULT_MEMORY_LIMIT).toEqual(memoryLimit('webgl'));
  });

  it("lowers the limit to a quarter of the device's memory when the hint says so, and ignores hints that are not numbers", () => {
    expect(memoryLimit('wasm', 4)).toEqual({ bytes: 2 ** 30, source: "wasm, a quarter of this device's 4.3 GB" });
    expect(memoryLimit('webgl', 8)).toEqual({ bytes: 1e9, source: 'webgl' });
    for (const hint of [null, undefined, 0, -1, NaN, Infinity]) expect(memoryLimit('cpu', hint)).toEqual({ bytes: 2e9, source: 'cpu' });
  });

  it('refuses on webgl what fits in wasm: the limit, not the document, decides', () => {
    const input = { task: 'mnist', runs: [{ model: 'INPUT 784, FC-4096, FC-4096, FC-4096, FC-4096, FC-4096, FC-10' }] };
    const needed = estimateMemory(budgetInput(docOf(input))).runs[0].alone;
    expect(needed).toBeGreaterThan(1e9);
    expect(needed).toBeLessThan(2e9);
    expect(issuesOf(input)).toHaveLength(1);
    expect(issuesOf(input, { memoryLimit: memoryLimit('wasm') })).toEqual([]);
    expect(issuesOf(input, { memoryLimit: memoryLimit('wasm', 4) }).map((i) => i.message)).toEqual([expect.stringContaining("the limit here is 1.1 GB (wasm, a quarter of this device's 4.3 GB)")]);
    expect(issuesOf(input, { memoryLimit: null })).toEqual([]);
    // checkMemory is the same rule for a document already validated (what the session asks).
    expect(checkMemory(docOf(input), memoryLimit('webgl'))).toEqual(issuesOf(input));
  });
});

describe('the estimate', () => {
  it("counts each optimizer's slots: adam keeps two per weight, momentum one, sgd none", () => {
    const params = summarize(experiment({ task: 'mnist', runs: [{}] }).runs[0].model).totalParams;
    const persistent = (name: string) => estimateMemory(budgetInput(experiment({ task: 'mnist', runs: [{ optimizer: { name } }] }))).runs[0].persistent;
    expect(persistent('sgd')).toBe(4 * params);
    expect(persistent('momentum')).toBe(8 * params);
    expect(persistent('adam')).toBe(12 * params);
    expect(persistent('rmsprop')).toBe(12 * params);
    expect(OPTIMIZER_MEMORY.adagrad.slots).toBe(1);
  });

  it('grows with the data, the batch and the model', () => {
    const total = (run: object, data: object = {}) => estimateMemory(budgetInput(experiment({ task: 'mnist', data, runs: [run] }))).total;
    const base = total({});
    expect(total({}, { trainSize: 60000 })).toBeGreaterThan(base);
    expect(total({ training: { batchSize: 1024 } })).toBeGreaterThan(base);
    expect(total({ model: 'INPUT 784, FC-400, FC-10' })).toBeGreaterThan(base);
  });
});

describe('documents that fit', () => {
  it('accepts every example and every lesson under the smallest default limit', () => {
    for (const file of readdirSync('docs/examples').filter((f) => f.endsWith('.json'))) {
      const result = parseExperimentText(readFileSync(`docs/examples/${file}`, 'utf8'));
      expect(result.ok ? [] : result.errors, file).toEqual([]);
    }
    for (const lesson of LESSONS) expect(issuesOf(lesson.experiment), lesson.id).toEqual([]);
  });
});

describe('engine sizes', () => {
  it('a size left undefined is the default, not NaN (the session passes the start options as they are)', () => {
    const doc = docOf({ task: 'mnist', runs: [{ model: FC_STACK }] });
    expect(checkMemory(doc, memoryLimit('wasm'), { chunkSteps: undefined })).toEqual(checkMemory(doc, memoryLimit('wasm')));
    expect(checkMemory(doc, memoryLimit('wasm'))[0].message).toMatch(/needs about [\d.]+ GB/);
  });
});
