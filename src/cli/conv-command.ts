// `lab conv --input "0 1 0; 1 1 0; 0 0 1" --filter "1 0; 0 1" [--stride 1] [--pad 0] [--json]`
// `lab conv --input "..." --pool max|avg --window 2 [--stride 2] [--json]`
// Convolution or pooling worked out by hand (src/core/conv-by-hand.ts): the padded input, every
// window's sum of products, the output and the output-size formula with the numbers filled in.
import { parseArgs } from 'node:util';
import { convolveByHand, fmt, parseMatrix, poolByHand, type HandResult, type Matrix, type Parsed } from '../core/conv-by-hand';
import { UsageError, type Io } from './io';

export const CONV_USAGE = `lab conv --input "<rows>" (--filter "<rows>" [--pad P] | --pool max|avg --window K) [--stride S] [--json]
  rows are separated by ";", numbers by spaces, e.g. --input "0 1 0; 1 1 0; 0 0 1" --filter "1 0; 0 1"`;

export function convCommand(args: string[], io: Io): number {
  const options = parseConvArgs(args);
  const input = parseMatrix(options.input, 'input');
  const filter = options.filter === undefined ? null : parseMatrix(options.filter, 'filter');
  const problems = [...(input.ok ? [] : input.errors), ...(filter && !filter.ok ? filter.errors : [])];
  if (problems.length || !input.ok) return report(problems, io);
  const result: Parsed<HandResult> = filter
    ? convolveByHand({ input: input.value, filter: (filter as { value: Matrix }).value, stride: options.stride ?? 1, pad: options.pad ?? 0 })
    : poolByHand({ input: input.value, kind: options.pool!, window: options.window!, stride: options.stride });
  if (!result.ok) return report(result.errors, io);
  if (options.json) io.out(JSON.stringify(result.value));
  else io.out(describe(result.value));
  return 0;
}

function report(errors: string[], io: Io): number {
  for (const e of errors) io.err(`error: ${e}`);
  return 2;
}

const whole = (text: string | undefined, name: string): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
};

function parseConvArgs(args: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      allowPositionals: false,
      options: {
        input: { type: 'string' },
        filter: { type: 'string' },
        stride: { type: 'string' },
        pad: { type: 'string' },
        pool: { type: 'string' },
        window: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${CONV_USAGE}`);
  }
  if (values.input === undefined) throw new UsageError(`lab conv needs --input\n${CONV_USAGE}`);
  if ((values.filter === undefined) === (values.pool === undefined)) throw new UsageError(`lab conv takes either --filter (a convolution) or --pool max|avg (pooling)\n${CONV_USAGE}`);
  if (values.pool !== undefined && values.pool !== 'max' && values.pool !== 'avg') throw new UsageError(`--pool must be max or avg, got ${JSON.stringify(values.pool)}`);
  if (values.pool !== undefined && values.window === undefined) throw new UsageError('--pool needs --window K (the side of the pooling window)');
  if (values.pool !== undefined && values.pad !== undefined) throw new UsageError('--pad applies to a convolution only: pooling windows cover real inputs');
  if (values.filter !== undefined && values.window !== undefined) throw new UsageError('--window applies to pooling only: a convolution\'s window is its filter');
  return {
    input: values.input,
    filter: values.filter,
    pool: values.pool as 'max' | 'avg' | undefined,
    window: whole(values.window, 'window'),
    stride: whole(values.stride, 'stride'),
    pad: whole(values.pad, 'pad'),
    json: values.json,
  };
}

/** Right-aligned columns, one line per row. */
export function matrixLines(m: Matrix, indent = '  '): string[] {
  const cells = m.map((row) => row.map(fmt));
  const width = Math.max(...cells.flat().map((c) => c.length));
  return cells.map((row) => indent + row.map((c) => c.padStart(width)).join(' '));
}

const shape = (m: Matrix) => `${m.length}x${m[0].length}`;

export function describe(r: HandResult): string {
  const what = r.operation === 'conv' ? `filter ${shape(r.filter!)}` : `${r.operation === 'max' ? 'max' : 'average'} pooling ${r.window[0]}x${r.window[1]}`;
  const lines = [`input ${shape(r.input)}, ${what}, stride ${r.stride}${r.operation === 'conv' ? `, padding ${r.pad}` : ''}`, ''];
  if (r.pad > 0) lines.push(`padded input (${r.pad} zero${r.pad === 1 ? '' : 's'} on every side, ${shape(r.padded)}):`, ...matrixLines(r.padded), '');
  else lines.push(`input (${shape(r.input)}):`, ...matrixLines(r.input), '');
  if (r.filter) lines.push(`filter (${shape(r.filter)}):`, ...matrixLines(r.filter), '');
  lines.push('output size, (W − K + 2P)/S + 1:', `  rows:    ${r.size.rows.text}`, `  columns: ${r.size.columns.text}`, '');
  lines.push(`each output cell (window rows and columns in the ${r.pad > 0 ? 'padded ' : ''}input, from 0):`);
  for (const c of r.cells) {
    lines.push(`  out[${c.row}][${c.col}]  rows ${c.top}–${c.top + r.window[0] - 1}, columns ${c.left}–${c.left + r.window[1] - 1}:  ${c.text}`);
  }
  lines.push('', `output (${shape(r.output)}):`, ...matrixLines(r.output));
  return lines.join('\n');
}
