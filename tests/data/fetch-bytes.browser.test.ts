// Real Chromium, real Cache Storage, the real MNIST chunks served by Vite from public/data/mnist/.
// Requests are counted by spying on fetch: a download from the cache makes none.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadMnistDigits, MNIST_MANIFEST } from '../../src/data/mnist';
import { sha256Hex } from '../../src/data/sha256';
import { clearDataCache, createFetchBytes, HttpError } from '../../src/worker/fetch-bytes';

const CACHE = 'gradient-lab-test-cache';
const BASE = new URL('/data/mnist/', location.origin).href;
const CHUNK = `${BASE}test-00.bin`;
const CHUNK_BYTES = MNIST_MANIFEST.splits.test.chunks[0].gzipBytes;

beforeEach(async () => {
  await clearDataCache(CACHE);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await clearDataCache(CACHE);
});

describe('fetchBytes with Cache Storage', () => {
  it('fetches a chunk once: the second read comes from the cache, byte for byte', async () => {
    const network = vi.spyOn(globalThis, 'fetch');
    const fetchBytes = createFetchBytes({ cacheName: CACHE });
    const first = await fetchBytes(CHUNK);
    expect(network).toHaveBeenCalledTimes(1);
    expect(first.length).toBe(CHUNK_BYTES);
    const progress: [number, number][] = [];
    const second = await fetchBytes(CHUNK, (loaded, total) => progress.push([loaded, total]));
    expect(network).toHaveBeenCalledTimes(1);
    expect(await sha256Hex(second)).toBe(await sha256Hex(first));
    expect(progress).toEqual([[CHUNK_BYTES, CHUNK_BYTES]]);
    // Control: without the cache every read goes to the network.
    const uncached = createFetchBytes({ cacheName: null });
    await uncached(CHUNK);
    await uncached(CHUNK);
    expect(network).toHaveBeenCalledTimes(3);
  });

  it('offline, the cached chunks still load and pass their checksums; an uncached one fails', async () => {
    const fetchBytes = createFetchBytes({ cacheName: CACHE });
    await loadMnistDigits(fetchBytes, { url: BASE, train: 2000, test: 1000 });
    const network = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    const digits = await loadMnistDigits(fetchBytes, { url: BASE, train: 2000, test: 1000 });
    expect([digits.train.count, digits.test.count]).toEqual([2000, 1000]);
    expect(network).not.toHaveBeenCalled();
    await expect(loadMnistDigits(fetchBytes, { url: BASE, train: 4000, test: 0 })).rejects.toThrow('Failed to fetch');
  });

  it('a corrupt cached copy is downloaded again (bypassing the HTTP cache) and the cache repaired', async () => {
    const cache = await caches.open(CACHE);
    await cache.put(CHUNK, new Response(new Uint8Array(100)));
    const network = vi.spyOn(globalThis, 'fetch');
    const digits = await loadMnistDigits(createFetchBytes({ cacheName: CACHE }), { url: BASE, train: 0, test: 1000 });
    expect(digits.test.count).toBe(1000);
    expect(network).toHaveBeenCalledTimes(1);
    expect(network.mock.calls[0][1]).toEqual({ cache: 'reload' });
    const repaired = await cache.match(CHUNK);
    expect((await repaired!.arrayBuffer()).byteLength).toBe(CHUNK_BYTES);
  });

  it('an HTTP error is reported and not cached', async () => {
    const fetchBytes = createFetchBytes({ cacheName: CACHE });
    const missing = `${BASE}no-such-chunk.bin`;
    // Vite's dev server answers unknown paths with its HTML page, so the 404 comes from a stand-in server.
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('not found', { status: 404, statusText: 'Not Found' }));
    const error = await fetchBytes(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toBe(`could not download ${missing}: HTTP 404 Not Found`);
    expect(await (await caches.open(CACHE)).match(missing)).toBeUndefined();
  });
});
