// Node-only file access for the CLI and Node tests; the browser never imports this module.
// Relative URLs resolve against public/, mirroring how the dev server and the built app serve them,
// so loadMnist(nodeFetchBytes) works with the same default URL as in the browser.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMnist, MNIST_URL, type FetchBytes, type MnistDigits } from './mnist';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PUBLIC_DIR = join(REPO_ROOT, 'public');
export const DEFAULT_MNIST_PATH = join(PUBLIC_DIR, MNIST_URL);

function toPath(url: string): string {
  if (url.startsWith('file:')) return fileURLToPath(url);
  return isAbsolute(url) ? url : join(PUBLIC_DIR, url);
}

/** A FetchBytes that reads a file in one go; progress is reported once, at the end. */
export const nodeFetchBytes: FetchBytes = async (url, onProgress) => {
  const path = toPath(url);
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A directory in its place is as good as missing: the same sentence, not a bare EISDIR.
    if (code === 'ENOENT' || code === 'EISDIR') {
      const what = code === 'EISDIR' ? 'is a directory, not the MNIST file: remove it; the file' : 'not found: it';
      throw new Error(`${path} ${what} is a build output; run \`node datasets/pack-mnist.mjs\` (or \`npm install\`, which runs it) to create it.`);
    }
    throw err;
  }
  // A view over the Buffer's own memory, not a copy (small Buffers may share a pooled ArrayBuffer;
  // the view's offset and length keep that safe).
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  onProgress?.(bytes.length, bytes.length);
  return bytes;
};

/** Loads and validates mnist.bin from disk (by default the one in public/data/). */
export function readMnistFile(path: string = DEFAULT_MNIST_PATH): Promise<MnistDigits> {
  return loadMnist(nodeFetchBytes, { url: path });
}
