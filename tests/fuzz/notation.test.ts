// Property-based tests of the course notation (issue 13 item 4), through parseNotation and
// formatNotation only: parsing never throws; every error names a layer that exists in the text and a
// column inside it where its token is written; a valid model written back canonically parses to the
// same model, and the canonical text is a fixed point. Inputs: notation built from the documented
// words (most valid, many not), the same with random edits, and random text. Fixed seeds, bounded
// counts; FUZZ_REPORT=1 prints the tallies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNotation, parseNotation, type NotationResult } from '../../src/core/notation';
import { holds, sameValue } from './holds';

const SEED = 7_2026;
const tally = { cases: 0, accepted: 0, rejected: 0, escaped: 0, errors: 0, roundTrips: 0 };

function check(text: string): NotationResult {
  tally.cases++;
  let result: NotationResult;
  try {
    result = parseNotation(text);
  } catch (err) {
    tally.escaped++;
    throw err;
  }
  if (result.ok) {
    tally.accepted++;
    // Round trip: the canonical text reads back as the same model, and is itself canonical.
    const canonical = formatNotation(result.model);
    const again = parseNotation(canonical);
    holds(again.ok, () => `${JSON.stringify(text)} -> ${JSON.stringify(canonical)} does not parse back`);
    sameValue(again.model, result.model, () => `${JSON.stringify(canonical)} parses to another model`);
    holds(formatNotation(again.model) === canonical, () => `${JSON.stringify(canonical)} is not canonical`);
    tally.roundTrips++;
    return result;
  }
  tally.rejected++;
  holds(result.errors.length > 0, () => `no errors for ${JSON.stringify(text)}`);
  const items = text.split(',').length;
  for (const error of result.errors) {
    tally.errors++;
    holds(typeof error.message === 'string' && error.message.length > 0, () => `an empty message for ${JSON.stringify(text)}`);
    holds(Number.isInteger(error.layerIndex) && error.layerIndex >= 0 && error.layerIndex < items, () => `layer ${error.layerIndex} of ${items} in ${JSON.stringify(text)}`);
    holds(Number.isInteger(error.column) && error.column >= 0 && error.column <= text.length, () => `column ${error.column} in ${JSON.stringify(text)}`);
    // The token is quoted as written, where the column says it is.
    holds(error.token === '' || text.slice(error.column, error.column + error.token.length) === error.token, () => `token ${JSON.stringify(error.token)} is not at column ${error.column} of ${JSON.stringify(text)}`);
  }
  return result;
}

const size = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 32 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 64, 65, 4096, 4097, 100_000, 10 ** 9, 10 ** 21) });
const rate = fc.constantFrom('0', '0.5', '.5', '0.99', '1', '1.5', '-0.1', '1e-3', '2', 'x', '');
const activation = fc.constantFrom('RELU', 'relu', 'TANH', 'SIGMOID', 'LOGISTIC', 'SOFTMAX', 'LINEAR', 'LRELU', 'LEAKYRELU', 'LRELU0.1', 'LRELU0.01', 'ELU', 'ELU0.5', 'ELU-1', 'RELUU');
const init = fc.constantFrom('HE', 'HE-NORMAL', 'HE-UNIFORM', 'XAVIER', 'GLOROT', 'XAVIER-UNIFORM', 'LECUN', 'ZEROS', 'CONST0.5', 'CONST-0.5', 'CONST1e-3', 'UNIFORM0.05', 'NORMAL0.01', 'NORMAL0', 'UNIFORM-1');
const bias = init.map((i) => `BIAS-${i}`);
const weightedOptions = fc.subarray([0, 1, 2]).chain((which) => fc.tuple(...which.map((w) => [activation, init, bias][w])));
const spatial = fc.record({ stride: fc.option(size.map((n) => `S${n}`)), padding: fc.option(fc.nat(4).map((n) => `P${n}`)) });

const layer = fc.oneof(
  fc.tuple(size, weightedOptions).map(([n, opts]) => [`FC-${n}`, ...opts].join(' ')),
  fc.tuple(fc.integer({ min: 1, max: 7 }), size, spatial, weightedOptions).map(([k, n, { stride, padding }, opts]) => [`CONV${k}-${n}`, stride, padding, ...opts].filter(Boolean).join(' ')),
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.option(fc.integer({ min: 1, max: 4 }))).map(([k, s]) => (s ? `POOL${k} S${s}` : `POOL${k}`)),
  rate.map((p) => `DROPOUT${p}`),
  fc.constantFrom('BN', 'BATCHNORM', 'FLATTEN', 'flatten', 'bn'),
);
const input = fc.oneof(size.map((n) => `INPUT ${n}`), fc.tuple(size, size, fc.integer({ min: 1, max: 3 })).map(([h, w, c]) => `INPUT ${h}x${w}x${c}`));
/** Mostly well-formed notation in the documented words, in any case and spacing. */
const grammatical = fc.tuple(input, fc.array(layer, { minLength: 1, maxLength: 6 }), fc.constantFrom(', ', ',', ' , ', ',  ')).map(([i, ls, sep]) => [i, ...ls].join(sep));

const edited = fc.tuple(grammatical, fc.nat(), fc.nat(), fc.constantFrom(',', ' ', '-', 'x', '0', '.', 'e', 'S', 'P', 'FC', 'INPUT 2', '\t', 'é', '\u0000', '')).map(([text, a, b, insert]) => {
  const i = a % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(i + (b % 4));
});

describe('parseNotation under fuzzing', () => {
  it('notation from the documented words: valid ones round-trip, invalid ones point at their token (3,000 cases)', () => {
    fc.assert(fc.property(grammatical, (text) => void check(text)), { seed: SEED, numRuns: 3000 });
  });

  it('the same with one random edit (3,000 cases)', () => {
    fc.assert(fc.property(edited, (text) => void check(text)), { seed: SEED + 1, numRuns: 3000 });
  });

  it('random text (2,000 cases)', () => {
    const alphabet = fc.constantFrom(...'INPUTFCONVPOLDRBSHXAEGMZ0123456789x-., \t'.split(''));
    const text = fc.oneof(fc.string({ unit: alphabet, maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));
    fc.assert(fc.property(text, (t) => void check(t)), { seed: SEED + 2, numRuns: 2000 });
  });

  it('reached both verdicts, and no exception escaped', () => {
    if (process.env.FUZZ_REPORT) console.info('notation fuzz', JSON.stringify(tally));
    expect(tally.cases).toBeGreaterThanOrEqual(8000);
    expect(tally.escaped).toBe(0);
    expect(tally.accepted).toBeGreaterThan(500);
    expect(tally.rejected).toBeGreaterThan(500);
    expect(tally.roundTrips).toBe(tally.accepted);
  });
});
