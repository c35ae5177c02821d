// Reading an experiment file for `lab run`: what can go wrong before the validator sees the text
// (a missing file, a directory, a device or pipe, a huge or binary file, a byte-order mark) gets a
// sentence of its own instead of a bare EISDIR or a JSON error quoting binary bytes.
import { open, stat } from 'node:fs/promises';
import { parseExperiment, parseExperimentText, type ExperimentDoc, type ParseOptions } from '../core/experiment';

/** Far above any valid document (8 runs of layer lists are tens of kB); checked before reading. */
export const MAX_EXPERIMENT_BYTES = 1024 * 1024;

export type ExperimentFile = { ok: true; doc: ExperimentDoc } | { ok: false; lines: string[] };
export type ExperimentJson = { ok: true; value: unknown } | { ok: false; lines: string[] };

/** `options.memoryLimit`: the backend's (see budget.ts); a document that does not fit is refused like any invalid one. */
export async function readExperimentFile(path: string, options: ParseOptions = {}): Promise<ExperimentFile> {
  const json = await readExperimentJson(path);
  return json.ok ? checkExperiment(path, json.value, options) : json;
}

/** A document read from a file (or patched after reading: `lab run --data` fills in its source) through the validator. */
export function checkExperiment(path: string, value: unknown, options: ParseOptions = {}): ExperimentFile {
  const result = parseExperiment(value, options);
  if (result.ok) return { ok: true, doc: result.doc };
  return { ok: false, lines: [`${path} is not a valid experiment:`, ...result.errors.map((e) => `  ${e}`)] };
}

/** The file's JSON, or the sentence saying why it cannot be read (syntax errors read like validation errors). */
export async function readExperimentJson(path: string): Promise<ExperimentJson> {
  const fail = (why: string): ExperimentJson => ({ ok: false, lines: [`cannot read ${path}: ${why}`] });
  let bytes: Uint8Array;
  try {
    // stat first: reading /dev/zero or a FIFO would never end, and a directory fails with EISDIR.
    const info = await stat(path);
    if (info.isDirectory()) return fail('it is a directory, not an experiment file (nor a lesson id; `lab lessons` lists them)');
    if (!info.isFile()) return fail('it is not a regular file (a device, pipe or socket); give an experiment .json file');
    if (info.size > MAX_EXPERIMENT_BYTES) return fail(`it is ${info.size.toLocaleString('en-US')} bytes; an experiment file is at most ${MAX_EXPERIMENT_BYTES.toLocaleString('en-US')}`);
    bytes = await readAtMost(path, MAX_EXPERIMENT_BYTES);
  } catch (err) {
    return fail(describeReadError(err));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('it is not UTF-8 text (an experiment is a JSON file)');
  }
  // Editors on Windows often save UTF-8 with a byte-order mark, which JSON.parse refuses.
  const clean = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(clean) };
  } catch {
    const result = parseExperimentText(clean);
    return { ok: false, lines: [`${path} is not a valid experiment:`, ...(result.ok ? [] : result.errors).map((e) => `  ${e}`)] };
  }
}

/** The file's bytes, never more than `limit` of them even if it grew after the stat. */
async function readAtMost(path: string, limit: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(limit);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, limit - length, null);
      if (bytesRead === 0 || length + bytesRead >= limit) return buffer.subarray(0, length + bytesRead);
      length += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

function describeReadError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file (nor a lesson id; `lab lessons` lists them)';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory, not an experiment file';
  return (err as Error).message;
}
