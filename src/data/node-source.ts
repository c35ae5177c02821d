// Node-only file access for the CLI and Node tests; the browser never imports this module.
// Relative URLs resolve against public/, mirroring how the dev server and the built app serve them,
// so loadMnist(nodeFetchBytes) works with the same default URL as in the browser.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { IMAGE_LIMITS, type ImageDecoder, type ImageFile, type ImageLimits } from './image-folder';
import { imageDimensions } from './image-size';
import { loadMnistDigits, MNIST_URL, type FetchBytes, type MnistDigits } from './mnist';
import { unzipFiles } from './zip';

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

/** Decodes PNG (pngjs) and JPEG (jpeg-js) into RGBA; the format comes from the bytes, not the name. */
export const nodeImageDecoder: ImageDecoder = (bytes) => {
  const { format } = imageDimensions(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'png') {
    const png = PNG.sync.read(buffer);
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  }
  // jpeg-js's own caps, in step with IMAGE_LIMITS.maxPixels (16 megapixels).
  const image = jpeg.decode(buffer, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 17, maxMemoryUsageInMB: 512 });
  return { width: image.width, height: image.height, data: image.data };
};

/**
 * The files of an image folder on disk (paths relative to it, "/"-separated), or of a .zip. Sizes are
 * checked from the directory listing before any file is read.
 */
export async function readImageFiles(path: string, limitsIn: Partial<ImageLimits> = {}): Promise<ImageFile[]> {
  const limits = { ...IMAGE_LIMITS, ...limitsIn };
  const info = await stat(path).catch(() => null);
  if (!info) throw new Error(`${path} not found: give a folder with one sub-folder per class, or a .zip of one.`);
  if (info.isFile()) {
    if (!/\.zip$/i.test(path)) throw new Error(`${path} is a file but not a .zip: give a folder with one sub-folder per class, or a .zip of one.`);
    if (info.size > limits.maxTotalBytes) throw new Error(`${path}: ${info.size} bytes is over the limit of ${limits.maxTotalBytes}.`);
    return unzipFiles(new Uint8Array(await readFile(path)), basename(path), limits);
  }
  const listing: { full: string; path: string; size: number }[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        if (listing.length >= 2 * limits.maxFiles) throw new Error(`${path} holds more than ${2 * limits.maxFiles} files; the limit is ${limits.maxFiles} images.`);
        listing.push({ full, path: relative(path, full).split(sep).join('/'), size: (await stat(full)).size });
      }
    }
  };
  await walk(path);
  const images = listing.filter((f) => /\.(png|jpe?g)$/i.test(f.path));
  const tooBig = images.find((f) => f.size > limits.maxFileBytes);
  if (tooBig) throw new Error(`${tooBig.path}: ${tooBig.size} bytes is over the limit of ${limits.maxFileBytes} per image.`);
  const total = images.reduce((sum, f) => sum + f.size, 0);
  if (total > limits.maxTotalBytes) throw new Error(`The images in ${path} take ${total} bytes; the limit is ${limits.maxTotalBytes} in all.`);
  // Only images are read; the rest are listed (empty) so that loadImageFolder can say it skipped them.
  return Promise.all(listing.map(async (f) => ({ path: f.path, bytes: images.includes(f) ? new Uint8Array(await readFile(f.full)) : new Uint8Array(0) })));
}
