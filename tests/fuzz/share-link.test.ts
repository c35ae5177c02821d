// Property-based tests of the share-link decoder (issue 13 items 3 and 4): whatever is in the address
// bar, decodeShareHash returns one of its kinds and never throws (a bad % escape in #lesson= used to
// throw URIError and leave the page half set up). Fixed seed and bounded counts keep it fast and
// repeatable; FUZZ_REPORT=1 prints the tallies.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons';
import { decodeShareHash, encodeShareHash, type HashContent } from '../../src/state/share-link';
import { holds, sameValue } from './holds';

const SEED = 13_2026;
const tally = { cases: 0, none: 0, document: 0, lesson: 0, invalid: 0, escaped: 0 };

/** The property itself: no exception, and exactly one of the union's shapes. */
function checkDecode(hash: string): HashContent {
  tally.cases++;
  let result: HashContent;
  try {
    result = decodeShareHash(hash);
  } catch (err) {
    tally.escaped++;
    throw err;
  }
  tally[result.kind]++;
  switch (result.kind) {
    case 'none':
      sameValue(Object.keys(result), ['kind'], () => 'none');
      break;
    case 'document':
      sameValue(Object.keys(result).sort(), ['kind', 'value'], () => 'document');
      break;
    case 'lesson':
      holds(typeof result.id === 'string', () => `lesson id ${String(result.id)}`);
      break;
    case 'invalid':
      // Words a person can act on, not an exception's name.
      holds(/^the (link|experiment in the link|lesson name in the link) /.test(result.message), () => `message ${JSON.stringify(result.message)}`);
      holds(!/URIError|InvalidCharacterError|SyntaxError|undefined/.test(result.message), () => `message ${JSON.stringify(result.message)}`);
      break;
    default:
      throw new Error(`not one of HashContent's kinds: ${JSON.stringify(result)}`);
  }
  return result;
}

const realDocs = [
  ...['xor', 'mnist-mlp', 'mnist-cnn'].map((name) => JSON.parse(readFileSync(`docs/examples/${name}.json`, 'utf8'))),
  ...LESSONS.map((lesson) => lesson.experiment),
];
const realLinks = [...realDocs.map((doc) => encodeShareHash(doc)), ...LESSONS.map((l) => `#lesson=${l.id}`)];

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Characters that break links in practice: escapes, padding, foreign base64, separators, non-ASCII, a lone surrogate. */
const NASTY = ['%', '%2', '%E0', '%A4%A', '%FF', '%C0%80', '=', '==', '+', '/', '#', '&', '?', ' ', '\u0000', 'é', '✓', '\ud800', '\u202e'];

const piece = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const junk = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

/** One edit of a real link: cut it short, drop, replace or insert characters, or splice junk in. */
const mutatedLink = fc
  .tuple(fc.constantFrom(...realLinks), fc.nat(), fc.nat(), fc.constantFrom('cut', 'drop', 'replace', 'insert', 'percent'), junk)
  .map(([link, a, b, edit, text]) => {
    const i = a % (link.length + 1);
    const j = Math.min(link.length, i + (b % 8) + 1);
    if (edit === 'cut') return link.slice(0, i);
    if (edit === 'drop') return link.slice(0, i) + link.slice(j);
    if (edit === 'replace') return link.slice(0, i) + text + link.slice(j);
    if (edit === 'percent') return `${link.slice(0, i)}%${link.slice(i + 1)}`;
    return link.slice(0, i) + text + link.slice(i);
  });

describe('decodeShareHash under fuzzing', () => {
  it('never throws on random text, with or without a known prefix (6,000 cases)', () => {
    const prefix = fc.constantFrom('', '#', '#exp=', '#lesson=', 'exp=', 'lesson=', '#EXP=', '#exp', '#lesson');
    fc.assert(fc.property(prefix, fc.oneof(junk, fc.string({ unit: 'binary', maxLength: 80 })), (p, body) => void checkDecode(p + body)), { seed: SEED, numRuns: 6000 });
  });

  it('never throws on real links cut short or edited (6,000 cases)', () => {
    fc.assert(fc.property(mutatedLink, (hash) => void checkDecode(hash)), { seed: SEED + 1, numRuns: 6000 });
  });

  it('never throws on lesson links with random escapes, and reads every well-formed one back (3,000 cases)', () => {
    const escaped = fc.string({ unit: 'binary', maxLength: 20 }).map((s) => {
      try {
        return { text: s, link: `#lesson=${encodeURIComponent(s)}` };
      } catch {
        // A lone surrogate cannot be escaped: the link gets its raw text, as a hand-edited one might.
        return { text: null, link: `#lesson=${s}` };
      }
    });
    fc.assert(
      fc.property(escaped, junk, fc.boolean(), ({ text, link }, extra, spoil) => {
        const result = checkDecode(spoil ? link + extra : link);
        if (!spoil && text !== null) sameValue(result, { kind: 'lesson', id: text }, () => `lesson link for ${JSON.stringify(text)}`);
      }),
      { seed: SEED + 2, numRuns: 3000 },
    );
  });

  it('round-trips any JSON value exactly (2,000 cases)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        sameValue(checkDecode(encodeShareHash(value)), { kind: 'document', value: JSON.parse(JSON.stringify(value)) }, () => 'round trip');
      }),
      { seed: SEED + 3, numRuns: 2000 },
    );
  });

  it('reached every kind, and no exception escaped', () => {
    if (process.env.FUZZ_REPORT) console.info('share-link fuzz', JSON.stringify(tally));
    expect(tally.cases).toBeGreaterThanOrEqual(17_000);
    expect(tally.escaped).toBe(0);
    // A control on the generators: a fuzzer that only ever made one kind would prove little.
    for (const kind of ['none', 'document', 'lesson', 'invalid'] as const) expect(tally[kind], kind).toBeGreaterThan(10);
  });
});
