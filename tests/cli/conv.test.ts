// `lab conv`, in-process through the same function the binary runs.
import { describe, expect, it } from 'vitest';
import { lab } from '../../src/cli/lab';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await lab(args, { out: (l) => out.push(l), err: (l) => err.push(l), status: () => {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const EXAMPLE = ['conv', '--input', '0 1 0; 1 1 0; 0 0 1', '--filter', '1 0; 0 1', '--stride', '1', '--pad', '0'];

describe('lab conv', () => {
  it('answers the issue example with each window, the size formula and the output', async () => {
    const { code, out, err } = await run(...EXAMPLE);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('rows:    (3 − 2 + 2·0)/1 + 1 = 1/1 + 1 = 2');
    expect(out).toContain('out[1][1]  rows 1–2, columns 1–2:  1·1 + 0·0 + 0·0 + 1·1 = 2');
    expect(out.split('\n').slice(-3)).toEqual(['output (2x2):', '  1 1', '  1 2']);
  });

  it('prints the padded input when there is padding', async () => {
    const { code, out } = await run('conv', '--input', '1 2; 3 4', '--filter', '1', '--pad', '1');
    expect(code).toBe(0);
    expect(out).toContain('padded input (1 zero on every side, 4x4):\n  0 0 0 0\n  0 1 2 0\n  0 3 4 0\n  0 0 0 0');
  });

  it('prints JSON with --json', async () => {
    const { code, out } = await run(...EXAMPLE, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.output).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(json.size.columns.output).toBe(2);
    expect(json.cells).toHaveLength(4);
  });

  it('pools with --pool max|avg --window K', async () => {
    const max = await run('conv', '--input', '1 3 2 0; 4 2 1 1; 0 0 5 6; 1 2 7 8', '--pool', 'max', '--window', '2');
    expect(max.code).toBe(0);
    expect(max.out).toContain('out[0][1]  rows 0–1, columns 2–3:  max(2, 0, 1, 1) = 2');
    const avg = await run('conv', '--input', '1 3; 4 2', '--pool', 'avg', '--window', '2', '--json');
    expect(JSON.parse(avg.out).output).toEqual([[2.5]]);
  });

  it.each([
    [['--input', '1 2; 3', '--filter', '1'], /input: row 2 has 1 number, row 1 has 2/],
    [['--input', '1 a', '--filter', '1'], /input: row 1, column 2: "a" is not a number/],
    [['--input', '1 2; 3 4', '--filter', '1 1 1; 1 1 1; 1 1 1'], /the filter is 3 rows tall, but the input has only 2/],
    [['--input', '1 2 3 4 5', '--filter', '1 1', '--stride', '2'], /5 − 2 \+ 2·0\)\/2 = 3\/2 is not a whole number/],
    [['--input', '1 2', '--filter', '1', '--stride', '1.5'], /--stride must be a whole number, got "1.5"/],
    [['--input', '1 2'], /either --filter .* or --pool/],
    [['--input', '1 2', '--pool', 'min', '--window', '1'], /--pool must be max or avg/],
    [['--input', '1 2', '--pool', 'max'], /--pool needs --window/],
    [['--filter', '1'], /needs --input/],
    [['--input', '1', '--filter', '1', '--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 with the reason for %j', async (args, message) => {
    const { code, err } = await run('conv', ...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
