// The user's own file in the page: read from a file input (never uploaded anywhere), made into
// examples for the document's options, previewed, and handed to the training worker with each start.
// The document names the file (data.source); a file with other contents is named as such, and trains
// only when the user says so.
import type { DataOptions, DataSource, ExperimentDoc } from '../core/experiment-types';
import { TASK_INFO } from '../core/tasks';
import { errorText } from '../core/error-text';
import { CSV_LIMITS } from '../data/csv';
import { browserImageDecoder } from '../data/image-decode-browser';
import { IMAGE_LIMITS, skipReason, type ImageFile } from '../data/image-folder';
import { checkSource } from '../data/source';
import { csvExamples, imageExamples, relativeToFolder, type UserExamples } from '../data/user-examples';

/** What was picked, as read: the bytes stay in the page. */
export type PickedFile = { kind: 'csv'; name: string; bytes: Uint8Array } | { kind: 'image-zip'; name: string; bytes: Uint8Array } | { kind: 'image-folder'; name: string; files: ImageFile[] };

/** The document options that decide how a file becomes examples. */
export type PrepareOptions = Pick<DataOptions, 'label' | 'imageSize' | 'color' | 'invert'>;

const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

/** Reads a CSV or zip File, its size checked before its bytes are read. */
export async function readPickedFile(file: File, kind: 'csv' | 'image-zip'): Promise<PickedFile> {
  const limit = kind === 'csv' ? CSV_LIMITS.maxBytes : IMAGE_LIMITS.maxTotalBytes;
  if (file.size > limit) throw new Error(`${file.name}: ${mib(file.size)} is over the limit of ${mib(limit)}.`);
  return { kind, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Reads the images of a folder (an <input webkitdirectory>), sizes and counts checked first; other files are not read. */
export async function readPickedFolder(list: readonly File[]): Promise<PickedFile> {
  if (list.length === 0) throw new Error('The folder is empty: pick a folder with one sub-folder of images per class.');
  const { name, paths } = relativeToFolder(list.map((f) => f.webkitRelativePath || f.name));
  const images = list.map((file, i) => ({ file, path: paths[i] })).filter((f) => skipReason(f.path) === null);
  if (images.length > IMAGE_LIMITS.maxFiles) throw new Error(`${name} holds ${images.length.toLocaleString('en-US')} images; the limit is ${IMAGE_LIMITS.maxFiles.toLocaleString('en-US')}.`);
  const big = images.find((f) => f.file.size > IMAGE_LIMITS.maxFileBytes);
  if (big) throw new Error(`${big.path}: ${mib(big.file.size)} is over the limit of ${mib(IMAGE_LIMITS.maxFileBytes)} per image.`);
  const total = images.reduce((sum, f) => sum + f.file.size, 0);
  if (total > IMAGE_LIMITS.maxTotalBytes) throw new Error(`The images in ${name} take ${mib(total)}; the limit is ${mib(IMAGE_LIMITS.maxTotalBytes)} in all.`);
  const files = await Promise.all(images.map(async (f) => ({ path: f.path, bytes: new Uint8Array(await f.file.arrayBuffer()) })));
  return { kind: 'image-folder', name, files };
}

export class UserData {
  #file = $state.raw<PickedFile | null>(null);
  #examples = $state.raw<UserExamples | null>(null);
  #error = $state<string | null>(null);
  #busy = $state(false);
  /** The options the examples were made with: a change asks for them to be made again. */
  #preparedWith = '';
  #generation = 0;

  get file(): PickedFile | null {
    return this.#file;
  }
  get examples(): UserExamples | null {
    return this.#examples;
  }
  /** The last failure to read or parse, in words (the parser's message names file, line and column). */
  get error(): string | null {
    return this.#error;
  }
  get busy(): boolean {
    return this.#busy;
  }

  /** A file picked in the page: read, then made into examples; failures become `error`. */
  async pick(read: () => Promise<PickedFile>, options: PrepareOptions): Promise<UserExamples | null> {
    const generation = ++this.#generation;
    this.#busy = true;
    this.#error = null;
    try {
      const file = await read();
      if (generation !== this.#generation) return null;
      this.#file = file;
      this.#examples = null;
      this.#preparedWith = '';
      return await this.prepare(options);
    } catch (err) {
      if (generation === this.#generation) {
        this.#error = errorText(err);
        this.#busy = false;
      }
      return null;
    }
  }

  /** Makes the examples again if the options that shape them changed (label column, image size, colour, invert). */
  async prepare(options: PrepareOptions): Promise<UserExamples | null> {
    const file = this.#file;
    if (!file) return null;
    const key = JSON.stringify([file.kind === 'csv' ? options.label ?? null : [options.imageSize, options.color, options.invert]]);
    if (key === this.#preparedWith && this.#examples) return this.#examples;
    const generation = ++this.#generation;
    this.#busy = true;
    this.#error = null;
    try {
      const examples =
        file.kind === 'csv'
          ? await csvExamples(file.bytes, file.name, { label: options.label })
          : await imageExamples(file, browserImageDecoder, { imageSize: options.imageSize, color: options.color, invert: options.invert });
      if (generation !== this.#generation) return null;
      this.#examples = examples;
      this.#preparedWith = key;
      return examples;
    } catch (err) {
      if (generation === this.#generation) {
        this.#examples = null;
        this.#error = errorText(err);
      }
      return null;
    } finally {
      if (generation === this.#generation) this.#busy = false;
    }
  }

  clear(): void {
    this.#generation++;
    this.#file = null;
    this.#examples = null;
    this.#error = null;
    this.#busy = false;
  }

  /** Whether the loaded file is the one the document names (null: no file loaded, or none named). */
  matches(source: DataSource | undefined): ReturnType<typeof checkSource> | null {
    const examples = this.#examples;
    if (!examples || !source) return null;
    return checkSource(source, examples.source);
  }

  /** Why a document cannot train yet on the data at hand, in words; null when it can. */
  problem(doc: ExperimentDoc | null): string | null {
    if (!doc || !TASK_INFO[doc.task].file) return null;
    const source = doc.data.source!;
    const what = doc.task === 'csv' ? 'the CSV file' : 'the images';
    if (this.#busy) return `Reading ${what}…`;
    if (this.#error) return this.#error;
    const check = this.matches(source);
    if (!check) return `Load ${what} ${JSON.stringify(source.name)} to train: the experiment names it, but a link cannot carry it.`;
    if (!check.ok) return check.message;
    const found = this.#examples!.source;
    if (found.examples !== source.examples || found.classes !== source.classes || found.features !== source.features) {
      return `${source.name} now holds ${found.examples} examples of ${found.classes} classes, not what the experiment says: load it again.`;
    }
    return null;
  }

  /** The examples to send with a start of `doc`, when it trains on a file. */
  examplesFor(doc: ExperimentDoc): UserExamples | undefined {
    return TASK_INFO[doc.task].file && this.problem(doc) === null ? (this.#examples ?? undefined) : undefined;
  }
}
