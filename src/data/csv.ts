// A student's own table: numeric feature columns and one label column, from a CSV file (RFC 4180:
// comma-separated, fields may be quoted with "", a quote inside a quoted field is doubled, quoted
// fields may span lines). A header row is required; the label column is chosen by name (default:
// the last) and its values may be class names or integers.
//
// Written here rather than taken from a CSV library for two reasons: errors must name the line, the
// column and the value, and the limits must hold before the big arrays exist. The text is read twice:
// the first pass checks the shape (field counts, row count, classes) without storing any values, then
// the feature array is allocated at its exact size and the second pass parses the numbers into it.

export interface CsvLimits {
  /** File size in bytes. */
  maxBytes: number;
  /** Data rows (the header not counted). */
  maxRows: number;
  /** Columns, the label included. */
  maxColumns: number;
  /** Distinct labels. */
  maxClasses: number;
  /** Feature values in all (rows x feature columns): bounds the memory a table takes. */
  maxCells: number;
}

/** 100,000 rows, 1,024 columns, 100 classes, 10 million values (40 MB of floats), 50 MiB of text. */
export const CSV_LIMITS: Readonly<CsvLimits> = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 1_024,
  maxClasses: 100,
  maxCells: 10_000_000,
};

export interface CsvOptions {
  /** Name of the label column; default the last column. */
  label?: string;
  /** The file's name, to begin every message with. */
  name?: string;
  limits?: Partial<CsvLimits>;
}

export interface CsvTable {
  featureNames: string[];
  labelName: string;
  /** Distinct labels, sorted (numerically when every label is an integer); a row's label is an index into this. */
  classNames: string[];
  count: number;
  /** count rows of featureNames.length floats, row after row. */
  x: Float32Array;
  labels: Uint8Array;
}

type Fail = (message: string) => never;

/** Parses a CSV file (bytes as read, or text). Throws an Error naming the line, column and value at fault. */
export function parseCsv(input: string | Uint8Array, options: CsvOptions = {}): CsvTable {
  const limits = { ...CSV_LIMITS, ...options.limits };
  const fail: Fail = (message) => {
    throw new Error(`${options.name ?? 'CSV file'}: ${message}`);
  };
  const text = decode(input, limits.maxBytes, fail);
  if (text.trim() === '') fail('the file is empty; it needs a header row naming the columns, then one row per example.');

  // Pass 1: the header, then the shape of every row and the set of labels; no value is stored.
  let header: string[] | null = null;
  let labelColumn = -1;
  let rows = 0;
  const classes = new Map<string, number>(); // label -> line it first appears on
  forEachRecord(text, limits.maxColumns, fail, (fields, line) => {
    if (header === null) {
      header = checkHeader(fields, line, limits, fail);
      labelColumn = options.label === undefined ? header.length - 1 : header.indexOf(options.label);
      if (labelColumn < 0) fail(`there is no column named ${JSON.stringify(options.label)}; the columns are ${header.map((h) => JSON.stringify(h)).join(', ')}.`);
      return;
    }
    if (fields.length !== header.length) {
      fail(`line ${line} has ${fields.length} field${fields.length === 1 ? '' : 's'}, but the header has ${header.length} columns (a ragged row: a missing or extra comma?).`);
    }
    rows++;
    if (rows > limits.maxRows) fail(`more than ${fmt(limits.maxRows)} data rows (line ${fmt(line)} is row ${fmt(rows)}); the limit is ${fmt(limits.maxRows)} rows: use a sample of the data.`);
    const label = fields[labelColumn].trim();
    if (label === '') fail(`line ${line}, column ${labelColumn + 1} (${JSON.stringify(header[labelColumn])}): the label is missing.`);
    if (!classes.has(label)) {
      if (classes.size === limits.maxClasses) {
        fail(
          `the label column ${JSON.stringify(header[labelColumn])} has more than ${limits.maxClasses} distinct values (the next, ${JSON.stringify(label)}, is on line ${line}); a classifier takes at most ${limits.maxClasses} classes: is it the right label column?`,
        );
      }
      classes.set(label, line);
    }
  });
  if (header === null) fail('the file is empty; it needs a header row naming the columns.');
  const names: string[] = header;
  if (rows === 0) fail('the file has a header but no data rows.');
  const labelName = names[labelColumn];
  if (classes.size < 2) fail(`every row has the label ${JSON.stringify([...classes.keys()][0])} in column ${JSON.stringify(labelName)}; a classifier needs at least two classes.`);
  const featureNames = names.filter((_, c) => c !== labelColumn);
  const cells = rows * featureNames.length;
  if (cells > limits.maxCells) {
    fail(`${fmt(rows)} rows x ${featureNames.length} feature columns = ${fmt(cells)} values; the limit is ${fmt(limits.maxCells)}: use fewer rows or columns.`);
  }

  // Pass 2: the arrays at their exact sizes, then the numbers.
  const classNames = sortLabels([...classes.keys()]);
  const classIndex = new Map(classNames.map((c, i) => [c, i]));
  const x = new Float32Array(cells);
  const labels = new Uint8Array(rows);
  let row = -2; // incremented before use: the header becomes row -1, the first data row 0
  forEachRecord(text, limits.maxColumns, fail, (fields, line) => {
    if (++row < 0) return;
    let at = row * featureNames.length;
    for (let c = 0; c < fields.length; c++) {
      if (c === labelColumn) continue;
      x[at++] = parseNumber(fields[c], () => `line ${line}, column ${c + 1} (${JSON.stringify(names[c])})`, fail);
    }
    labels[row] = classIndex.get(fields[labelColumn].trim())!;
  });
  return { featureNames, labelName, classNames, count: rows, x, labels };
}

// The core build has no DOM types: the one TextDecoder use, declared.
interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}
type DecoderCtor = new (label: 'utf-8', options: { fatal: boolean }) => Utf8Decoder;

function decode(input: string | Uint8Array, maxBytes: number, fail: Fail): string {
  // A string's length in UTF-16 units never exceeds its UTF-8 bytes, so this check is on the safe side.
  const size = input.length;
  if (size > maxBytes) fail(`the file is ${fmt(size)} bytes; the limit is ${fmt(maxBytes)} bytes (${Math.round(maxBytes / 2 ** 20)} MiB).`);
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const Decoder = (globalThis as unknown as { TextDecoder: DecoderCtor }).TextDecoder;
  try {
    return new Decoder('utf-8', { fatal: true }).decode(input); // drops a byte-order mark
  } catch {
    return fail('the file is not UTF-8 text (a spreadsheet saved as .xlsx or .numbers? export it as CSV, UTF-8).');
  }
}

function checkHeader(fields: string[], line: number, limits: CsvLimits, fail: Fail): string[] {
  const names = fields.map((f) => f.trim());
  if (names.length > limits.maxColumns) fail(`the header has ${fmt(names.length)} columns; the limit is ${fmt(limits.maxColumns)}.`);
  if (names.every((n) => NUMBER.test(n))) {
    fail(`line ${line} looks like data, not a header (every field is a number): the first line must name the columns, e.g. x1,x2,label.`);
  }
  names.forEach((name, c) => {
    if (name === '') fail(`line ${line}, column ${c + 1}: the header gives this column no name.`);
    const first = names.indexOf(name);
    if (first !== c) fail(`line ${line}: the column name ${JSON.stringify(name)} appears twice (columns ${first + 1} and ${c + 1}).`);
  });
  if (names.length < 2) fail(`line ${line}: the header names one column; a table needs at least one feature column and a label column.`);
  return names;
}

/** A plain decimal number, optionally with an exponent: no hex, no Infinity, no empty string (which Number() would read as 0). */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseNumber(field: string, where: () => string, fail: Fail): number {
  const value = field.trim();
  if (value === '') fail(`${where()}: the value is missing.`);
  if (!NUMBER.test(value)) fail(`${where()}: ${JSON.stringify(value)} is not a number.`);
  const n = Number(value);
  if (!Number.isFinite(n) || Math.abs(n) > 3.4e38) fail(`${where()}: ${value} is too large for a 32-bit float.`);
  return n;
}

const INTEGER = /^[+-]?\d+$/;

function sortLabels(labels: string[]): string[] {
  if (labels.every((l) => INTEGER.test(l))) return labels.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  return labels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Calls onRecord with each record's fields and the line it starts on (1-based), skipping blank lines.
 * Records end at LF, CRLF or a lone CR; a field holding a comma, quote or line break must be quoted.
 */
function forEachRecord(text: string, maxColumns: number, fail: Fail, onRecord: (fields: string[], line: number) => void): void {
  const n = text.length;
  let i = 0;
  let line = 1;
  const endsLine = (c: string) => c === '\n' || c === '\r';
  const skipLineEnd = () => {
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
  };
  while (i < n) {
    if (endsLine(text[i])) {
      skipLineEnd();
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      const column = fields.length + 1;
      if (column > maxColumns) fail(`line ${start} has more than ${fmt(maxColumns)} fields; the limit is ${fmt(maxColumns)} columns.`);
      if (text[i] === '"') {
        let value = '';
        i++;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote < 0) fail(`line ${line}, column ${column}: a quoted field is never closed (a missing ").`);
          value += text.slice(i, quote);
          for (let k = i; k < quote; k++) if (text[k] === '\n' || (text[k] === '\r' && text[k + 1] !== '\n')) line++;
          if (text[quote + 1] === '"') {
            value += '"';
            i = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        if (i < n && text[i] !== ',' && !endsLine(text[i])) {
          fail(`line ${line}, column ${column}: ${JSON.stringify(text[i])} follows a closing quote; a quote inside a quoted field must be doubled ("").`);
        }
        fields.push(value);
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && !endsLine(text[j])) j++;
        const value = text.slice(i, j);
        if (value.includes('"')) {
          fail(`line ${line}, column ${column}: a quote inside the unquoted field ${JSON.stringify(value)}; quote the whole field and double the quote ("").`);
        }
        fields.push(value);
        i = j;
      }
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (i < n) skipLineEnd();
      break;
    }
    onRecord(fields, start);
  }
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
