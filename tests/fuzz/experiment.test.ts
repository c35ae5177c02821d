// Property-based tests of the experiment validator (issue 13 item 4), through its public functions
// only: parseExperiment and parseExperimentText never throw, every rejection names its field path
// first, that path points into the document that was given, and an accepted document is a fixed point
// (validating it again changes nothing). Inputs: the examples and lessons edited at random paths,
// documents assembled from the documented fields with good and bad values, and arbitrary values and
// text. Fixed seeds, bounded counts; FUZZ_REPORT=1 prints the tallies.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExperiment, parseExperimentText, type ParseResult } from '../../src/core/experiment';
import { LESSONS } from '../../src/lessons';
import { holds, sameValue } from './holds';

const SEED = 4_2026;
const tally = { cases: 0, accepted: 0, rejected: 0, escaped: 0, messages: 0 };
const PATH = /^[A-Za-z]+(\.[A-Za-z0-9]+|\[\d+\])*$/;

/** The checks every result must pass, whatever the input. */
function checkResult(input: unknown, parse: () => ParseResult): ParseResult {
  tally.cases++;
  let result: ParseResult;
  try {
    result = parse();
  } catch (err) {
    tally.escaped++;
    throw err;
  }
  if (result.ok) {
    tally.accepted++;
    return result;
  }
  tally.rejected++;
  holds(result.errors.length > 0, () => 'a rejection without errors');
  sameValue(result.errors, result.issues.map((i) => i.message), () => 'errors and issues disagree');
  for (const { path, message } of result.issues) {
    tally.messages++;
    holds(typeof message === 'string' && typeof path === 'string', () => `a message or path that is not text: ${JSON.stringify({ path, message })}`);
    if (path === '') {
      // A problem with the document as a whole: still words, not an exception's text.
      holds(/^(an experiment|not valid JSON|version|the document)/.test(message), () => `document-level message ${JSON.stringify(message)}`);
      continue;
    }
    holds(PATH.test(path), () => `malformed path ${JSON.stringify(path)}`);
    holds(message.startsWith(path) && message.length > path.length + 3, () => `${JSON.stringify(message)} does not start with its path ${path}`);
    holds(pointsIntoInput(input, path), () => `${path} does not point into the document given`);
  }
  return result;
}

/**
 * The path's first step exists in what was given (or is a required top-level field that is missing),
 * and a runs[i] path names a run that was given: a message never blames a field the user did not write.
 */
function pointsIntoInput(input: unknown, path: string): boolean {
  const head = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(path)!;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
  const doc = input as Record<string, unknown>;
  if (!(head[1] in doc)) return head[1] === 'task' || head[1] === 'runs';
  if (head[2] === undefined) return true;
  const list = doc[head[1]];
  return Array.isArray(list) && Number(head[2]) < list.length;
}

const examples = ['xor', 'mnist-mlp', 'mnist-cnn'].map((name) => JSON.parse(readFileSync(`docs/examples/${name}.json`, 'utf8')));
const seeds: unknown[] = [...examples, ...LESSONS.map((lesson) => structuredClone(lesson.experiment))];

/** Values that sit on or just past the documented edges, and values of the wrong type. */
const EDGES: unknown[] = [
  0, 1, -1, 0.5, 0.999999, 1 - 1e-12, 1.5, 2, 3, 10, 32, 64, 65, 100, 4096, 4097, 1024, 1025, 10_000, 100_000, 100_001, 1e6, 1e6 + 1,
  2 ** 31 - 1, 2 ** 31, 1e300, -1e300, 1e-300, NaN, Infinity, -Infinity, -0, '', ' ', 'x', '1', 'relu', 'same', 'sgd', 'adam',
  'INPUT 2, FC-1', 'INPUT 784, FC-10', 'INPUT 28x28x1, CONV3-4, FC-10', 'INPUT 2, FC-1,', 'FC-10', null, true, false, [], [1], {}, { name: 'adam' },
];
const edgeValue = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...EDGES) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });

/** Every path into a JSON tree, containers included; [] is the root. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

type Edit = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'unknown-key'; key: string };

function applyEdit(doc: unknown, path: (string | number)[], edit: Edit): unknown {
  if (path.length === 0) return edit.kind === 'set' ? edit.value : doc;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (edit.kind === 'set') parent[last] = edit.value;
  else if (edit.kind === 'delete') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
  else if (parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last])) (parent[last] as Record<string, unknown>)[edit.key] = 1;
  return copy;
}

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: edgeValue.map((value) => ({ kind: 'set' as const, value })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'delete' as const }) },
  { weight: 1, arbitrary: fc.constantFrom('units', 'Steps', 'lr', '__proto__', 'constructor', 'tyPe').map((key) => ({ kind: 'unknown-key' as const, key })) },
);

/** One to three random edits of a real document. */
const editedDoc = fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), edit), { minLength: 1, maxLength: 3 })).map(([doc, edits]) =>
  edits.reduce<unknown>((d, [pick, e]) => {
    const all = paths(d);
    return applyEdit(d, all[pick % all.length], e);
  }, doc),
);

/** Documents assembled from the documented fields, each present or not, with good or bad values. */
const field = <T>(good: fc.Arbitrary<T>) => fc.option(fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: edgeValue }), { nil: undefined, freq: 3 });
const notation = fc
  .array(fc.constantFrom('FC-4', 'FC-10', 'FC-1', 'FC-100 RELU HE', 'CONV3-4', 'CONV5-8 S2', 'POOL2', 'DROPOUT0.5', 'BN', 'FLATTEN', 'FC-10 SOFTMAX', 'FC-1 SIGMOID', 'FC-2 LINEAR'), { maxLength: 5 })
  .chain((layers) => fc.constantFrom('INPUT 2', 'INPUT 784', 'INPUT 28x28x1').map((input) => [input, ...layers].join(', ')));
const layer = fc.oneof(
  fc.record({ type: fc.constant('dense'), units: field(fc.integer({ min: 1, max: 5000 })), activation: field(fc.constantFrom('relu', 'tanh', 'softmax', 'sigmoid', 'linear')) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('conv2d'), filters: field(fc.integer({ min: 1, max: 8 })), kernelSize: field(fc.integer({ min: 1, max: 7 })), padding: field(fc.oneof(fc.constant('same'), fc.nat(3))) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('maxpool'), poolSize: field(fc.integer({ min: 1, max: 4 })) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom('flatten', 'dropout', 'batchnorm', 'lstm'), rate: field(fc.double({ min: 0, max: 1 })), momentum: field(fc.double({ min: 0, max: 1 })) }, { requiredKeys: ['type'] }),
);
const model = fc.oneof(notation, fc.record({ input: field(fc.constantFrom([2], [784], [28, 28, 1])), layers: field(fc.array(layer, { maxLength: 4 })) }));
const run = fc.record({
  name: field(fc.string({ maxLength: 8 })),
  seed: field(fc.nat()),
  model: field(model),
  optimizer: field(fc.record({ name: fc.constantFrom('sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'lbfgs'), learningRate: field(fc.double({ min: 0, max: 2, noNaN: true })), momentum: field(fc.double({ min: 0, max: 1.2, noNaN: true })) })),
  training: field(fc.record({ batchSize: field(fc.integer({ min: 1, max: 64 })), steps: field(fc.integer({ min: 1, max: 1000 })), loss: field(fc.constantFrom('softmax-cross-entropy', 'hinge', 'mse', 'l1')), l2: field(fc.double({ min: 0, max: 1, noNaN: true })), clipNorm: field(fc.option(fc.double({ min: 0, max: 5, noNaN: true }))) })),
});
const assembled = fc.record({
  version: field(fc.constantFrom(1, 2, 0)),
  title: field(fc.string({ maxLength: 10 })),
  task: field(fc.constantFrom('xor', 'mnist', 'cifar')),
  data: field(fc.record({ trainSize: field(fc.integer({ min: 1, max: 12_000 })), testSize: field(fc.integer({ min: 1, max: 3000 })), noise: field(fc.double({ min: 0, max: 1, noNaN: true })), firstClass: field(fc.nat(10)), order: field(fc.constantFrom('shuffled', 'sorted', 'random')) })),
  runs: field(fc.array(run, { minLength: 0, maxLength: 3 })),
});

/** An accepted document validated again is unchanged: normalising is a fixed point. */
function checkFixedPoint(result: ParseResult): void {
  if (!result.ok) return;
  const again = parseExperiment(structuredClone(result.doc));
  holds(again.ok, () => `an accepted document is refused when validated again: ${JSON.stringify(!again.ok && again.errors)}`);
  sameValue(again.doc, result.doc, () => 'validating an accepted document again changed it');
}

describe('parseExperiment under fuzzing', () => {
  it('real documents with one to three random edits (1,500 cases)', () => {
    fc.assert(fc.property(editedDoc, (doc) => checkFixedPoint(checkResult(doc, () => parseExperiment(doc)))), { seed: SEED, numRuns: 1500 });
  });

  it('documents assembled from the documented fields (1,500 cases)', () => {
    fc.assert(fc.property(assembled, (doc) => checkFixedPoint(checkResult(doc, () => parseExperiment(doc)))), { seed: SEED + 1, numRuns: 1500 });
  });

  it('arbitrary values, including ones JSON cannot hold (600 cases)', () => {
    fc.assert(fc.property(fc.anything({ maxDepth: 3, withNullPrototype: true, withMap: true, withSet: true, withBigInt: true, withDate: true }), (value) => void checkResult(value, () => parseExperiment(value))), { seed: SEED + 2, numRuns: 600 });
  });

  it('parseExperimentText on real files cut short or spliced with random text (400 cases)', () => {
    const texts = examples.map((doc) => JSON.stringify(doc, null, 2));
    const text = fc.tuple(fc.constantFrom(...texts), fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 8 })).map(([t, a, b, s]) => {
      const i = a % (t.length + 1);
      return b % 2 ? t.slice(0, i) : t.slice(0, i) + s + t.slice(i + (b % 5));
    });
    fc.assert(
      fc.property(text, (t) => {
        let value: unknown = undefined;
        try {
          value = JSON.parse(t);
        } catch {
          /* the validator must say so itself */
        }
        const result = checkResult(value, () => parseExperimentText(t));
        if (value === undefined) holds(!result.ok && result.errors[0].startsWith('not valid JSON'), () => `broken JSON ${JSON.stringify(t)} got ${JSON.stringify(result)}`);
      }),
      { seed: SEED + 3, numRuns: 400 },
    );
  });

  it('reached both verdicts, and no exception escaped', () => {
    if (process.env.FUZZ_REPORT) console.info('experiment fuzz', JSON.stringify(tally));
    expect(tally.cases).toBeGreaterThanOrEqual(4000);
    expect(tally.escaped).toBe(0);
    // Controls on the generators: both verdicts, in numbers, or the properties above prove little.
    expect(tally.accepted).toBeGreaterThan(200);
    expect(tally.rejected).toBeGreaterThan(1000);
  });
});
