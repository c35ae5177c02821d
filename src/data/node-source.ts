// Node-only file access for the CLI and Node tests; the browser never imports this module.
// Relative URLs resolve against public/, mirroring how the dev server and the built app serve them,
// so loadMnist(nodeFetchBytes) works with the same default URL as in the browser.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMnistDigits, MNIST_URL, type FetchBytes, type MnistDigits } from './mnist';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PUBLIC_DIR = join(REPO_ROOT, 'public');
/** public/data/mnist/, where datasets/pack-mnist.mjs writes the chunks. */
export const DEFAULT_MNIST_DIR = join(PUBLIC_DIR, MNIST_URL);

function toPath(url: string): string {
  if (url.startsWith('file:')) return fileURLToPath(url);
  return isAbsolute(url) ? url : join(PUBLIC_DIR, url);
}

/** A FetchBytes that reads a file in one go; progress is reported once, at the end. There is no cache to bypass. */
export const nodeFetchBytes: FetchBytes = async (url, onProgress) => {
  const path = toPath(url);
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `${path} not found: it is a build output; run \`node datasets/pack-mnist.mjs\` (or \`npm install\`, which runs it) to create it.`,
      );
    }
    throw err;
  }
  // A view over the Buffer's own memory, not a copy (small Buffers may share a pooled ArrayBuffer;
  // the view's offset and length keep that safe).
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  onProgress?.(bytes.length, bytes.length);
  return bytes;
};

export interface ReadMnistOptions {
  /** The chunks' directory (default public/data/mnist/). */
  dir?: string;
  /** Training digits wanted (default all 60,000). */
  train?: number;
  /** Test digits wanted (default all 10,000). */
  test?: number;
}

/** Loads and validates the MNIST chunks from disk: by default the whole official split. */
export function readMnistFile(options: ReadMnistOptions = {}): Promise<MnistDigits> {
  return loadMnistDigits(nodeFetchBytes, { url: options.dir ?? DEFAULT_MNIST_DIR, train: options.train, test: options.test });
}
