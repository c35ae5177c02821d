// `lab run` refuses a document that cannot fit before anything is allocated: exit 2, the budget's
// message, and the process's memory where it was (resident set and tfjs's own count). The control
// allocates a small part of such a model for real, to show that the same measures see it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lab } from '../../src/cli/lab';
import { useBackend } from '../../src/core/backend';
import { Network } from '../../src/core/model';
import { parseNotation } from '../../src/core/notation';

const MB = 1e6;
/** What "stays at its baseline" allows: garbage a parse leaves. The control shows a real allocation passes it. */
const NOISE = 30 * MB;
const dir = mkdtempSync(join(tmpdir(), 'lab-memory-'));

function documentFile(name: string, model: string, task = 'mnist'): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ version: 1, task, runs: [{ name, model }] }));
  return path;
}

async function run(...args: string[]) {
  const err: string[] = [];
  const code = await lab(args, { out: () => {}, err: (l) => err.push(l), status: () => {} });
  return { code, err: err.join('\n') };
}

const memory = () => ({ rss: process.memoryUsage().rss, ...tf.memory() });

beforeAll(async () => {
  await useBackend('cpu');
  // Loads whatever `lab run` loads on a first call, so that it is in the baseline.
  expect((await run('run', documentFile('warm-up', 'INPUT 2, FC-2', 'xor'), '--backend', 'cpu', '--steps', '1')).code).toBe(0);
});

describe('lab run and a document over budget', () => {
  it.each([
    ['63 x FC-4096', `INPUT 784, ${Array(63).fill('FC-4096').join(', ')}, FC-10`, /layer 2 FC-4096 alone holds 16\.8 M/],
    ['3 x CONV64-1024', `INPUT 28x28x1, ${Array(3).fill('CONV64-1024').join(', ')}, FC-10`, /layer 2 CONV64-1024 alone holds 4\.3 G/],
  ])('refuses %s with exit 2 and the budget message, and the process stays at its baseline', async (name, model, layer) => {
    const file = documentFile(name.replace(/\W+/g, '-'), model);
    const before = memory();
    const { code, err } = await run('run', file, '--backend', 'cpu');
    const after = memory();
    expect(code).toBe(2);
    expect(err).toContain(`${file} is not a valid experiment:`);
    expect(err).toMatch(/runs\[0\]\.model needs about [\d.]+ GB to train; the limit here is 2 GB \(cpu\); /);
    expect(err).toMatch(layer);
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    const grew = (after.rss - before.rss) / MB;
    console.log(`${name}: rss ${(before.rss / MB).toFixed(0)} MB before, ${(after.rss / MB).toFixed(0)} MB after (${grew >= 0 ? '+' : ''}${grew.toFixed(1)} MB); tfjs ${before.numBytes} -> ${after.numBytes} bytes`);
    expect(after.rss - before.rss).toBeLessThan(NOISE);
  });

  it('control: building four FC-4096 layers (a sixteenth of the refused model) shows up in both measures', async () => {
    const parsed = parseNotation('INPUT 4096, FC-4096, FC-4096, FC-4096, FC-4096');
    if (!parsed.ok) throw new Error('the control model must parse');
    const before = memory();
    const network = new Network([parsed.model], [1]);
    const after = memory();
    network.dispose();
    const weights = 4 * (4096 * 4096 + 4096);
    console.log(`control: rss +${((after.rss - before.rss) / MB).toFixed(0)} MB, tfjs +${((after.numBytes - before.numBytes) / MB).toFixed(0)} MB for ${weights.toLocaleString('en-US')} weights`);
    expect(after.numBytes - before.numBytes).toBe(4 * weights);
    expect(after.rss - before.rss).toBeGreaterThan(NOISE);
  });
});
