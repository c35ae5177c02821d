import { describe, expect, it } from 'vitest';
import { encodeIdx, parseIdx, parseIdxDigits } from '../../src/data/idx';

/** A 2 x 3 uint8 array written byte by byte, as the format's description says. */
const TWO_BY_THREE = Uint8Array.from([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 255]);

describe('parseIdx', () => {
  it('reads a hand-written uint8 file: type, dims and a view of the data', () => {
    const idx = parseIdx(TWO_BY_THREE);
    expect(idx.type).toBe('uint8');
    expect(idx.dims).toEqual([2, 3]);
    expect(Array.from(idx.data)).toEqual([1, 2, 3, 4, 5, 255]);
    expect(idx.data.buffer).toBe(TWO_BY_THREE.buffer); // no copy
  });

  it('reads big-endian wider types', () => {
    // int16 [-2, 258] and float32 [1.5], byte by byte.
    const int16 = parseIdx(Uint8Array.from([0, 0, 0x0b, 1, 0, 0, 0, 2, 0xff, 0xfe, 0x01, 0x02]));
    expect(int16.type).toBe('int16');
    expect(Array.from(int16.data)).toEqual([-2, 258]);
    const float32 = parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0]));
    expect(Array.from(float32.data)).toEqual([1.5]);
  });

  it('round-trips every type through encodeIdx', () => {
    const cases = [
      ['uint8', [0, 7, 255]],
      ['int8', [-128, 0, 127]],
      ['int16', [-32768, 1, 32767]],
      ['int32', [-2147483648, 5, 2147483647]],
      ['float32', [0.5, -2, 1e10]],
      ['float64', [Math.PI, -1e-300, 0]],
    ] as const;
    for (const [type, values] of cases) {
      const idx = parseIdx(encodeIdx(type, [3], values));
      expect(idx.type).toBe(type);
      expect(Array.from(idx.data)).toEqual(values);
    }
  });

  it('names the file and the problem for every malformed input', () => {
    expect(() => parseIdx(new Uint8Array(2), 'a.idx')).toThrow('a.idx: 2 bytes is too short for an IDX header');
    expect(() => parseIdx(Uint8Array.from([1, 0, 8, 1]), 'a.idx')).toThrow('a.idx: not an IDX file (magic bytes 01 00, expected 00 00).');
    expect(() => parseIdx(Uint8Array.from([0x1f, 0x8b, 8, 0]), 'a.idx.gz')).toThrow(/gzip-compressed: decompress it first/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0a, 1]), 'a.idx')).toThrow('a.idx: unknown IDX element type 0a');
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 0]), 'a.idx')).toThrow('declares 0 dimensions');
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 1]), 'a.idx')).toThrow(
      'a.idx: truncated header: 3 dimensions need 16 bytes, the file has 8.',
    );
    expect(() => parseIdx(TWO_BY_THREE.subarray(0, 17), 'a.idx')).toThrow(
      'a.idx: truncated: a uint8 array of 2 x 3 needs 18 bytes, the file has 17.',
    );
    const longer = Uint8Array.from([...TWO_BY_THREE, 0]);
    expect(() => parseIdx(longer, 'a.idx')).toThrow('a.idx: longer than its header says');
  });

  it('checks a header that claims gigabytes against the length before allocating', () => {
    // 65535 x 65535 x 65535 int32: 10^15 bytes claimed by a 16-byte file.
    const huge = Uint8Array.from([0, 0, 0x0c, 3, 0, 0, 0xff, 0xff, 0, 0, 0xff, 0xff, 0, 0, 0xff, 0xff]);
    expect(() => parseIdx(huge, 'huge.idx')).toThrow(/truncated: a int32 array of 65535 x 65535 x 65535 needs \d+ bytes, the file has 16/);
  });

  it('checks the expected type and dimensions', () => {
    expect(() => parseIdx(TWO_BY_THREE, 'a', { type: 'int32' })).toThrow('a: expected int32 elements, the file holds uint8.');
    expect(() => parseIdx(TWO_BY_THREE, 'a', { dims: [null, 28, 28] })).toThrow('a: expected dimensions any x 28 x 28, the file has 2 x 3.');
    expect(() => parseIdx(TWO_BY_THREE, 'a', { dims: [2, 4] })).toThrow('expected dimensions 2 x 4');
    expect(parseIdx(TWO_BY_THREE, 'a', { type: 'uint8', dims: [null, 3] }).dims).toEqual([2, 3]);
  });
});

describe('parseIdxDigits', () => {
  const images = encodeIdx('uint8', [3, 2, 2], [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23]);
  const labels = encodeIdx('uint8', [3], [7, 0, 9]);
  const names = { images: 'img', labels: 'lab' };

  it('pairs images with labels', () => {
    const digits = parseIdxDigits(images, labels, names);
    expect([digits.count, digits.rows, digits.cols]).toEqual([3, 2, 2]);
    expect(Array.from(digits.pixels.subarray(4, 8))).toEqual([10, 11, 12, 13]);
    expect(Array.from(digits.labels)).toEqual([7, 0, 9]);
  });

  it('rejects mismatched counts, labels out of range and the wrong shapes', () => {
    expect(() => parseIdxDigits(images, encodeIdx('uint8', [2], [1, 2]), names)).toThrow('lab holds 2 labels but img holds 3 images');
    expect(() => parseIdxDigits(images, encodeIdx('uint8', [3], [1, 10, 2]), names)).toThrow('lab: label 1 is 10, outside 0..9.');
    expect(() => parseIdxDigits(labels, labels, names)).toThrow('img: expected dimensions any x any x any, the file has 3.');
    expect(() => parseIdxDigits(images, encodeIdx('int32', [3], [1, 2, 3]), names)).toThrow('lab: expected uint8 elements');
  });
});
