// A user's own files, made from real data for the tests: the iris table shipped with the examples,
// and folders or zips of PNG images of real MNIST digits (drawn dark on white, as a student's scans are).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import type { ImageFile } from '../../src/data/image-folder';
import { readMnistFile } from '../../src/data/node-source';

export const IRIS_PATH = 'docs/examples/iris.csv';
export const irisCsv = (): Uint8Array => new Uint8Array(readFileSync(IRIS_PATH));

/** `perClass` PNG files of each digit in `digits` (the first ones of the official training set), as "d<digit>/<n>.png". */
export async function digitImages(digits: readonly number[], perClass: number): Promise<ImageFile[]> {
  const { train } = await readMnistFile({ train: 2000, test: 0 });
  const files: ImageFile[] = [];
  const taken = new Map<number, number>();
  for (let i = 0; i < train.count; i++) {
    const label = train.labels[i];
    const n = taken.get(label) ?? 0;
    if (!digits.includes(label) || n >= perClass) continue;
    taken.set(label, n + 1);
    const png = new PNG({ width: 28, height: 28 });
    for (let p = 0; p < 784; p++) {
      const ink = 255 - train.pixels[i * 784 + p];
      png.data.set([ink, ink, ink, 255], 4 * p);
    }
    files.push({ path: `d${label}/${n}.png`, bytes: new Uint8Array(PNG.sync.write(png)) });
  }
  return files;
}

/** The files written under a new temporary folder; returns its path. */
export function writeFolder(files: readonly ImageFile[], prefix = 'digits-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const { path, bytes } of files) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  return root;
}

export const zipOf = (files: readonly ImageFile[]): Uint8Array => zipSync(Object.fromEntries(files.map((f) => [f.path, f.bytes])));
