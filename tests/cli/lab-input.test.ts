// The command line against careless and hostile input (issue 13): byte-order marks, numbers that
// Number() reads but nobody means, files full of terminal escapes, directories and devices where a
// file should be, and flags that used to be ignored. Each gets a sentence and status 2, never a crash.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decimalInteger } from '../../src/cli/args';
import { lab } from '../../src/cli/lab';
import { escapeControls } from '../../src/cli/text';
import { readMnistFile } from '../../src/data/node-source';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await lab(args, { out: (l) => out.push(l), err: (l) => err.push(l), status: () => {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'lab-input-'));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const XOR = '{"task":"xor","runs":[{"name":"tiny"}]}';
/** ESC, BEL, CR, a C1 CSI and a right-to-left override: what must never reach a terminal raw. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

describe('lab run reads what editors and users actually produce', () => {
  it('accepts a UTF-8 file that starts with a byte-order mark', async () => {
    const { code, out, err } = await run('run', file('bom.json', `\uFEFF${XOR}`), '--steps', '2', '--backend', 'cpu');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/tiny\s+2\s/);
  });

  it.each([['0x10'], ['1e3'], ['+5'], [' 5'], ['5.0'], ['010'], ['five'], ['']])('refuses --steps %j: decimal digits only', async (steps) => {
    const { code, err } = await run('run', file('xor.json', XOR), '--steps', steps, '--backend', 'cpu');
    expect(code).toBe(2);
    expect(err).toContain(`--steps must be a whole number from 1 to 1,000,000, written in decimal digits (no sign, exponent, point or 0x), got ${JSON.stringify(steps)}`);
  });

  it.each([['0'], ['1000001'], ['2000000'], ['99999999999999999999999']])('refuses --steps %s: outside 1..1,000,000 (the schema cap)', async (steps) => {
    const { code, err } = await run('run', file('xor.json', XOR), '--steps', steps);
    expect(code).toBe(2);
    expect(err).toBe(`error: --steps must be a whole number from 1 to 1,000,000, got ${steps}`);
  });

  it('takes the range ends themselves', () => {
    expect(decimalInteger('1', '--steps', 1, 1_000_000)).toBe(1);
    expect(decimalInteger('1000000', '--steps', 1, 1_000_000)).toBe(1_000_000);
  });
});

describe('nothing from a file reaches the terminal raw', () => {
  it('escapes the escape sequences of a binary file quoted in a JSON error', async () => {
    const path = file('binary.json', new Uint8Array([0x1b, 0x5b, 0x32, 0x4a, 0x1b, 0x5d, 0x30, 0x3b, 0x78, 0x07, 0x0d, 0x7b]));
    const { code, err } = await run('run', path);
    expect(code).toBe(2);
    expect(err).toMatch(/not valid JSON/);
    expect(err).not.toMatch(RAW_CONTROL);
    expect(err).toContain('\\u001b[2J');
  });

  it('escapes a control character inside a bad notation string', async () => {
    const { code, err } = await run('run', file('notation.json', '{"task":"xor","runs":[{"model":"INPUT 2, FC-4 \\u001b[31mX, FC-1"}]}'));
    expect(code).toBe(2);
    expect(err).toMatch(/unknown token "\\u001b\[31mX"/);
    expect(err).not.toMatch(RAW_CONTROL);
  });

  it('escapes run names and titles from a valid document in the progress lines and the table', async () => {
    const doc = { task: 'xor', title: 'clear\u001b[2J', runs: [{ name: 'red\u001b[31m\u009b1m\u202e' }] };
    const { code, out } = await run('run', file('names.json', JSON.stringify(doc)), '--steps', '2', '--backend', 'cpu');
    expect(code).toBe(0);
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain('red\\u001b[31m\\u009b1m\\u202e');
    expect(out).toContain('clear\\u001b[2J');
  });

  it('keeps --json lines valid JSON with the same values', async () => {
    const doc = { task: 'xor', runs: [{ name: 'csi\u009b1m' }] };
    const { code, out } = await run('run', file('csi.json', JSON.stringify(doc)), '--steps', '1', '--backend', 'cpu', '--json');
    expect(code).toBe(0);
    expect(out).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(out.split('\n')[0]).runs).toEqual(['csi\u009b1m']);
  });

  it('escapes an argument echoed back (a file name that is neither file nor lesson, a notation)', async () => {
    expect((await run('run', 'no-such\u001b[2J')).err).not.toMatch(RAW_CONTROL);
    const summary = await run('summary', 'INPUT 2, FC-\u001b[31m4');
    expect(summary.code).toBe(2);
    expect(summary.err).toContain('FC-\\u001b[31m4');
    expect(summary.err).not.toMatch(RAW_CONTROL);
  });

  it('leaves tabs, newlines and ordinary Unicode alone', () => {
    expect(escapeControls('a\tb\nc é ✓ β')).toBe('a\tb\nc é ✓ β');
    expect(escapeControls('\u0007\r\u007f')).toBe('\\u0007\\u000d\\u007f');
  });
});

describe('something other than a readable experiment file', () => {
  it('a directory gets a sentence like a missing file, not EISDIR', async () => {
    const folder = join(dir, 'folder.json');
    mkdirSync(folder, { recursive: true });
    const { code, err } = await run('run', folder);
    expect(code).toBe(2);
    expect(err).toBe(`error: cannot read ${folder}: it is a directory, not an experiment file (nor a lesson id; \`lab lessons\` lists them)`);
  });

  it('a device is refused before anything is read (reading /dev/zero would never end)', async () => {
    const { code, err } = await run('run', '/dev/zero');
    expect(code).toBe(2);
    expect(err).toMatch(/cannot read \/dev\/zero: it is not a regular file/);
  });

  it('a file over 1 MiB is refused from its size', async () => {
    const { code, err } = await run('run', file('huge.json', `[${' '.repeat(1024 * 1024)}]`));
    expect(code).toBe(2);
    expect(err).toMatch(/huge\.json: it is 1,048,578 bytes; an experiment file is at most 1,048,576/);
  });

  it('a file that is not UTF-8 says so instead of quoting replacement characters', async () => {
    const { code, err } = await run('run', file('latin1.json', new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d])));
    expect(code).toBe(2);
    expect(err).toMatch(/latin1\.json: it is not UTF-8 text/);
  });

  it('an empty file name is named as such', async () => {
    const { code, err } = await run('run', '');
    expect(code).toBe(2);
    expect(err).toMatch(/lab run got an empty file name/);
  });

  it('a directory where an MNIST chunk should be gets the missing file’s advice, not EISDIR', async () => {
    const chunks = join(dir, 'mnist');
    // The loader fetches chunks of both splits at once; whichever fails first is reported.
    for (const chunk of ['train-00.bin', 'test-00.bin']) mkdirSync(join(chunks, chunk), { recursive: true });
    const error = await readMnistFile({ dir: `${chunks}/`, train: 100, test: 100 }).then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/(train|test)-00\.bin is a directory, not the MNIST file: remove it; the file is a build output; run `node datasets\/pack-mnist\.mjs`/);
    expect(error?.message).not.toMatch(/EISDIR/);
  });
});

describe('flags and arguments that used to be ignored or misread', () => {
  it.each([
    ['lessons with an argument', ['lessons', 'extra'], /lab lessons takes no arguments, got "extra"/],
    ['lessons with a flag', ['lessons', '--json'], /lab lessons takes no arguments, got "--json"/],
    ['a misspelt summary flag', ['summary', 'INPUT 2, FC-1', '--jsn'], /Unknown option '--jsn'/],
    ['an empty bench workload list', ['bench', '--workload', ''], /--workload takes names from mlp, cnn, xor, comparisons, separated by commas; got "", which has an empty entry/],
    ['an empty bench backend list', ['bench', '--backend', ''], /--backend takes names from wasm, cpu, separated by commas; got "", which has an empty entry/],
    ['a trailing comma in a list', ['bench', '--workload', 'mlp,'], /got "mlp,", which has an empty entry/],
    ['a hexadecimal --rounds', ['bench', '--rounds', '0x10'], /--rounds must be a whole number from 1 to 50, written in decimal digits/],
    ['an exponent in --rounds', ['bench', '--rounds', '1e1'], /--rounds must be a whole number from 1 to 50, written in decimal digits/],
  ])('%s: a message and exit status 2', async (_, args, message) => {
    const { code, err } = await run(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('no command at all: the usage goes to stderr with status 2', async () => {
    const { code, out, err } = await run();
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^usage: lab <command>/);
  });

  it('--help after a command prints the usage with status 0', async () => {
    for (const command of ['run', 'summary', 'bench', 'lessons']) {
      const { code, out } = await run(command, '--help');
      expect(code).toBe(0);
      expect(out).toMatch(/^usage: lab <command>/);
    }
  });
});
