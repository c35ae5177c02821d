// Share links: the document survives the round trip exactly; damaged links get a message.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeShareHash, encodeShareHash } from '../../src/state/share-link';

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
});
