// The MNIST chunk format: datasets/pack-mnist.mjs writes public/data/mnist/*.bin with
// encodeMnistChunk and the loader reads them back with parseMnistChunk (layout in datasets/README.md).
// Pure: bytes in, typed arrays out, so the same code runs in the packer, Node, a worker and a page.
// Every failure names the chunk and what to do, because the usual cause is a stale build output.
import { fromHex, sha256Hex, toHex } from './sha256';

export const MNIST_MAGIC = 'GLMNIST2';
export const MNIST_FORMAT_VERSION = 2;
export const MNIST_HEADER_BYTES = 80;
const SHA_OFFSET = 48;
const SHA_BYTES = 32;
const NUM_CLASSES = 10;
export const REGENERATE = 'run `npm run build` (or `node datasets/pack-mnist.mjs`) to regenerate it';

export type MnistSplitName = 'train' | 'test';
const SPLIT_CODES: Record<MnistSplitName, number> = { train: 0, test: 1 };

/** Digits of one official split (or part of it), in chunk order. */
export interface DigitSet {
  count: number;
  rows: number;
  cols: number;
  /** count * rows * cols bytes, digit after digit, row-major; 0 = background, 255 = full ink. */
  pixels: Uint8Array;
  /** count bytes, each 0..9. */
  labels: Uint8Array;
  /** Each digit's position in the official IDX file of its split (provenance; 0-based). */
  index: Int32Array;
}

/** One chunk: digits chunk, chunk + stride, chunk + 2 * stride, ... of the official split. */
export interface MnistChunk extends DigitSet {
  split: MnistSplitName;
  chunk: number;
  stride: number;
}

/** The committed datasets/mnist.manifest.json. */
export interface MnistManifest {
  format: string;
  version: number;
  rows: number;
  cols: number;
  headerBytes: number;
  splits: Record<MnistSplitName, MnistSplitManifest>;
}

export interface MnistSplitManifest {
  count: number;
  classCounts: number[];
  /** Digits per chunk (the last chunks may hold fewer when count is not a multiple). */
  chunkSize: number;
  chunks: MnistChunkManifest[];
}

export interface MnistChunkManifest {
  /** File name under the MNIST data directory, e.g. "train-00.bin". */
  file: string;
  count: number;
  classCounts: number[];
  /** Length of the chunk once decompressed (header + payload). */
  rawBytes: number;
  /** Length of the gzip file as packed; progress totals only (another zlib may differ slightly). */
  gzipBytes: number;
  /** SHA-256 of the payload (pixels + labels), also stored in the chunk's header. */
  sha256: string;
}

/** Serialises a chunk with its header and payload checksum. */
export async function encodeMnistChunk(chunk: Omit<MnistChunk, 'index'>): Promise<Uint8Array> {
  const pixelBytes = chunk.count * chunk.rows * chunk.cols;
  if (chunk.pixels.length !== pixelBytes || chunk.labels.length !== chunk.count) {
    throw new Error(`encodeMnistChunk: ${chunk.count} digits need ${pixelBytes} pixels and ${chunk.count} labels.`);
  }
  const out = new Uint8Array(MNIST_HEADER_BYTES + pixelBytes + chunk.count);
  out.set(chunk.pixels, MNIST_HEADER_BYTES);
  out.set(chunk.labels, MNIST_HEADER_BYTES + pixelBytes);
  const view = new DataView(out.buffer);
  for (let i = 0; i < MNIST_MAGIC.length; i++) out[i] = MNIST_MAGIC.charCodeAt(i);
  const fields = [MNIST_FORMAT_VERSION, chunk.count, chunk.rows, chunk.cols, SPLIT_CODES[chunk.split], chunk.chunk, chunk.stride];
  fields.forEach((v, i) => view.setUint32(8 + 4 * i, v, true));
  // Bytes 36..47 stay zero (reserved).
  out.set(fromHex(await sha256Hex(out.subarray(MNIST_HEADER_BYTES))), SHA_OFFSET);
  return out;
}

/**
 * Validates and unpacks one decompressed chunk; with `expected` (its manifest entry and place) it
 * must also be exactly that chunk, so a stale file is caught. Pixels and labels are views into `bytes`.
 */
export async function parseMnistChunk(
  bytes: Uint8Array,
  name: string,
  expected?: { split: MnistSplitName; chunk: number; stride: number; entry: MnistChunkManifest },
): Promise<MnistChunk> {
  if (bytes.length < MNIST_HEADER_BYTES) {
    throw new Error(`${name} is too short to hold its ${MNIST_HEADER_BYTES}-byte header (${bytes.length} bytes); the file is truncated — ${REGENERATE}.`);
  }
  const magic = String.fromCharCode(...bytes.subarray(0, MNIST_MAGIC.length));
  if (magic !== MNIST_MAGIC) {
    throw new Error(
      `${name} has the wrong magic bytes: expected "${MNIST_MAGIC}", got ${JSON.stringify(magic)}; this is not a Gradient Lab MNIST chunk (a dev server's HTML fallback page, perhaps) — ${REGENERATE}.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, MNIST_HEADER_BYTES);
  const [version, count, rows, cols, splitCode, chunk, stride] = Array.from({ length: 7 }, (_, i) => view.getUint32(8 + 4 * i, true));
  if (version !== MNIST_FORMAT_VERSION) {
    throw new Error(`${name} has format version ${version}, but this app reads version ${MNIST_FORMAT_VERSION}; ${REGENERATE}.`);
  }
  const split = (Object.keys(SPLIT_CODES) as MnistSplitName[]).find((s) => SPLIT_CODES[s] === splitCode);
  const reservedZero = [36, 40, 44].every((at) => view.getUint32(at, true) === 0);
  if (!split || count === 0 || rows === 0 || cols === 0 || stride === 0 || chunk >= stride || !reservedZero) {
    throw new Error(`${name} has a corrupt header (split ${splitCode}, chunk ${chunk} of ${stride}, ${count} digits of ${rows}x${cols}); ${REGENERATE}.`);
  }
  const pixelBytes = count * rows * cols;
  const expectedLength = MNIST_HEADER_BYTES + pixelBytes + count;
  if (bytes.length !== expectedLength) {
    const what = bytes.length < expectedLength ? 'truncated' : 'longer than its header says';
    throw new Error(
      `${name} is ${what}: expected ${expectedLength} bytes (${MNIST_HEADER_BYTES} header + ${count} digits of ${rows}x${cols} + ${count} labels), got ${bytes.length}; ${REGENERATE}.`,
    );
  }
  const payload = bytes.subarray(MNIST_HEADER_BYTES);
  const headerSha = toHex(bytes.subarray(SHA_OFFSET, SHA_OFFSET + SHA_BYTES));
  const actualSha = await sha256Hex(payload);
  if (actualSha !== headerSha) {
    throw new Error(`${name} checksum mismatch: expected ${headerSha}, got ${actualSha}; the file is corrupt — ${REGENERATE}.`);
  }
  if (expected) {
    const want = expected;
    if (split !== want.split || chunk !== want.chunk || stride !== want.stride || count !== want.entry.count) {
      throw new Error(
        `${name} holds ${split} chunk ${chunk} of ${stride} (${count} digits), but the manifest expects ${want.split} chunk ${want.chunk} of ${want.stride} (${want.entry.count} digits); the file is stale — ${REGENERATE}.`,
      );
    }
    if (actualSha !== want.entry.sha256) {
      throw new Error(
        `${name} checksum mismatch: expected ${want.entry.sha256} (datasets/mnist.manifest.json), got ${actualSha}; the file is corrupt or stale — ${REGENERATE}.`,
      );
    }
  }
  const labels = payload.subarray(pixelBytes);
  for (let i = 0; i < count; i++) {
    if (labels[i] >= NUM_CLASSES) throw new Error(`${name}: label ${i} is ${labels[i]}, outside 0..${NUM_CLASSES - 1}; ${REGENERATE}.`);
  }
  const index = Int32Array.from({ length: count }, (_, j) => chunk + stride * j);
  return { split, chunk, stride, count, rows, cols, pixels: payload.subarray(0, pixelBytes), labels, index };
}

/** Concatenates chunks of one split, in the order given, into one DigitSet. */
export function concatChunks(chunks: DigitSet[], rows: number, cols: number): DigitSet {
  const count = chunks.reduce((sum, c) => sum + c.count, 0);
  const size = rows * cols;
  const pixels = new Uint8Array(count * size);
  const labels = new Uint8Array(count);
  const index = new Int32Array(count);
  let at = 0;
  for (const c of chunks) {
    pixels.set(c.pixels, at * size);
    labels.set(c.labels, at);
    index.set(c.index, at);
    at += c.count;
  }
  return { count, rows, cols, pixels, labels, index };
}
