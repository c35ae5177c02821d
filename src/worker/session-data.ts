// The data a session trains on: MNIST chunks stay in memory between experiments (keyed by URL, so a
// different directory reloads), and a document's dataset is built from them or from the page's examples.
import type { ExperimentDoc } from '../core/experiment';
import { buildDataset, type Dataset } from '../data/dataset';
import { createMnistLoader, type FetchBytes, type MnistDigits, type MnistLoader } from '../data/mnist';
import { isCachedData } from './fetch-bytes';
import { explainLoadError } from './load-errors';
import { EVENT_FLUSH_MS, type StartOptions } from './protocol';

export type LoadingListener = (loaded: number, total: number) => void;

export class SessionData {
  private mnist: { url: string; loader: MnistLoader } | null = null;

  constructor(private readonly fetchBytes: FetchBytes) {}

  /** The document's dataset, as a start and a compute step both need it; progress at most every flush period. */
  async load(doc: ExperimentDoc, mnistUrl: string, examples: StartOptions['examples'], onLoading: LoadingListener): Promise<Dataset> {
    const digits = doc.task === 'mnist' ? await this.loadDigits(mnistUrl, doc.data, onLoading) : undefined;
    // A user's file arrives as the examples the page made of it; buildDataset checks them against data.source.
    return buildDataset(doc.task, doc.data, digits, examples);
  }

  /** Fetches only the chunks that hold the document's sizes and that this session has not fetched yet. */
  private loadDigits(url: string, sizes: { trainSize: number; testSize: number }, onLoading: LoadingListener): Promise<MnistDigits> {
    if (this.mnist?.url !== url) this.mnist = { url, loader: createMnistLoader(this.fetchBytes, url) };
    const progress = progressReporter(onLoading);
    return this.mnist.loader.load({ train: sizes.trainSize, test: sizes.testSize, onProgress: progress.report }).then(
      (loaded) => {
        progress.finish();
        return loaded;
      },
      async (err: unknown) => {
        // Offline, say so (and how much is missing) instead of the browser's "Failed to fetch".
        throw await explainLoadError(err, { url, sizes, isCached: (chunk) => isCachedData(chunk), online: globalThis.navigator?.onLine });
      },
    );
  }
}

/**
 * Progress at most every flush period (a body stream yields hundreds of chunks), and always a
 * final loaded === total, even when the server did not announce the size.
 */
function progressReporter(onLoading: LoadingListener) {
  let lastPost = -Infinity;
  let latest = { loaded: 0, total: 0 };
  let finalPosted = false;
  const send = (loaded: number, total: number) => {
    lastPost = performance.now();
    finalPosted = total > 0 && loaded >= total;
    onLoading(loaded, total);
  };
  return {
    report: (loaded: number, total: number) => {
      latest = { loaded, total };
      if ((total > 0 && loaded >= total) || performance.now() - lastPost >= EVENT_FLUSH_MS) send(loaded, total);
    },
    finish: () => {
      // Nothing reported means nothing was downloaded (every chunk already in memory): stay silent.
      if (!finalPosted && (latest.loaded > 0 || latest.total > 0)) send(latest.loaded, latest.loaded);
    },
  };
}
