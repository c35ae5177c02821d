// A user's file made into labelled examples, the same way in the page (which then sends them to the
// training worker; the file never leaves the browser) and in `lab run --data`: a CSV table, or a
// folder or zip of images. The description that comes with them is what the document records
// (data.source): name, size and SHA-256 to recognise the file, and what it was found to hold.
import type { DataSource } from '../core/experiment-types';
import { parseCsv } from './csv';
import { loadImageFolder, skipReason, type ImageDecoder, type ImageFile, type ImageLimits } from './image-folder';
import { describeFile, describeFolder } from './source';
import { unzipFiles } from './zip';

export interface UserExamples {
  source: DataSource;
  /** One example's shape: [features] for a table, [size, size, channels] for images. */
  featureShape: number[];
  classNames: string[];
  /** A table's feature columns, in order, and its label column. */
  featureNames?: string[];
  labelName?: string;
  /** count examples of featureShape's product floats, example after example. */
  x: Float32Array;
  labels: Uint8Array;
  count: number;
  /** Images: the file each came from (the preview names them), and the files left out with why. */
  paths?: string[];
  skipped?: { path: string; reason: string }[];
}

export interface CsvExampleOptions {
  /** The label column's name; null or undefined: the last column. */
  label?: string | null;
}

/** A CSV file's rows. Throws the parser's message (file, line, column, value) when it cannot. */
export async function csvExamples(bytes: Uint8Array, name: string, options: CsvExampleOptions = {}): Promise<UserExamples> {
  const table = parseCsv(bytes, { name, label: options.label ?? undefined });
  const description = await describeFile('csv', name, bytes);
  return {
    source: { ...description, examples: table.count, classes: table.classNames.length, features: table.featureNames.length },
    featureShape: [table.featureNames.length],
    classNames: table.classNames,
    featureNames: table.featureNames,
    labelName: table.labelName,
    x: table.x,
    labels: table.labels,
    count: table.count,
  };
}

export interface ImageExampleOptions {
  imageSize?: number;
  color?: 'grey' | 'rgb';
  invert?: boolean;
  limits?: Partial<ImageLimits>;
}

export type ImageInput = { kind: 'image-zip'; name: string; bytes: Uint8Array } | { kind: 'image-folder'; name: string; files: readonly ImageFile[] };

/** A folder's or zip's images, one sub-folder per class. Throws naming the file at fault. */
export async function imageExamples(input: ImageInput, decode: ImageDecoder, options: ImageExampleOptions = {}): Promise<UserExamples> {
  const files = input.kind === 'image-zip' ? unzipFiles(input.bytes, input.name, options.limits) : input.files;
  const images = await loadImageFolder(files, decode, {
    size: options.imageSize ?? 28,
    channels: options.color === 'rgb' ? 3 : 1,
    invert: options.invert ?? false,
    limits: options.limits,
  });
  const description = input.kind === 'image-zip' ? await describeFile('image-zip', input.name, input.bytes) : await describeImageFolder(input.name, input.files);
  return {
    source: { ...description, examples: images.count, classes: images.classNames.length },
    featureShape: [...images.featureShape],
    classNames: images.classNames,
    x: images.x,
    labels: images.labels,
    count: images.count,
    paths: images.paths,
    skipped: images.skipped,
  };
}

/**
 * A folder's description over its images only (hidden files, system files and other types left out),
 * so that the page (which reads every file) and `lab run` (which reads only the images) agree on it.
 */
export function describeImageFolder(name: string, files: readonly ImageFile[]) {
  return describeFolder(
    name,
    files.filter((f) => skipReason(f.path) === null),
  );
}

/**
 * Paths of a folder the browser gave (webkitRelativePath: "pets/cats/1.png") relative to the folder
 * itself ("cats/1.png"), as `lab run` lists them, so that both describe the same files.
 */
export function relativeToFolder(paths: readonly string[]): { name: string; paths: string[] } {
  const first = paths[0]?.split('/')[0] ?? 'folder';
  const inside = paths.every((p) => p.startsWith(`${first}/`));
  return { name: first, paths: inside ? paths.map((p) => p.slice(first.length + 1)) : [...paths] };
}

/** Problems with examples that crossed a boundary (the page to the worker): sizes that disagree, labels out of range. */
export function examplesProblem(examples: UserExamples): string | null {
  const size = examples.featureShape.reduce((a, b) => a * b, 1);
  if (!Number.isInteger(examples.count) || examples.count < 1) return `the examples count ${examples.count} is not a positive integer`;
  if (!(examples.x instanceof Float32Array) || examples.x.length !== examples.count * size) return `the examples hold ${examples.x?.length} values, not ${examples.count} x ${size}`;
  if (!(examples.labels instanceof Uint8Array) || examples.labels.length !== examples.count) return `the examples hold ${examples.labels?.length} labels, not ${examples.count}`;
  const classes = examples.classNames.length;
  const bad = examples.labels.findIndex((l) => l >= classes);
  if (bad >= 0) return `example ${bad + 1} has class ${examples.labels[bad]}, but there are ${classes} classes`;
  return null;
}
