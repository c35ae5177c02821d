import { describe, expect, it } from 'vitest';
import { encodeMnistChunk, MNIST_HEADER_BYTES, parseMnistChunk, type MnistChunkManifest } from '../../src/data/mnist-format';
import { sha256Hex } from '../../src/data/sha256';

// A chunk small enough to write by hand: chunk 1 of 3 of a test split, three 2x2 digits.
const CHUNK = { split: 'test' as const, chunk: 1, stride: 3, count: 3, rows: 2, cols: 2, pixels: Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), labels: Uint8Array.from([4, 0, 9]) };

async function entryFor(bytes: Uint8Array): Promise<MnistChunkManifest> {
  return { file: 'c', count: 3, classCounts: [], rawBytes: bytes.length, gzipBytes: 0, sha256: await sha256Hex(bytes.subarray(MNIST_HEADER_BYTES)) };
}

describe('the MNIST chunk format', () => {
  it('lays out header, pixels and labels as datasets/README.md says', async () => {
    const bytes = await encodeMnistChunk(CHUNK);
    expect(bytes.length).toBe(80 + 12 + 3);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('GLMNIST2');
    const view = new DataView(bytes.buffer);
    // version, count, rows, cols, split (1 = test), chunk, stride: little-endian uint32s from byte 8.
    expect(Array.from({ length: 7 }, (_, i) => view.getUint32(8 + 4 * i, true))).toEqual([2, 3, 2, 2, 1, 1, 3]);
    expect(Array.from(bytes.subarray(36, 48))).toEqual(new Array(12).fill(0));
    expect(Array.from(bytes.subarray(80, 92))).toEqual(Array.from(CHUNK.pixels));
    expect(Array.from(bytes.subarray(92))).toEqual([4, 0, 9]);
    const sha = Array.from(bytes.subarray(48, 80), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(sha).toBe(await sha256Hex(bytes.subarray(80)));
  });

  it('parses back, with each digit’s official index chunk + stride * j', async () => {
    const bytes = await encodeMnistChunk(CHUNK);
    const parsed = await parseMnistChunk(bytes, 'c', { split: 'test', chunk: 1, stride: 3, entry: await entryFor(bytes) });
    expect(parsed.count).toBe(3);
    expect(Array.from(parsed.labels)).toEqual([4, 0, 9]);
    expect(Array.from(parsed.index)).toEqual([1, 4, 7]);
    expect(Array.from(parsed.pixels.subarray(4, 8))).toEqual([4, 5, 6, 7]);
  });

  it('names what is wrong with a damaged chunk', async () => {
    const good = await encodeMnistChunk(CHUNK);
    const edit = (f: (b: Uint8Array) => void) => {
      const b = good.slice();
      f(b);
      return b;
    };
    const u32 = (b: Uint8Array, at: number, v: number) => new DataView(b.buffer).setUint32(at, v, true);
    await expect(parseMnistChunk(good.subarray(0, 40), 'c')).rejects.toThrow('c is too short to hold its 80-byte header (40 bytes)');
    await expect(parseMnistChunk(edit((b) => u32(b, 8, 1)), 'c')).rejects.toThrow('c has format version 1, but this app reads version 2');
    await expect(parseMnistChunk(edit((b) => u32(b, 24, 7)), 'c')).rejects.toThrow('c has a corrupt header (split 7');
    await expect(parseMnistChunk(edit((b) => u32(b, 28, 3)), 'c')).rejects.toThrow('corrupt header (split 1, chunk 3 of 3');
    await expect(parseMnistChunk(edit((b) => (b[40] = 1)), 'c')).rejects.toThrow('corrupt header');
    await expect(parseMnistChunk(good.subarray(0, good.length - 1), 'c')).rejects.toThrow(
      'c is truncated: expected 95 bytes (80 header + 3 digits of 2x2 + 3 labels), got 94',
    );
    await expect(parseMnistChunk(Uint8Array.from([...good, 0]), 'c')).rejects.toThrow('c is longer than its header says');
    await expect(parseMnistChunk(edit((b) => (b[85] ^= 1)), 'c')).rejects.toThrow(/c checksum mismatch: expected [0-9a-f]{64}, got [0-9a-f]{64}; the file is corrupt/);
    const badLabel = await encodeMnistChunk({ ...CHUNK, labels: Uint8Array.from([4, 10, 9]) });
    await expect(parseMnistChunk(badLabel, 'c')).rejects.toThrow('c: label 1 is 10, outside 0..9');
  });

  it('a sound chunk that is not the one the manifest names is stale', async () => {
    const good = await encodeMnistChunk(CHUNK);
    const entry = await entryFor(good);
    await expect(parseMnistChunk(good, 'c', { split: 'train', chunk: 1, stride: 3, entry })).rejects.toThrow(
      'c holds test chunk 1 of 3 (3 digits), but the manifest expects train chunk 1 of 3 (3 digits); the file is stale',
    );
    await expect(parseMnistChunk(good, 'c', { split: 'test', chunk: 1, stride: 3, entry: { ...entry, sha256: '0'.repeat(64) } })).rejects.toThrow(
      /c checksum mismatch: expected 0{64} \(datasets\/mnist.manifest.json\), got [0-9a-f]{64}; the file is corrupt or stale/,
    );
  });
});
