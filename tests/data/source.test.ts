import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSource, describeFile, describeFolder, sourceDescriptionErrors } from '../../src/data/source';
import { sha256Hex } from '../../src/data/sha256';

const bytes = (text: string) => new TextEncoder().encode(text);
const CSV = bytes('a,label\n1,x\n2,y\n');

describe('sha256Hex', () => {
  it('agrees with Node’s crypto and with the published test vector for "abc"', async () => {
    expect(await sha256Hex(bytes('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(CSV)).toBe(createHash('sha256').update(CSV).digest('hex'));
  });
});

describe('data source descriptions', () => {
  it('describes a file by kind, name, size and checksum: what a share link carries', async () => {
    const d = await describeFile('csv', 'iris.csv', CSV);
    expect(d).toEqual({ kind: 'csv', name: 'iris.csv', size: CSV.length, sha256: createHash('sha256').update(CSV).digest('hex') });
    expect(sourceDescriptionErrors(JSON.parse(JSON.stringify(d)))).toEqual([]);
  });

  it('describes a folder independently of the order its files are listed in', async () => {
    const files = [
      { path: 'cats/1.png', bytes: bytes('cat one') },
      { path: 'dogs/1.png', bytes: bytes('dog') },
      { path: 'cats/2.png', bytes: bytes('cat two') },
    ];
    const a = await describeFolder('pets', files);
    const b = await describeFolder('pets', [...files].reverse());
    expect(b).toEqual(a);
    expect(a).toMatchObject({ kind: 'image-folder', name: 'pets', size: 17, files: 3 });
    // Moving a file to another class changes the checksum, though every byte is the same.
    const moved = await describeFolder('pets', [files[0], { ...files[1], path: 'cats/3.png' }, files[2]]);
    expect(moved.sha256).not.toBe(a.sha256);
  });

  it('accepts the same file, and the same contents under another name with a note', async () => {
    const expected = await describeFile('csv', 'iris.csv', CSV);
    expect(checkSource(expected, await describeFile('csv', 'iris.csv', CSV))).toEqual({ ok: true });
    expect(checkSource(expected, await describeFile('csv', 'iris (1).csv', CSV))).toEqual({
      ok: true,
      note: '"iris (1).csv" has the same contents as "iris.csv", under another name.',
    });
  });

  it('names every difference of a different file', async () => {
    const expected = await describeFile('csv', 'iris.csv', CSV);
    const edited = await describeFile('csv', 'iris.csv', bytes('a,label\n1,x\n3,y\n'));
    const check = checkSource(expected, edited);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toBe(
      `This is not the CSV file "iris.csv" (16 bytes, sha256 ${expected.sha256.slice(0, 12)}…): its contents differ (sha256 ${edited.sha256.slice(0, 12)}… instead of ${expected.sha256.slice(0, 12)}…). Load that file to repeat the experiment.`,
    );
    const other = checkSource(expected, await describeFile('csv', 'wine.csv', bytes('b,label\n1,x\n')));
    expect(!other.ok && other.message).toMatch(/: it is named "wine.csv"; it has 12 bytes instead of 16 bytes; its contents differ/);
    const zip = checkSource(expected, await describeFile('image-zip', 'pets.zip', CSV));
    expect(!zip.ok && zip.message).toMatch(/^This experiment was made with the CSV file "iris.csv" \(16 bytes, sha256 [0-9a-f]{12}…\); you loaded a zip of images, "pets.zip".$/);
  });

  it('validates a description read from a document', () => {
    expect(sourceDescriptionErrors(null)).toEqual(['the data source must be an object with kind, name, size and sha256']);
    expect(sourceDescriptionErrors({ kind: 'xlsx', name: '', size: -1, sha256: 'ABC', files: 1.5 })).toEqual([
      'kind must be one of csv, image-zip, image-folder, got "xlsx"',
      'name must be a file name of 1 to 255 characters',
      'size must be a whole number of bytes, got -1',
      'sha256 must be 64 lowercase hex digits',
      'files must be a whole number, got 1.5',
    ]);
  });
});
