// What an experiment document (and so a share link) says about a user's own data file. The file itself
// never leaves the browser and a link cannot carry it: the document carries its name, size and
// SHA-256, and the recipient is asked to load that file. checkSource says whether what they loaded is it.
import { sha256Hex, utf8 } from './sha256';

export type SourceKind = 'csv' | 'image-zip' | 'image-folder';
export const SOURCE_KINDS: readonly SourceKind[] = ['csv', 'image-zip', 'image-folder'];

export interface SourceDescription {
  kind: SourceKind;
  /** The file's name (a folder's name for image-folder), as the user's system gave it. */
  name: string;
  /** Bytes: the file's length, or the sum over a folder's files. */
  size: number;
  /** 64 lowercase hex digits: of the file, or of a folder's listing (see describeFolder). */
  sha256: string;
  /** Number of files, for image-folder only. */
  files?: number;
}

const KIND_WORDS: Record<SourceKind, string> = { csv: 'CSV file', 'image-zip': 'zip of images', 'image-folder': 'folder of images' };
export const MAX_SOURCE_NAME = 255;

/** Describes one file (a CSV or a zip). */
export async function describeFile(kind: 'csv' | 'image-zip', name: string, bytes: Uint8Array): Promise<SourceDescription> {
  return { kind, name, size: bytes.length, sha256: await sha256Hex(bytes) };
}

/**
 * Describes a folder by its files: the SHA-256 of a listing with one line per file, sorted by path,
 * "<path>\t<size>\t<sha256 of the file>\n", so the same files give the same checksum however the
 * browser or the file system orders them.
 */
export async function describeFolder(name: string, files: readonly { path: string; bytes: Uint8Array }[]): Promise<SourceDescription> {
  const lines = await Promise.all(files.map(async (f) => `${f.path}\t${f.bytes.length}\t${await sha256Hex(f.bytes)}\n`));
  lines.sort();
  const size = files.reduce((sum, f) => sum + f.bytes.length, 0);
  return { kind: 'image-folder', name, size, sha256: await sha256Hex(utf8(lines.join(''))), files: files.length };
}

/** Problems with a description read from a document or link (empty when it is valid). */
export function sourceDescriptionErrors(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['the data source must be an object with kind, name, size and sha256'];
  const v = value as Record<string, unknown>;
  const errors: string[] = [];
  if (!SOURCE_KINDS.includes(v.kind as SourceKind)) errors.push(`kind must be one of ${SOURCE_KINDS.join(', ')}, got ${JSON.stringify(v.kind)}`);
  if (typeof v.name !== 'string' || v.name === '' || v.name.length > MAX_SOURCE_NAME) errors.push(`name must be a file name of 1 to ${MAX_SOURCE_NAME} characters`);
  if (!Number.isSafeInteger(v.size) || (v.size as number) < 0) errors.push(`size must be a whole number of bytes, got ${JSON.stringify(v.size)}`);
  if (typeof v.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(v.sha256)) errors.push('sha256 must be 64 lowercase hex digits');
  if (v.files !== undefined && (!Number.isSafeInteger(v.files) || (v.files as number) < 0)) errors.push(`files must be a whole number, got ${JSON.stringify(v.files)}`);
  return errors;
}

export type SourceCheck = { ok: true; note?: string } | { ok: false; message: string };

/**
 * Whether a loaded file is the one a document names. Contents decide (kind, size and checksum); a
 * renamed copy is accepted with a note. The message names each difference, for the page to show as text.
 */
export function checkSource(expected: SourceDescription, loaded: SourceDescription): SourceCheck {
  const want = describe(expected);
  if (expected.kind !== loaded.kind) {
    return { ok: false, message: `This experiment was made with the ${want}; you loaded a ${KIND_WORDS[loaded.kind]}, ${JSON.stringify(loaded.name)}.` };
  }
  if (expected.sha256 === loaded.sha256 && expected.size === loaded.size) {
    return loaded.name === expected.name ? { ok: true } : { ok: true, note: `${JSON.stringify(loaded.name)} has the same contents as ${JSON.stringify(expected.name)}, under another name.` };
  }
  const differences: string[] = [];
  if (loaded.name !== expected.name) differences.push(`it is named ${JSON.stringify(loaded.name)}`);
  if (loaded.size !== expected.size) differences.push(`it has ${bytes(loaded.size)} instead of ${bytes(expected.size)}`);
  if (expected.files !== undefined && loaded.files !== undefined && loaded.files !== expected.files) {
    differences.push(`it holds ${loaded.files} files instead of ${expected.files}`);
  }
  if (loaded.sha256 !== expected.sha256) differences.push(`its contents differ (sha256 ${loaded.sha256.slice(0, 12)}… instead of ${expected.sha256.slice(0, 12)}…)`);
  return { ok: false, message: `This is not the ${want}: ${differences.join('; ')}. Load that file to repeat the experiment.` };
}

function describe(source: SourceDescription): string {
  const files = source.files !== undefined ? `, ${source.files} files` : '';
  return `${KIND_WORDS[source.kind]} ${JSON.stringify(source.name)} (${bytes(source.size)}${files}, sha256 ${source.sha256.slice(0, 12)}…)`;
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`;
}
