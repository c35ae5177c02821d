// Loads the official MNIST split from the packed chunks (datasets/pack-mnist.mjs). Fetching is injected
// so the same loader serves the browser (fetch with progress and Cache Storage, src/worker/fetch-bytes.ts)
// and Node (file reads, node-source.ts). Only the chunks an experiment needs are fetched: chunk k of a
// split holds the official digits k, k + K, k + 2K, ... so the first n chunks are a fair sample.
import manifestJson from '../../datasets/mnist.manifest.json';
import { gunzip, isGzip } from './gunzip';
import { concatChunks, parseMnistChunk, type DigitSet, type MnistChunk, type MnistManifest, type MnistSplitName } from './mnist-format';

export type { DigitSet, MnistSplitName } from './mnist-format';

/**
 * Reads a URL (or, in Node, a path) into bytes, reporting progress when it can. `reload` asks for a
 * fresh copy that bypasses any cache (the loader asks once when a cached copy fails its checksum).
 */
export type FetchBytes = (
  url: string,
  onProgress?: (loaded: number, total: number) => void,
  options?: { reload?: boolean },
) => Promise<Uint8Array>;

export type Progress = (loaded: number, total: number) => void;

/** The official split, or the first chunks of it: what buildDataset's MNIST branch takes. */
export interface MnistDigits {
  /** Digits of the official training set (train-images-idx3-ubyte), in chunk order. */
  train: DigitSet;
  /** Digits of the official test set (t10k-images-idx3-ubyte), in chunk order. */
  test: DigitSet;
}

/** The committed manifest: counts, per-class counts and a SHA-256 per chunk. */
export const MNIST_MANIFEST: MnistManifest = manifestJson;

/**
 * The chunks' directory, relative so that it resolves against the page's base URL (Vite serves
 * public/data/mnist/ there). Always ends with a slash: chunk URLs are this plus a file name.
 */
export const MNIST_URL = 'data/mnist/';

/** How many digits each official split holds: the largest trainSize and testSize. */
export const MNIST_SIZES: Readonly<Record<MnistSplitName, number>> = {
  train: MNIST_MANIFEST.splits.train.count,
  test: MNIST_MANIFEST.splits.test.count,
};

export interface MnistRequest {
  /** Training digits wanted (0..60,000); the loader fetches the chunks that hold them. Default: all. */
  train?: number;
  /** Test digits wanted (0..10,000). Default: all. */
  test?: number;
  /** Bytes downloaded so far and in total, across every chunk this call fetches. */
  onProgress?: Progress;
}

export interface LoadMnistOptions extends MnistRequest {
  /** The chunks' directory (default MNIST_URL); a trailing slash is added when missing. */
  url?: string;
  /** Chunks fetched at once (default 4). */
  concurrency?: number;
}

/** Number of chunks (from the first) that hold `size` digits of a split. */
export function chunksFor(split: MnistSplitName, size: number): number {
  const { chunks } = MNIST_MANIFEST.splits[split];
  const max = MNIST_SIZES[split];
  if (!Number.isInteger(size) || size < 0 || size > max) {
    throw new Error(`MNIST ${split} size must be an integer from 0 to ${max}, got ${size}.`);
  }
  let held = 0;
  let n = 0;
  while (held < size) held += chunks[n++].count;
  return n;
}

/** Digits held by the first `chunks` chunks of a split: the pool a size is drawn from. */
export function poolSize(split: MnistSplitName, chunks: number): number {
  return MNIST_MANIFEST.splits[split].chunks.slice(0, chunks).reduce((sum, c) => sum + c.count, 0);
}

/** Bytes a request downloads (the packed gzip sizes): what the page can announce before it starts. */
export function downloadBytes(request: { train: number; test: number }): number {
  return (['train', 'test'] as const).reduce(
    (sum, split) => sum + MNIST_MANIFEST.splits[split].chunks.slice(0, chunksFor(split, request[split])).reduce((s, c) => s + c.gzipBytes, 0),
    0,
  );
}

export interface MnistLoader {
  /** Loads (or reuses) the chunks holding the requested sizes; a later, larger request fetches only the rest. */
  load(request?: MnistRequest): Promise<MnistDigits>;
}

/**
 * A loader that keeps the chunks it has fetched, for a session that runs experiment after experiment.
 * A chunk that fails is forgotten, so the next load tries it again.
 */
export function createMnistLoader(fetchBytes: FetchBytes, url: string = MNIST_URL, concurrency = 4): MnistLoader {
  const base = url.endsWith('/') ? url : `${url}/`;
  const cache = new Map<string, Promise<MnistChunk>>();

  const load = async (request: MnistRequest = {}): Promise<MnistDigits> => {
    const wanted = { train: request.train ?? MNIST_SIZES.train, test: request.test ?? MNIST_SIZES.test };
    const jobs = (['train', 'test'] as const).flatMap((split) =>
      Array.from({ length: chunksFor(split, wanted[split]) }, (_, chunk) => ({ split, chunk, key: `${split}/${chunk}` })),
    );
    // Chunks already fetched (or in flight for another load) are taken as they are, now, so a later
    // failure elsewhere cannot pull them out from under this load.
    const promises = new Map<string, Promise<MnistChunk>>();
    for (const job of jobs) {
      const known = cache.get(job.key);
      if (known) promises.set(job.key, known);
    }
    const fresh = jobs.filter((job) => !promises.has(job.key));
    const progress = progressOver(fresh.map((job) => entryOf(job.split, job.chunk).gzipBytes), request.onProgress);
    // A small pool of workers: a handful of parallel requests fills the connection without flooding it.
    let next = 0;
    const worker = async () => {
      while (next < fresh.length) {
        const i = next++;
        const { split, chunk, key } = fresh[i];
        const promise = fetchChunk(fetchBytes, base, split, chunk, (loaded, total) => progress.update(i, loaded, total));
        cache.set(key, promise);
        promises.set(key, promise);
        promise.catch(() => {
          cache.delete(key);
          next = fresh.length; // one failure fails the load: start no more downloads
        });
        await promise;
        progress.done(i);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, fresh.length) }, worker));
    const chunks = await Promise.all(jobs.map((job) => promises.get(job.key)!));
    const { rows, cols } = MNIST_MANIFEST;
    return {
      train: concatChunks(chunks.filter((c) => c.split === 'train'), rows, cols),
      test: concatChunks(chunks.filter((c) => c.split === 'test'), rows, cols),
    };
  };
  return { load };
}

/** Fetches the chunks that hold the requested digits, checks each against the manifest, and joins them. */
export function loadMnistDigits(fetchBytes: FetchBytes, options: LoadMnistOptions = {}): Promise<MnistDigits> {
  return createMnistLoader(fetchBytes, options.url, options.concurrency).load(options);
}

/** The former name, kept so that existing callers read the new chunks unchanged. */
export const loadMnist = loadMnistDigits;

function entryOf(split: MnistSplitName, chunk: number) {
  return MNIST_MANIFEST.splits[split].chunks[chunk];
}

/** One chunk: fetch, decompress when gzip, verify. A cached copy that fails is fetched again, once. */
async function fetchChunk(fetchBytes: FetchBytes, base: string, split: MnistSplitName, chunk: number, onProgress: Progress): Promise<MnistChunk> {
  const entry = entryOf(split, chunk);
  const url = base + entry.file;
  const expected = { split, chunk, stride: MNIST_MANIFEST.splits[split].chunks.length, entry };
  const decode = async (bytes: Uint8Array) => {
    // A server may already have undone the gzip (Content-Encoding), so look at the bytes, not the name.
    const raw = isGzip(bytes) ? await gunzip(bytes, entry.rawBytes, url) : bytes;
    return parseMnistChunk(raw, url, expected);
  };
  const first = await fetchBytes(url, onProgress);
  try {
    return await decode(first);
  } catch {
    return decode(await fetchBytes(url, onProgress, { reload: true }));
  }
}

/** Sums per-chunk progress into one (loaded, total) in bytes; a chunk's total is the manifest's until the server says. */
function progressOver(estimates: number[], onProgress?: Progress) {
  const loaded = estimates.map(() => 0);
  const totals = [...estimates];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const report = () => onProgress?.(sum(loaded), sum(totals));
  if (estimates.length > 0) report();
  return {
    update(i: number, bytes: number, total: number) {
      if (total > 0) totals[i] = total;
      // Decoded bytes (a server that unzips) can outrun the estimate: never show more than 100%; and a
      // chunk fetched again after a failed checksum does not move the bar back.
      loaded[i] = Math.max(loaded[i], Math.min(bytes, totals[i]));
      report();
    },
    done(i: number) {
      loaded[i] = totals[i];
      report();
    },
  };
}
