// Property-based tests of the CSV reader (issue 13 item 4), through parseCsv only: it either returns a
// table whose arrays agree with its counts, or throws an Error whose message begins with the file's
// name; nothing else escapes (no TypeError, no RangeError from an array sized by bad input). Inputs: a
// valid table with random edits (quotes, commas, line breaks, numbers in other spellings, BOMs), and
// random text and bytes. Fixed seeds, bounded counts; FUZZ_REPORT=1 prints the tallies.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, type CsvTable } from '../../src/data/csv';
import { holds } from './holds';

const SEED = 13_2026;
const NAME = 'fuzz.csv';
const tally = { cases: 0, accepted: 0, rejected: 0, escaped: 0 };
const LIMITS = { maxRows: 200, maxColumns: 16, maxClasses: 10, maxCells: 1_000, maxBytes: 64 * 1024 };

function check(input: string | Uint8Array): void {
  tally.cases++;
  let table: CsvTable;
  try {
    table = parseCsv(input, { name: NAME, limits: LIMITS });
  } catch (err) {
    // A rejection is an Error that names the file; anything else escaped.
    if (!(err instanceof Error) || !err.message.startsWith(`${NAME}: `) || err.constructor !== Error) {
      tally.escaped++;
      throw err;
    }
    tally.rejected++;
    return;
  }
  tally.accepted++;
  const features = table.featureNames.length;
  holds(table.x.length === table.count * features, () => `x has ${table.x.length} values for ${table.count} rows of ${features}`);
  holds(table.labels.length === table.count, () => `${table.labels.length} labels for ${table.count} rows`);
  holds(table.labels.every((l) => l < table.classNames.length), () => 'a label index past the class names');
  holds(table.count <= LIMITS.maxRows && table.classNames.length <= LIMITS.maxClasses, () => 'a limit was passed');
  holds(Array.from(table.x).every(Number.isFinite), () => 'a feature value that is not a finite number');
}

const VALID = ['sepal,petal,kind', '5.1,1.4,setosa', '4.9,1.3,setosa', '6.3,4.9,virginica', '5.8,4.1,versicolor'].join('\n') + '\n';
const PIECES = [',', '"', '""', '\n', '\r\n', '\r', ' ', '\t', '1e3', '-0', 'NaN', 'Infinity', '0x10', '١', '\uFEFF', '\u0000', 'a,b', '"x\ny"', '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17'];
const edit = fc.tuple(fc.nat(), fc.nat(4), fc.constantFrom(...PIECES));
const edited = fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) =>
  edits.reduce((text, [at, cut, piece]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + piece + text.slice(i + cut);
  }, VALID),
);

describe('parseCsv under fuzzing', () => {
  it('a valid table with random edits: a consistent table or a message naming the file', () => {
    fc.assert(fc.property(edited, (text) => check(text)), { seed: SEED, numRuns: 3000 });
  });

  it('random text and random bytes: the same', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => check(text)), { seed: SEED + 1, numRuns: 1500 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => check(bytes)), { seed: SEED + 2, numRuns: 1500 });
  });

  afterAll(() => {
    if (process.env.FUZZ_REPORT) console.info('csv fuzz', JSON.stringify(tally));
  });

  it('reached both verdicts, and no exception escaped', () => {
    // Runs last (vitest keeps file order): the tallies cover the two properties above.
    expect(tally.cases).toBe(6000);
    expect(tally.escaped).toBe(0);
    expect(tally.accepted).toBeGreaterThan(100);
    expect(tally.rejected).toBeGreaterThan(1000);
  });
});
