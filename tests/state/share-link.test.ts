// Share links: the document survives the round trip exactly; damaged links get a message.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeShareHash, encodeShareHash } from '../../src/state/share-link';

/** Latin-1 text as bytes, base64url-encoded: a way to put any bytes in a link. */
const base64url = (bytes: string) => btoa(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('share links', () => {
  it('round-trips a document exactly, including non-ASCII names', () => {
    const doc = { ...JSON.parse(readFileSync('docs/examples/mnist-cnn.json', 'utf8')), title: 'Réseau à deux couches — β = 0.9 ✓' };
    const hash = encodeShareHash(doc);
    expect(hash).toMatch(/^#exp=[A-Za-z0-9_-]+$/); // safe in a URL without escaping
    expect(decodeShareHash(hash)).toEqual({ kind: 'document', value: doc });
  });

  it('recognises lesson links and empty hashes', () => {
    expect(decodeShareHash('#lesson=dying-relu')).toEqual({ kind: 'lesson', id: 'dying-relu' });
    expect(decodeShareHash('')).toEqual({ kind: 'none' });
    expect(decodeShareHash('#')).toEqual({ kind: 'none' });
  });

  it('says what is wrong with a damaged or foreign link instead of throwing', () => {
    const hash = encodeShareHash({ task: 'xor', runs: [{}] });
    const truncated = decodeShareHash(hash.slice(0, hash.length - 7));
    expect(truncated.kind).toBe('invalid');
    expect(decodeShareHash('#exp=!!!')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('damaged') });
    expect(decodeShareHash('#section-2')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('#exp=') });
  });

  it.each([
    ['a truncated % escape in a lesson link', '#lesson=%E0%A4%A', /^the lesson name in the link has a broken % escape \("%E0%A4%A"\)/],
    ['a lone % in a lesson link', '#lesson=dying%relu', /broken % escape \("dying%relu"\)/],
    ['an escape that is not UTF-8', '#lesson=%FF', /broken % escape/],
    ['a character outside base64url', '#exp=eyJ0YXNr!ZSI6', /^the experiment in the link is damaged: "!" at character 9 is not base64url/],
    ['a length that is no whole number of bytes', '#exp=eyJ0Y', /damaged: its length does not fit base64url/],
    ['bytes that are not UTF-8', `#exp=${base64url('{"a":"\xff"}')}`, /damaged: its bytes are not UTF-8 text/],
    ['UTF-8 that is not JSON', `#exp=${base64url('{"task": ')}`, /damaged: it is not valid JSON \(.+; it may have been cut short when copied\)$/],
    ['an empty experiment', '#exp=', /damaged: it is not valid JSON/],
  ])('%s: an invalid result saying what is wrong, never an exception', (_, hash, message) => {
    const result = decodeShareHash(hash);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message).toMatch(message);
  });

  it('quotes at most 60 characters of a long bad link', () => {
    const result = decodeShareHash(`#lesson=%E0${'x'.repeat(10_000)}`);
    expect(result.kind === 'invalid' && result.message.length).toBeLessThan(200);
  });
});

