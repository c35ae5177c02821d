// `lab run`'s half of "your own data": a csv or images document names its file (data.source), and
// `--data PATH` (or the source's path or name next to the document) says where it is. The file is
// made into examples exactly as the page does (user-examples.ts), and the document's source is filled
// in from it; a file other than the one the document names is said to be so, then trained on.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { TASK_INFO, type Task } from '../core/experiment';
import { CSV_LIMITS } from '../data/csv';
import { IMAGE_LIMITS } from '../data/image-folder';
import { nodeImageDecoder, readImageFiles } from '../data/node-source';
import { checkSource, type SourceDescription } from '../data/source';
import { csvExamples, imageExamples, type UserExamples } from '../data/user-examples';
import { UsageError, type Io } from './io';

type Json = Record<string, unknown>;

export interface LoadedData {
  /** The document with data.source describing the file read. */
  value: unknown;
  examples?: UserExamples;
  /** Where the file was read from, for the start line. */
  path?: string;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the file a document trains on, if its task has one; anything wrong is a usage error (status 2) naming the file. */
export async function loadDataFile(value: unknown, documentPath: string, dataFlag: string | undefined, io: Io): Promise<LoadedData> {
  const task = isObject(value) && typeof value.task === 'string' && value.task in TASK_INFO ? (value.task as Task) : null;
  const file = task ? TASK_INFO[task].file : undefined;
  if (!file) {
    if (dataFlag !== undefined) throw new UsageError(`--data gives the file of a csv or images document; ${documentPath} is ${task ? `a ${task}` : 'not such a'} document`);
    return { value };
  }
  const doc = value as Json;
  const data = isObject(doc.data) ? doc.data : {};
  const named = isObject(data.source) ? data.source : null;
  const hint = named && typeof named.path === 'string' ? named.path : named && typeof named.name === 'string' ? named.name : null;
  if (dataFlag === undefined && hint === null) {
    throw new UsageError(`${documentPath} trains on ${file === 'csv' ? 'a CSV file' : 'a folder or zip of images'} but names none: give it with --data PATH`);
  }
  const path = dataFlag ?? resolve(dirname(documentPath), hint!);
  const examples = file === 'csv' ? await readCsv(path, data) : await readImages(path, data);
  if (named && typeof named.sha256 === 'string' && typeof named.kind === 'string') {
    const check = checkSource(named as unknown as SourceDescription, examples.source);
    if (!check.ok) io.err(`note: ${check.message.replace(' Load that file to repeat the experiment.', '')} Training on ${path} as given.`);
    else if (check.note) io.err(`note: ${check.note}`);
  }
  const source = { ...examples.source, ...(named && typeof named.path === 'string' && dataFlag === undefined ? { path: named.path } : {}) };
  return { value: { ...doc, data: { ...data, source } }, examples, path };
}

async function readCsv(path: string, data: Json): Promise<UserExamples> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new UsageError(`${path}: no such file (give the CSV file with --data PATH)`);
  if (!info.isFile()) throw new UsageError(`${path} is not a file: a csv document trains on one CSV file`);
  if (info.size > CSV_LIMITS.maxBytes) throw new UsageError(`${path}: ${info.size.toLocaleString('en-US')} bytes; the limit is ${CSV_LIMITS.maxBytes.toLocaleString('en-US')} (50 MiB)`);
  const label = typeof data.label === 'string' ? data.label : null;
  try {
    const buffer = await readFile(path);
    return await csvExamples(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), basename(path), { label });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function readImages(path: string, data: Json): Promise<UserExamples> {
  const options = {
    imageSize: typeof data.imageSize === 'number' ? data.imageSize : 28,
    color: data.color === 'rgb' ? ('rgb' as const) : ('grey' as const),
    invert: data.invert === true,
  };
  try {
    const info = await stat(path).catch(() => null);
    if (info?.isFile() && /\.zip$/i.test(path)) {
      if (info.size > IMAGE_LIMITS.maxTotalBytes) throw new Error(`${path}: ${info.size.toLocaleString('en-US')} bytes is over the limit of ${IMAGE_LIMITS.maxTotalBytes.toLocaleString('en-US')}`);
      const buffer = await readFile(path);
      return await imageExamples({ kind: 'image-zip', name: basename(path), bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) }, nodeImageDecoder, options);
    }
    const files = await readImageFiles(path);
    return await imageExamples({ kind: 'image-folder', name: basename(resolve(path)), files }, nodeImageDecoder, options);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
