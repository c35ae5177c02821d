// The browser's FetchBytes: downloads through fetch and reads the body stream chunk by chunk, so a
// progress bar can move while the 8 MB MNIST pack arrives. Works in a page and in a worker.
import type { FetchBytes } from '../data/mnist';

export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    statusText: string,
  ) {
    super(`could not download ${url}: HTTP ${status}${statusText ? ` ${statusText}` : ''}`);
  }
}

export const fetchWithProgress: FetchBytes = async (url, onProgress) => {
  const response = await fetch(url);
  if (!response.ok) throw new HttpError(url, response.status, response.statusText);
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
};

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
