// Convolution and pooling worked out by hand, the way a student does it on paper: the padded input,
// the window under each output cell with its sum of products, the output, and the output-size
// formula with the numbers filled in. Pure numbers (no tfjs): the calculator view, `lab conv` and
// the tests all read the same steps. Sizes are checked before anything is allocated.

export type Matrix = number[][];

/** Largest side of an input, filter or window: by hand means small, and the page must stay readable. */
export const MAX_SIDE = 32;
export const MAX_STRIDE = 32;
export const MAX_PAD = 16;
/** A matrix written as text is refused beyond this many characters, before it is split. */
export const MAX_MATRIX_TEXT = 16_384;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * "0 1 0; 1 1 0; 0 0 1": rows separated by `;` (or new lines), numbers by spaces or commas.
 * Every problem is reported, each with its row and column (counted from 1), e.g.
 * `input: row 2 has 2 numbers, row 1 has 3`.
 */
export function parseMatrix(text: string, name: string): Parsed<Matrix> {
  if (text.length > MAX_MATRIX_TEXT) return fail(`${name}: ${text.length} characters is too long (at most ${MAX_MATRIX_TEXT})`);
  const rowTexts = text.split(/[;\n]/).map((r) => r.trim());
  while (rowTexts.length > 0 && rowTexts[rowTexts.length - 1] === '') rowTexts.pop(); // a trailing ";" is harmless
  if (rowTexts.length === 0 || rowTexts.every((r) => r === '')) return fail(`${name}: no numbers (write rows separated by ";", e.g. "1 0; 0 1")`);
  if (rowTexts.length > MAX_SIDE) return fail(`${name}: ${rowTexts.length} rows is too many (at most ${MAX_SIDE})`);
  const errors: string[] = [];
  const rows: Matrix = [];
  rowTexts.forEach((rowText, r) => {
    const cells = rowText === '' ? [] : rowText.split(/[\s,]+/).filter((c) => c !== '');
    if (cells.length === 0) return void errors.push(`${name}: row ${r + 1} is empty`);
    if (cells.length > MAX_SIDE) return void errors.push(`${name}: row ${r + 1} has ${cells.length} numbers, too many (at most ${MAX_SIDE})`);
    const row: number[] = [];
    cells.forEach((cell, c) => {
      const value = NUMBER.test(cell) ? Number(cell) : NaN;
      if (!Number.isFinite(value)) errors.push(`${name}: row ${r + 1}, column ${c + 1}: ${JSON.stringify(cell)} is not a number`);
      row.push(value);
    });
    rows.push(row);
  });
  if (errors.length === 0) {
    const width = rows[0].length;
    rows.forEach((row, r) => {
      if (row.length !== width) errors.push(`${name}: row ${r + 1} has ${row.length} number${row.length === 1 ? '' : 's'}, row 1 has ${width} (every row needs the same count)`);
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: rows };
}

/** (W − K + 2P)/S + 1 along one axis, with the numbers filled in. */
export interface SizeFormula {
  axis: 'rows' | 'columns';
  input: number;
  kernel: number;
  pad: number;
  stride: number;
  output: number;
  /** e.g. "(5 − 3 + 2·1)/2 + 1 = 4/2 + 1 = 3" */
  text: string;
}

/** One product of a window: the padded input at (row, col) times the filter's weight (or, pooling, the value alone). */
export interface Term {
  /** Position in the padded input, from 0. */
  row: number;
  col: number;
  value: number;
  /** Convolution only: the filter weight and value·weight. */
  weight?: number;
  product?: number;
}

export interface OutputCell {
  row: number;
  col: number;
  /** The window's top-left corner in the padded input. */
  top: number;
  left: number;
  terms: Term[];
  value: number;
  /** e.g. "0·1 + 1·0 + 1·0 + 1·1 = 1", "max(0, 1, 1, 1) = 1", "(0 + 1 + 1 + 1)/4 = 0.75" */
  text: string;
}

export interface HandResult {
  operation: 'conv' | 'max' | 'avg';
  input: Matrix;
  /** The input with P zeros on every side (the input itself when P is 0). */
  padded: Matrix;
  /** The filter (convolution) or null (pooling). */
  filter: Matrix | null;
  /** Window height and width. */
  window: [number, number];
  stride: number;
  pad: number;
  size: { rows: SizeFormula; columns: SizeFormula };
  /** Row by row. */
  cells: OutputCell[];
  output: Matrix;
}

export interface ConvRequest {
  input: Matrix;
  filter: Matrix;
  stride: number;
  pad: number;
}

export interface PoolRequest {
  input: Matrix;
  kind: 'max' | 'avg';
  window: number;
  /** Defaults to the window (non-overlapping pooling, as POOLk in the notation). */
  stride?: number;
}

/** out = Σ padded[top + i][left + j] · filter[i][j] (cross-correlation, as every deep-learning library computes it). */
export function convolveByHand(request: ConvRequest): Parsed<HandResult> {
  const { input, filter, stride, pad } = request;
  const errors = [...checkMatrix(input, 'input'), ...checkMatrix(filter, 'filter'), ...checkCount(stride, 'stride', 1, MAX_STRIDE), ...checkCount(pad, 'padding', 0, MAX_PAD)];
  if (errors.length) return { ok: false, errors };
  const sizes = outputSizes(input, [filter.length, filter[0].length], stride, pad, 'filter');
  if (!sizes.ok) return sizes;
  const padded = padMatrix(input, pad);
  const cells = windows(sizes.value, stride, (top, left, row, col) => {
    const terms: Term[] = [];
    filter.forEach((filterRow, i) =>
      filterRow.forEach((weight, j) => {
        const value = padded[top + i][left + j];
        terms.push({ row: top + i, col: left + j, value, weight, product: value * weight });
      }),
    );
    const value = terms.reduce((sum, t) => sum + t.product!, 0);
    const text = `${terms.map((t) => `${shown(t.value)}·${shown(t.weight!)}`).join(' + ')} = ${fmt(value)}`;
    return { row, col, top, left, terms, value, text };
  });
  return done('conv', request.input, padded, filter, [filter.length, filter[0].length], stride, pad, sizes.value, cells);
}

/** Max or average pooling of each window (no padding: a pooling window covers real inputs only). */
export function poolByHand(request: PoolRequest): Parsed<HandResult> {
  const { input, kind, window } = request;
  const stride = request.stride ?? window;
  const errors = [...checkMatrix(input, 'input'), ...checkCount(window, 'window', 1, MAX_SIDE), ...checkCount(stride, 'stride', 1, MAX_STRIDE)];
  if (errors.length) return { ok: false, errors };
  const sizes = outputSizes(input, [window, window], stride, 0, 'window');
  if (!sizes.ok) return sizes;
  const cells = windows(sizes.value, stride, (top, left, row, col) => {
    const terms: Term[] = [];
    for (let i = 0; i < window; i++) for (let j = 0; j < window; j++) terms.push({ row: top + i, col: left + j, value: input[top + i][left + j] });
    const values = terms.map((t) => t.value);
    const value = kind === 'max' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;
    const text = kind === 'max' ? `max(${values.map(fmt).join(', ')}) = ${fmt(value)}` : `(${values.map(fmt).join(' + ')})/${values.length} = ${fmt(value)}`;
    return { row, col, top, left, terms, value, text };
  });
  return done(kind, input, input.map((r) => [...r]), null, [window, window], stride, 0, sizes.value, cells);
}

/** Numbers as a student writes them: integers plainly, others to 4 significant digits, no trailing zeros. */
export function fmt(x: number): string {
  if (Object.is(x, -0)) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e9) return String(x);
  return String(Number(x.toPrecision(4)));
}

const shown = (x: number) => (x < 0 ? `(${fmt(x)})` : fmt(x));
const fail = (message: string): { ok: false; errors: string[] } => ({ ok: false, errors: [message] });

function checkMatrix(m: Matrix, name: string): string[] {
  if (!Array.isArray(m) || m.length === 0 || !Array.isArray(m[0]) || m[0].length === 0) return [`${name} must have at least one row and one column`];
  if (m.length > MAX_SIDE || m.some((row) => !Array.isArray(row) || row.length > MAX_SIDE)) return [`${name} is larger than ${MAX_SIDE}x${MAX_SIDE}`];
  const errors: string[] = [];
  m.forEach((row, r) => {
    if (row.length !== m[0].length) errors.push(`${name}: row ${r + 1} has ${row.length} numbers, row 1 has ${m[0].length}`);
    row.forEach((v, c) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) errors.push(`${name}: row ${r + 1}, column ${c + 1} is not a finite number (got ${String(v)})`);
    });
  });
  return errors;
}

function checkCount(value: number, name: string, min: number, max: number): string[] {
  return Number.isInteger(value) && value >= min && value <= max ? [] : [`${name} must be a whole number from ${min} to ${max}, got ${String(value)}`];
}

function outputSizes(input: Matrix, [kh, kw]: [number, number], stride: number, pad: number, what: string): Parsed<{ rows: SizeFormula; columns: SizeFormula }> {
  const rows = sizeFormula('rows', input.length, kh, pad, stride);
  const columns = sizeFormula('columns', input[0].length, kw, pad, stride);
  const errors: string[] = [];
  for (const f of [rows, columns]) {
    const span = f.input + 2 * f.pad;
    if (f.kernel > span) {
      const extent = f.axis === 'rows' ? 'tall' : 'wide';
      errors.push(`the ${what} is ${f.kernel} ${f.axis} ${extent}, but the ${pad ? `padded input has only ${span} (${f.input} + 2·${pad})` : `input has only ${span}`}: it fits nowhere`);
    } else if ((span - f.kernel) % stride !== 0) {
      errors.push(
        `along the ${f.axis}, (W − K + 2P)/S = (${f.input} − ${f.kernel} + 2·${f.pad})/${stride} = ${span - f.kernel}/${stride} is not a whole number: ` +
          `the ${what} does not fit evenly (change the stride or the padding)`,
      );
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: { rows, columns } };
}

function sizeFormula(axis: SizeFormula['axis'], input: number, kernel: number, pad: number, stride: number): SizeFormula {
  const numerator = input - kernel + 2 * pad;
  const output = Math.floor(numerator / stride) + 1;
  const text = `(${input} − ${kernel} + 2·${pad})/${stride} + 1 = ${numerator}/${stride} + 1 = ${output}`;
  return { axis, input, kernel, pad, stride, output, text };
}

function padMatrix(m: Matrix, pad: number): Matrix {
  const width = m[0].length + 2 * pad;
  const zeros = () => new Array<number>(width).fill(0);
  return [...Array.from({ length: pad }, zeros), ...m.map((row) => [...new Array<number>(pad).fill(0), ...row, ...new Array<number>(pad).fill(0)]), ...Array.from({ length: pad }, zeros)];
}

function windows(size: { rows: SizeFormula; columns: SizeFormula }, stride: number, cell: (top: number, left: number, row: number, col: number) => OutputCell): OutputCell[] {
  const cells: OutputCell[] = [];
  for (let row = 0; row < size.rows.output; row++) for (let col = 0; col < size.columns.output; col++) cells.push(cell(row * stride, col * stride, row, col));
  return cells;
}

function done(
  operation: HandResult['operation'],
  input: Matrix,
  padded: Matrix,
  filter: Matrix | null,
  window: [number, number],
  stride: number,
  pad: number,
  size: HandResult['size'],
  cells: OutputCell[],
): Parsed<HandResult> {
  const output = Array.from({ length: size.rows.output }, (_, r) => cells.slice(r * size.columns.output, (r + 1) * size.columns.output).map((c) => c.value));
  return { ok: true, value: { operation, input: input.map((r) => [...r]), padded, filter: filter && filter.map((r) => [...r]), window, stride, pad, size, cells, output } };
}
