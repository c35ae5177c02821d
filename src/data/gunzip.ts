// gzip decompression through the platform's DecompressionStream (Chromium workers and pages, Node >= 18),
// so no inflate code ships with the app. The output is capped: a chunk never grows past what the
// manifest says it holds, so a corrupt or hostile file cannot fill memory.

// The core build has no DOM types: the slice of the streams API used here.
interface ByteReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}
interface ByteWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
interface DecompressionStreamLike {
  readable: { getReader(): ByteReader };
  writable: { getWriter(): ByteWriter };
}
type DecompressionStreamCtor = new (format: 'gzip') => DecompressionStreamLike;

/** True when bytes start with the gzip magic (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompresses one gzip file of at most `maxBytes` decompressed bytes; `name` is used in messages. */
export async function gunzip(bytes: Uint8Array, maxBytes: number, name: string): Promise<Uint8Array> {
  const Ctor = (globalThis as unknown as { DecompressionStream?: DecompressionStreamCtor }).DecompressionStream;
  if (!Ctor) throw new Error(`Cannot decompress ${name}: this browser has no DecompressionStream (Chromium 80+, Firefox 113+, Safari 16.4+ and Node 18+ do).`);
  const stream = new Ctor('gzip');
  const writer = stream.writable.getWriter();
  // The writer's promises reject too when the data is corrupt; the reader reports it, so silence them here.
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const out = new Uint8Array(maxBytes);
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value) continue;
      if (length + value.length > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new Error(`${name} decompresses to more than the ${maxBytes} bytes it should hold; the file is corrupt or stale.`);
      }
      out.set(value, length);
      length += value.length;
    }
  } catch (err) {
    if (err instanceof Error && err.message.startsWith(name)) throw err;
    throw new Error(`${name} is not valid gzip data (${err instanceof Error ? err.message : String(err)}); the file is corrupt or truncated.`);
  }
  return length === maxBytes ? out : out.slice(0, length);
}
