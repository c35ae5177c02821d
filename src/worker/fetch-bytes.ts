// The browser's FetchBytes: downloads through fetch and reads the body stream chunk by chunk, so a
// progress bar can move while the data arrives, and keeps what it fetched in the Cache Storage API, so
// a reload or an offline visit reads the MNIST chunks from disk instead of the network. Works in a page
// and in a worker. The cache only saves the download: the loader still checks every chunk's checksum,
// and asks for { reload: true } (network, then cache overwritten) when a cached copy fails it.
import type { FetchBytes } from '../data/mnist';

/** The Cache Storage bucket for data files; bump the suffix to drop every old entry at once. */
export const DATA_CACHE = 'gradient-lab-data-v1';

export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    statusText: string,
  ) {
    super(`could not download ${url}: HTTP ${status}${statusText ? ` ${statusText}` : ''}`);
  }
}

/** fetch() itself failed: no answer at all (offline, DNS, a refused connection), unlike an HTTP error. */
export class NetworkError extends Error {
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`could not download ${url}: no answer from the network (${cause instanceof Error ? cause.message : String(cause)})`);
  }
}

export interface FetchBytesOptions {
  /** Cache Storage bucket to read from and write to; null for no caching. */
  cacheName?: string | null;
}

/** A FetchBytes over fetch, with Cache Storage unless cacheName is null. */
export function createFetchBytes(options: FetchBytesOptions = {}): FetchBytes {
  const cacheName = options.cacheName === undefined ? DATA_CACHE : options.cacheName;
  return async (url, onProgress, fetchOptions) => {
    const cache = cacheName === null ? null : await openCache(cacheName);
    if (cache && !fetchOptions?.reload) {
      const hit = await cache.match(url).catch(() => undefined);
      if (hit) {
        const bytes = new Uint8Array(await hit.arrayBuffer());
        onProgress?.(bytes.length, bytes.length);
        return bytes;
      }
    }
    const response = await fetch(url, fetchOptions?.reload ? { cache: 'reload' } : undefined).catch((err: unknown) => {
      throw new NetworkError(url, err);
    });
    if (!response.ok) throw new HttpError(url, response.status, response.statusText);
    const bytes = await readBody(response, onProgress);
    if (cache) {
      // A full disk or quota only costs the next visit a download; the bytes are still good now.
      // Our buffers are plain ArrayBuffers (never shared), which is what BodyInit asks for.
      const stored = new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream', 'content-length': String(bytes.length) },
      });
      await cache.put(url, stored).catch(() => {});
    }
    return bytes;
  };
}

/** Fetches with progress and keeps the files in the DATA_CACHE bucket. */
export const fetchWithProgress: FetchBytes = createFetchBytes();

/** Forgets every cached data file (for a "clear downloaded data" control); false when there is no cache storage. */
export async function clearDataCache(cacheName: string = DATA_CACHE): Promise<boolean> {
  const storage = cacheStorage();
  return storage ? storage.delete(cacheName).catch(() => false) : false;
}

/** Whether a data file is kept in Cache Storage (what an offline visit can still read). */
export async function isCachedData(url: string, cacheName: string = DATA_CACHE): Promise<boolean> {
  const cache = await openCache(cacheName);
  return !!cache && (await cache.match(url).catch(() => undefined)) !== undefined;
}

/** Cache Storage exists only in secure contexts (https, localhost); elsewhere the fetch goes uncached. */
function cacheStorage(): CacheStorage | null {
  return typeof caches === 'undefined' ? null : caches;
}

async function openCache(name: string): Promise<Cache | null> {
  const storage = cacheStorage();
  if (!storage) return null;
  try {
    return await storage.open(name);
  } catch {
    // Opaque origins and some private modes refuse storage: download as if there were no cache.
    return null;
  }
}

async function readBody(response: Response, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array> {
  const total = declaredLength(response);
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onProgress?.(bytes.length, bytes.length);
    return bytes;
  }
  const reader = response.body.getReader();
  // Filled in place when the size is known, to avoid holding the file twice.
  let buffer: Uint8Array = new Uint8Array(total);
  let loaded = 0;
  onProgress?.(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > buffer.length) buffer = grow(buffer, loaded + value.length);
    buffer.set(value, loaded);
    loaded += value.length;
    onProgress?.(loaded, total);
  }
  return loaded === buffer.length ? buffer : buffer.slice(0, loaded);
}

/** The body's size in bytes, or 0 when unknown. With a content encoding (gzip), Content-Length counts
 * the compressed bytes while the stream yields decoded ones, so it says nothing useful. */
function declaredLength(response: Response): number {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding !== 'identity') return 0;
  const length = Number(response.headers.get('content-length'));
  return Number.isSafeInteger(length) && length > 0 ? length : 0;
}

function grow(buffer: Uint8Array, atLeast: number): Uint8Array {
  const next = new Uint8Array(Math.max(atLeast, buffer.length * 2, 1 << 16));
  next.set(buffer);
  return next;
}
