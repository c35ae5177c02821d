// `lab run` on every task the app trains: 2-D documents, a CSV file and image folders or zips by
// path (--data, or the file the document names next to it), with epochs beside steps, and each
// problem with the data as a message with status 2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lab } from '../../src/cli/lab';
import { digitImages, irisCsv, writeFolder, zipOf } from '../support/user-files';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await lab(args, { out: (l) => out.push(l), err: (l) => err.push(l), status: () => {} });
  return { code, out: out.join('\n'), err: err.join('\n'), lines: out };
}

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-data-'));
  temps.push(dir);
  return dir;
}
function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

const IMAGE_RUN = { model: 'INPUT 784, FC-16 RELU, FC-2', optimizer: { name: 'adam', learningRate: 0.003 }, training: { batchSize: 8, epochs: 4 } };
const table = (out: string) => out.split('\n').filter((l) => /^\S.*\s(done|stopped)$/.test(l));

describe('lab run: a CSV file', () => {
  it('trains docs/examples/iris.json on the iris.csv beside it, with epochs beside steps', async () => {
    const { code, out, err } = await run('run', 'docs/examples/iris.json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/data: 120 training and 30 test examples of 4 values, 3 classes from .*iris\.csv/);
    expect(out).toContain('4-16-3 relu: 240 steps of 16 = 30.0 epochs (8 steps each)');
    expect(out).toMatch(/run\s+steps\s+epochs\s+batch loss/);
    const [row] = table(out);
    expect(row.split(/\s{2,}/).slice(1, 3)).toEqual(['240', '30.00']);
    const testAccuracy = Number(row.split(/\s{2,}/)[6].replace('%', ''));
    expect(testAccuracy).toBeGreaterThan(80);
  });

  it('--data fills in the source of a document that names no file; --json says the sizes and steps per epoch', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'flowers.csv'), irisCsv());
    const doc = writeJson(dir, 'doc.json', { task: 'csv', data: { label: 'species' }, runs: [{ model: 'INPUT 4, FC-3', training: { batchSize: 30, epochs: 2 } }] });
    const { code, lines, err } = await run('run', doc, '--data', join(dir, 'flowers.csv'), '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const start = JSON.parse(lines[0]);
    expect(start).toMatchObject({ type: 'start', task: 'csv', examples: { train: 120, test: 30, classes: 3 }, stepsPerEpoch: { 'run 1': 4 } });
    expect(lines.map((l) => JSON.parse(l)).find((e) => e.type === 'done')).toMatchObject({ steps: 8 });
  });

  it('names a file other than the one the document was made with, then trains on it as asked', async () => {
    const dir = tempDir();
    const edited = new TextDecoder().decode(irisCsv()).replace('5.1,3.5,1.4,0.2,setosa', '5.2,3.5,1.4,0.2,setosa');
    writeFileSync(join(dir, 'iris.csv'), edited);
    const { code, err } = await run('run', 'docs/examples/iris.json', '--data', join(dir, 'iris.csv'), '--steps', '5');
    expect(code).toBe(0);
    expect(err).toMatch(/^note: This is not the CSV file "iris\.csv" \(3,716 bytes, sha256 91eb642c3adb…\): its contents differ \(sha256 [0-9a-f]{12}… instead of 91eb642c3adb…\)\. Training on .*iris\.csv as given\.$/);
  });

  it('reports the parser\'s message naming line and column, with status 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.csv'), 'a,b,label\n1,2,x\n3,oops,y\n');
    const doc = writeJson(dir, 'doc.json', { task: 'csv', runs: [{ model: 'INPUT 2, FC-2' }] });
    const { code, err } = await run('run', doc, '--data', join(dir, 'bad.csv'));
    expect(code).toBe(2);
    expect(err).toBe('error: bad.csv: line 3, column 2 ("b"): "oops" is not a number.');
  });

  it('says what is missing: the file, its path, or a task that takes none', async () => {
    const dir = tempDir();
    const named = writeJson(dir, 'named.json', { task: 'csv', data: { source: { kind: 'csv', name: 'gone.csv', size: 1, sha256: 'a'.repeat(64), examples: 10, classes: 2, features: 2 } }, runs: [{ model: 'INPUT 2, FC-2' }] });
    expect(await run('run', named)).toMatchObject({ code: 2, err: `error: ${join(dir, 'gone.csv')}: no such file (give the CSV file with --data PATH)` });
    const unnamed = writeJson(dir, 'unnamed.json', { task: 'csv', runs: [{}] });
    expect(await run('run', unnamed)).toMatchObject({ code: 2, err: `error: ${unnamed} trains on a CSV file but names none: give it with --data PATH` });
    expect(await run('run', 'docs/examples/xor.json', '--data', 'docs/examples/iris.csv')).toMatchObject({
      code: 2,
      err: 'error: --data gives the file of a csv or images document; docs/examples/xor.json is a xor document',
    });
    expect(await run('run', 'xor-hidden-layer', '--data', 'docs/examples/iris.csv')).toMatchObject({ code: 2, err: 'error: --data gives the file of a csv or images document; the lesson xor-hidden-layer needs none' });
    expect((await run('run', 'docs/examples/iris.json', '--data', '')).err).toBe('error: --data got an empty path; give the CSV file, image folder or .zip to train on');
  });
});

describe('lab run: images', () => {
  it('trains on a folder and on a zip of PNG digits, the same examples either way', async () => {
    const files = await digitImages([0, 1], 20);
    const folder = writeFolder(files);
    temps.push(folder);
    const dir = tempDir();
    writeFileSync(join(dir, 'digits.zip'), zipOf(files));
    const doc = writeJson(dir, 'doc.json', { task: 'images', data: { invert: true, testFraction: 0.25 }, runs: [IMAGE_RUN] });
    for (const path of [folder, join(dir, 'digits.zip')]) {
      const { code, out, err } = await run('run', doc, '--data', path);
      expect(err, path).toBe('');
      expect(code).toBe(0);
      expect(out).toContain('data: 30 training and 10 test examples of 28x28x1 values, 2 classes');
      expect(out).toContain('run 1: 16 steps of 8 = 4.0 epochs (4 steps each)');
      expect(Number(table(out)[0].split(/\s{2,}/)[6].replace('%', ''))).toBeGreaterThan(70);
    }
  });

  it('names a damaged image by its path, with status 2', async () => {
    const files = await digitImages([0, 1], 3);
    files[1] = { path: files[1].path, bytes: files[1].bytes.slice(0, 60) };
    const folder = writeFolder(files);
    temps.push(folder);
    const dir = tempDir();
    const doc = writeJson(dir, 'doc.json', { task: 'images', runs: [IMAGE_RUN] });
    const { code, err } = await run('run', doc, '--data', folder);
    expect(code).toBe(2);
    expect(err.startsWith(`error: 1 image could not be read: ${files[1].path} (`)).toBe(true);
    expect(err.endsWith('). Remove or replace it.')).toBe(true);
  });
});

describe('lab run: 2-D tasks', () => {
  it('trains the spiral example, two runs with their own input features', async () => {
    const { code, out } = await run('run', 'docs/examples/spiral.json', '--steps', '40');
    expect(code).toBe(0);
    expect(out).toContain('data: 600 training and 600 test examples of 2 values, 3 classes');
    expect(table(out).map((r) => r.split(/\s{2,}/).slice(0, 3))).toEqual([
      ['x, y', '40', '2.11'],
      ['x, y, sin x, sin y', '40', '2.11'],
    ]);
  });

  it('trains a drawing tested on its own points', async () => {
    const { code, out } = await run('run', 'docs/examples/points.json');
    expect(code).toBe(0);
    expect(out).toContain('data: 18 training examples (also the test set) of 2 values, 3 classes');
  });
});
