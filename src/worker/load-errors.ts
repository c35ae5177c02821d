// Why the MNIST digits could not be loaded, in words a student can act on: a missing build output
// (HTTP 404) names the command that makes it; no answer from the network says whether the device is
// offline and how much is still to download, counting only the chunks not kept for offline use.
import { chunksFor, MNIST_MANIFEST, type MnistSplitName } from '../data/mnist';
import { HttpError, NetworkError } from './fetch-bytes';

export interface LoadErrorContext {
  /** The chunks' directory as the session fetched it (an absolute URL in the browser). */
  url: string;
  sizes: { trainSize: number; testSize: number };
  /** Whether a chunk is kept for offline use (Cache Storage in the browser). */
  isCached: (url: string) => Promise<boolean>;
  /** navigator.onLine where there is one: false means the device knows it has no network. */
  online?: boolean;
}

/** The error to show instead of `err` (itself when there is nothing to add). */
export async function explainLoadError(err: unknown, context: LoadErrorContext): Promise<unknown> {
  if (err instanceof HttpError && err.status === 404) {
    return new Error(`${err.message}; the MNIST chunks are a build output: run \`node datasets/pack-mnist.mjs\` (or \`npm run build\`)`);
  }
  if (!(err instanceof NetworkError)) return err;
  const base = context.url.endsWith('/') ? context.url : `${context.url}/`;
  const wanted: Record<MnistSplitName, number> = { train: context.sizes.trainSize, test: context.sizes.testSize };
  const needed = (['train', 'test'] as const).flatMap((split) => MNIST_MANIFEST.splits[split].chunks.slice(0, chunksFor(split, wanted[split])));
  const kept = await Promise.all(needed.map((chunk) => context.isCached(base + chunk.file).catch(() => false)));
  const missing = needed.filter((_, i) => !kept[i]);
  const size = megabytes(missing.reduce((sum, chunk) => sum + chunk.gzipBytes, 0));
  const nothingKept = missing.length === needed.length;
  if (context.online === false) {
    return new Error(
      nothingKept
        ? `MNIST is not downloaded yet and you are offline: connect once to download it (${size})`
        : `This experiment needs more MNIST digits than are downloaded, and you are offline: connect once to download the rest (${size})`,
    );
  }
  return new Error(`The MNIST digits could not be downloaded (${err.message}); check the connection and press Train again (${size} to download)`);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
