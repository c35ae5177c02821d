// Parses public/data/mnist.bin, the file datasets/pack-mnist.mjs writes (layout in datasets/README.md).
// Pure: bytes in, typed arrays out, so the same code runs in the browser, a worker and Node.
// Every failure names what is wrong and how to fix it, because the usual cause is a stale build output.

export const MNIST_MAGIC = 'GLMNIST1';
export const MNIST_FORMAT_VERSION = 1;
export const MNIST_HEADER_BYTES = 64;
const SHA_OFFSET = 32;
const SHA_BYTES = 32;
const NUM_CLASSES = 10;
const REGENERATE = 'run `npm run build` (or `node datasets/pack-mnist.mjs`) to regenerate it';

export interface MnistDigits {
  count: number;
  rows: number;
  cols: number;
  /** count * rows * cols bytes, digit after digit, row-major; 0 = background, 255 = full ink. */
  pixels: Uint8Array;
  /** count bytes, each 0..9. */
  labels: Uint8Array;
}

/** The committed datasets/mnist.manifest.json, as far as the parser needs it. */
export interface MnistManifest {
  version: number;
  count: number;
  rows: number;
  cols: number;
  sha256: string;
}

// The core build has no DOM or Node types; this is the one slice of WebCrypto we use.
interface DigestOnly {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

async function sha256Hex(data: Uint8Array): Promise<string> {
  const subtle = (globalThis as unknown as { crypto?: { subtle?: DigestOnly } }).crypto?.subtle;
  if (!subtle) {
    // Browsers only expose crypto.subtle in secure contexts (https or localhost).
    throw new Error(
      'Cannot verify mnist.bin: crypto.subtle is unavailable (the page is not served over https or from localhost).',
    );
  }
  const digest = new Uint8Array(await subtle.digest('SHA-256', data));
  return toHex(digest);
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Validates and unpacks mnist.bin. The returned pixels and labels are views into `bytes` (no copy),
 * so the caller must not reuse that buffer while the digits are in use.
 */
export async function parseMnistPack(bytes: Uint8Array, manifest?: MnistManifest): Promise<MnistDigits> {
  if (bytes.length < MNIST_HEADER_BYTES) {
    throw new Error(
      `mnist.bin is too short to hold its ${MNIST_HEADER_BYTES}-byte header (${bytes.length} bytes); the file is truncated or not mnist.bin at all — ${REGENERATE}.`,
    );
  }
  const magic = String.fromCharCode(...bytes.subarray(0, MNIST_MAGIC.length));
  if (magic !== MNIST_MAGIC) {
    throw new Error(
      `mnist.bin has the wrong magic bytes: expected "${MNIST_MAGIC}", got ${JSON.stringify(magic)}; this is not a Gradient Lab MNIST pack (a dev server's HTML fallback page, perhaps) — ${REGENERATE}.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, MNIST_HEADER_BYTES);
  const version = view.getUint32(8, true);
  if (version !== MNIST_FORMAT_VERSION) {
    throw new Error(
      `mnist.bin has format version ${version}, but this app reads version ${MNIST_FORMAT_VERSION}; ${REGENERATE}.`,
    );
  }
  const count = view.getUint32(12, true);
  const rows = view.getUint32(16, true);
  const cols = view.getUint32(20, true);
  if (count === 0 || rows === 0 || cols === 0 || view.getUint32(24, true) !== 0 || view.getUint32(28, true) !== 0) {
    throw new Error(`mnist.bin has a corrupt header (count ${count}, ${rows}x${cols}, reserved bytes set); ${REGENERATE}.`);
  }
  const pixelBytes = count * rows * cols;
  const expectedLength = MNIST_HEADER_BYTES + pixelBytes + count;
  if (bytes.length !== expectedLength) {
    const what = bytes.length < expectedLength ? 'truncated' : 'longer than its header says';
    throw new Error(
      `mnist.bin is ${what}: expected ${expectedLength} bytes (${MNIST_HEADER_BYTES} header + ${count} digits of ${rows}x${cols} + ${count} labels), got ${bytes.length}; ${REGENERATE}.`,
    );
  }

  const payload = bytes.subarray(MNIST_HEADER_BYTES);
  const headerSha = toHex(bytes.subarray(SHA_OFFSET, SHA_OFFSET + SHA_BYTES));
  const actualSha = await sha256Hex(payload);
  if (actualSha !== headerSha) {
    throw new Error(
      `mnist.bin checksum mismatch: expected ${headerSha}, got ${actualSha}; the file is corrupt or stale — ${REGENERATE}.`,
    );
  }
  if (manifest) checkAgainstManifest(manifest, { count, rows, cols, sha: actualSha });

  const pixels = payload.subarray(0, pixelBytes);
  const labels = payload.subarray(pixelBytes);
  for (let i = 0; i < count; i++) {
    if (labels[i] >= NUM_CLASSES) {
      throw new Error(`mnist.bin label ${i} is ${labels[i]}, outside 0..${NUM_CLASSES - 1}; ${REGENERATE}.`);
    }
  }
  return { count, rows, cols, pixels, labels };
}

/** A file that is internally consistent but differs from the committed manifest was built from other data. */
function checkAgainstManifest(
  manifest: MnistManifest,
  file: { count: number; rows: number; cols: number; sha: string },
): void {
  if (manifest.version !== MNIST_FORMAT_VERSION) {
    throw new Error(
      `datasets/mnist.manifest.json describes format version ${manifest.version}, but this app reads version ${MNIST_FORMAT_VERSION}; the manifest and the code are out of step.`,
    );
  }
  if (file.count !== manifest.count || file.rows !== manifest.rows || file.cols !== manifest.cols) {
    throw new Error(
      `mnist.bin holds ${file.count} digits of ${file.rows}x${file.cols}, but the manifest expects ${manifest.count} of ${manifest.rows}x${manifest.cols}; the file is stale — ${REGENERATE}.`,
    );
  }
  if (file.sha !== manifest.sha256) {
    throw new Error(
      `mnist.bin checksum mismatch: expected ${manifest.sha256} (datasets/mnist.manifest.json), got ${file.sha}; the file is corrupt or stale — ${REGENERATE}.`,
    );
  }
}
