// Loads the packed MNIST subset. Fetching is injected so the same loader serves the browser
// (fetch with download progress) and Node (a file read, see node-source.ts).
import manifest from '../../datasets/mnist.manifest.json';
import { parseMnistPack, type MnistDigits } from './mnist-format';

export type { MnistDigits } from './mnist-format';

/** Reads a URL (or, in Node, a path) into bytes, reporting progress when it can. */
export type FetchBytes = (url: string, onProgress?: (loaded: number, total: number) => void) => Promise<Uint8Array>;

/** Relative, so it resolves against the page's base URL: Vite serves public/data/mnist.bin there. */
export const MNIST_URL = 'data/mnist.bin';

export interface LoadMnistOptions {
  url?: string;
  onProgress?: (loaded: number, total: number) => void;
}

/** Fetches mnist.bin and checks it against the committed manifest, so a stale file fails loudly. */
export async function loadMnist(fetchBytes: FetchBytes, options: LoadMnistOptions = {}): Promise<MnistDigits> {
  const bytes = await fetchBytes(options.url ?? MNIST_URL, options.onProgress);
  return parseMnistPack(bytes, manifest);
}
