// The `lab` command, in-process (the same function the binary runs), and once as a real process.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lab } from '../../src/cli/lab';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await lab(args, { out: (l) => out.push(l), err: (l) => err.push(l), status: () => {} });
  return { code, out: out.join('\n'), err: err.join('\n'), lines: out };
}

const COURSE_CNN = 'INPUT 28x28x1, CONV5-8, POOL2, CONV5-16, POOL3, FC-10';

describe('lab summary', () => {
  it('prints the table of shapes, parameters and receptive fields', async () => {
    const { code, out } = await run('summary', COURSE_CNN);
    expect(code).toBe(0);
    const rows = out.split('\n').slice(2, 8).map((line) => line.trim().split(/\s{2,}/));
    expect(rows).toEqual([
      ['INPUT 28x28x1', '28x28x1', '0', '1'],
      ['CONV5-8', '28x28x8', '208', '5'],
      ['POOL2', '14x14x8', '0', '6'],
      ['CONV5-16', '14x14x16', '3,216', '14'],
      ['POOL3', '4x4x16', '0', '18'],
      ['FC-10', '10', '2,570', '28'],
    ]);
    expect(out).toContain('total parameters: 5,994');
  });

  it('prints JSON with --json', async () => {
    const { code, out } = await run('summary', COURSE_CNN, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.totalParams).toBe(5994);
    expect(json.layers[1]).toEqual({ notation: 'CONV5-8', outputShape: [28, 28, 8], params: 208, receptiveField: 5 });
  });

  it('names a bad token and its position, exit status 2', async () => {
    const { code, err } = await run('summary', 'INPUT 28x28x1, CONV5-8, POOLX');
    expect(code).toBe(2);
    expect(err).toMatch(/POOLX/);
    expect(err).toMatch(/column 24/);
  });
});

describe('lab run', () => {
  it('trains XOR and prints one JSON object per line, ending with done', async () => {
    const { code, lines } = await run('run', 'docs/examples/xor.json', '--json', '--backend', 'cpu');
    expect(code).toBe(0);
    const events = lines.map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ type: 'start', backend: 'cpu', task: 'xor' });
    expect(events.filter((e) => e.type === 'metrics')).toHaveLength(1000);
    expect(events.filter((e) => e.type === 'eval').length).toBe(10);
    const done = events.at(-1);
    expect(done).toMatchObject({ type: 'done', run: '2-4-1 tanh', steps: 1000, diverged: false });
    expect(done.loss).toBeLessThan(0.05);
    expect(done.testAccuracy).toBe(1);
    expect(done.msPerStep).toBeGreaterThan(0);
  });

  it('honours --steps and prints a final table without --json', async () => {
    const { code, out } = await run('run', 'docs/examples/xor.json', '--steps', '30');
    expect(code).toBe(0);
    expect(out).toMatch(/on the wasm backend/);
    expect(out).toMatch(/2-4-1 tanh\s+30\s/);
    expect(out).toMatch(/ms\/step/);
  });

  const dir = mkdtempSync(join(tmpdir(), 'lab-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it.each([
    ['a missing file', ['run', 'no/such/file.json'], /cannot read no\/such\/file\.json: no such file/],
    ['invalid JSON', ['run', file('broken.json', '{"task": ')], /not valid JSON/],
    ['an invalid document', ['run', file('bad.json', '{"task":"xor","runs":[{"optimizer":{"name":"momentum","momentum":1.5}}]}')], /runs\[0\]\.optimizer\.momentum must be in \[0, 1\), got 1\.5/],
    ['bad notation in a document', ['run', file('notation.json', '{"task":"xor","runs":[{"model":"INPUT 2, FC-4 TANHH, FC-1"}]}')], /unknown token "TANHH"/],
    ['a bad --steps', ['run', 'docs/examples/xor.json', '--steps', 'ten'], /--steps must be a whole number from 1 to 1,000,000, written in decimal digits/],
    ['an unknown backend', ['run', 'docs/examples/xor.json', '--backend', 'webgl'], /--backend must be cpu or wasm/],
    ['an unknown command', ['train'], /unknown command "train"/],
    ['a bad bench --rounds', ['bench', '--rounds', '0'], /--rounds must be a whole number from 1 to 50, got 0/],
    ['an unknown bench workload', ['bench', '--workload', 'rnn'], /--workload takes names from mlp, cnn, xor, comparisons, separated by commas; got "rnn"/],
  ])('%s: a message and exit status 2, no stack trace', async (_, args, message) => {
    const { code, err } = await run(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('works as a real process through npm run lab', () => {
    const ok = execFileSync('npm', ['run', '--silent', 'lab', '--', 'summary', 'INPUT 784, FC-100, FC-10', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(ok).totalParams).toBe(79510);
    const bad = spawnSync('npm', ['run', '--silent', 'lab', '--', 'run', 'missing.json'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('cannot read missing.json');
  });
});

describe('lessons from the command line', () => {
  it('lab lessons lists every lesson id with its title', async () => {
    const { code, lines } = await run('lessons');
    expect(code).toBe(0);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^xor-hidden-layer\s+XOR needs a hidden layer$/)]));
  });

  it('lab run <lesson-id> --json ends with the claim', async () => {
    const { code, lines } = await run('run', 'xor-hidden-layer', '--json', '--backend', 'cpu');
    expect(code).toBe(0);
    const last = JSON.parse(lines.at(-1)!);
    expect(last).toMatchObject({ type: 'claim', lesson: 'xor-hidden-layer', held: true });
    expect(last.detail).toMatch(/perceptron classifies/);
  });
});

describe('lab run and stacks', () => {
  const doc = {
    task: 'xor',
    runs: [
      { name: 'a', seed: 1, optimizer: { name: 'sgd', learningRate: 0.5 }, training: { steps: 5 } },
      { name: 'b', seed: 2, optimizer: { name: 'sgd', learningRate: 0.1 }, training: { steps: 5 } },
      { name: 'relu', seed: 1, model: 'INPUT 2, FC-4 RELU, FC-1', training: { steps: 5 } },
    ],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'lab-stacks-')), 'doc.json');
  writeFileSync(file, JSON.stringify(doc));

  it('says which runs train as one stack, and --no-stack trains each alone', async () => {
    const stacked = await run('run', file, '--json', '--backend', 'cpu');
    expect(stacked.code).toBe(0);
    expect(JSON.parse(stacked.lines[0]).stacks).toEqual([['a', 'b'], ['relu']]);
    const alone = await run('run', file, '--json', '--backend', 'cpu', '--no-stack');
    expect(JSON.parse(alone.lines[0]).stacks).toEqual([['a'], ['b'], ['relu']]);
    // The same curves either way: the events of run a are identical.
    const metrics = (lines: string[]) => lines.map((l) => JSON.parse(l)).filter((e) => e.type === 'metrics' && e.run === 'a').map((e) => e.loss);
    expect(metrics(stacked.lines)).toEqual(metrics(alone.lines));
    const text = await run('run', file, '--backend', 'cpu');
    expect(text.out).toContain('a and b train as one stack (one set of kernels); relu alone.');
  });
});
