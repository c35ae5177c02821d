// What a student reads when the MNIST digits cannot be loaded: offline, the app says so and how much
// is still to download (counting only chunks not kept for offline use), never "Failed to fetch".
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadBytes } from '../../src/data/mnist';
import { createFetchBytes, HttpError, NetworkError } from '../../src/worker/fetch-bytes';
import { explainLoadError } from '../../src/worker/load-errors';

const URL_BASE = 'https://lab.example/data/mnist/';
const sizes = { trainSize: 8000, testSize: 2000 };
const offlineFailure = new NetworkError(`${URL_BASE}train-00.bin`, new TypeError('Failed to fetch'));
const message = async (err: unknown, context: Partial<Parameters<typeof explainLoadError>[1]> = {}) =>
  String(((await explainLoadError(err, { url: URL_BASE, sizes, isCached: async () => false, ...context })) as Error).message);

afterEach(() => vi.restoreAllMocks());

describe('explainLoadError', () => {
  it('offline with nothing downloaded: says so, with the size of the whole download', async () => {
    expect(downloadBytes({ train: 8000, test: 2000 })).toBe(1_648_041); // the 1.6 MB the message names
    expect(await message(offlineFailure, { online: false })).toBe('MNIST is not downloaded yet and you are offline: connect once to download it (1.6 MB)');
  });

  it('offline with some chunks kept: counts only the rest', async () => {
    const kept = new Set(['train-00.bin', 'train-01.bin', 'train-02.bin', 'train-03.bin', 'test-00.bin', 'test-01.bin'].map((f) => URL_BASE + f));
    const isCached = async (url: string) => kept.has(url);
    // 8,000/2,000 is fully kept: any failure then is not about these chunks, but a larger set needs more.
    const larger = { trainSize: 16_000, testSize: 2000 };
    const rest = downloadBytes({ train: 16_000, test: 2000 }) - downloadBytes({ train: 8000, test: 2000 });
    expect(await message(offlineFailure, { online: false, isCached, sizes: larger })).toBe(
      `This experiment needs more MNIST digits than are downloaded, and you are offline: connect once to download the rest (${(rest / 1e6).toFixed(1)} MB)`,
    );
  });

  it('online, a network failure says what failed and what to do; not "you are offline"', async () => {
    const text = await message(offlineFailure, { online: true });
    expect(text).toMatch(/^The MNIST digits could not be downloaded \(could not download .*train-00\.bin: no answer from the network \(Failed to fetch\)\); check the connection and press Train again \(1\.6 MB to download\)$/);
    expect(text).not.toMatch(/offline/);
  });

  it('a missing build output names the command; other errors pass through unchanged', async () => {
    expect(await message(new HttpError(`${URL_BASE}train-00.bin`, 404, 'Not Found'))).toMatch(/HTTP 404 Not Found; the MNIST chunks are a build output: run `node datasets\/pack-mnist.mjs`/);
    const other = new Error('checksum mismatch');
    expect(await explainLoadError(other, { url: URL_BASE, sizes, isCached: async () => false, online: false })).toBe(other);
    // Control: a plain TypeError (a bug, not the network) is not dressed up as "offline".
    const bug = new TypeError('x is undefined');
    expect(await explainLoadError(bug, { url: URL_BASE, sizes, isCached: async () => false, online: false })).toBe(bug);
  });
});

describe('createFetchBytes', () => {
  it('turns fetch’s own rejection (no answer at all) into a NetworkError naming the URL', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    const error = await createFetchBytes({ cacheName: null })(`${URL_BASE}test-00.bin`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).url).toBe(`${URL_BASE}test-00.bin`);
  });
});
