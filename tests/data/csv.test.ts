import { describe, expect, it } from 'vitest';
import { CSV_LIMITS, parseCsv } from '../../src/data/csv';
import { applyStandardization, featureStats, splitTable } from '../../src/data/table';

const IRIS = `sepal_length,sepal_width,species
5.1,3.5,setosa
4.9,3.0,setosa
7.0,3.2,versicolor
6.4,3.2,versicolor
6.3,3.3,virginica
5.8,2.7,virginica
`;
const parse = (text: string, options: Parameters<typeof parseCsv>[1] = {}) => parseCsv(text, { name: 'data.csv', ...options });

describe('parseCsv', () => {
  it('reads numeric features and a string label from the last column, classes sorted', () => {
    const table = parse(IRIS);
    expect(table.featureNames).toEqual(['sepal_length', 'sepal_width']);
    expect(table.labelName).toBe('species');
    expect(table.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(table.count).toBe(6);
    expect(Array.from(table.x.subarray(0, 4))).toEqual([Math.fround(5.1), 3.5, Math.fround(4.9), 3]);
    expect(Array.from(table.labels)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('takes the label column by name, anywhere, and sorts integer labels numerically', () => {
    const table = parse('y,a,b\n10,1,2\n2,3,4\n10,5,6\n-1,7,8\n', { label: 'y' });
    expect(table.featureNames).toEqual(['a', 'b']);
    expect(table.classNames).toEqual(['-1', '2', '10']);
    expect(Array.from(table.labels)).toEqual([2, 1, 2, 0]);
    expect(Array.from(table.x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('handles RFC 4180 quoting, CRLF, a byte-order mark, blank lines, spaces and exponents', () => {
    const text = '\uFEFF"x, the first","say ""hi""",label\r\n" 1.5 ",-2e3,"class, with comma"\r\n\r\n.5,+4,"two\nlines"\r\n';
    const table = parse(text);
    expect(table.featureNames).toEqual(['x, the first', 'say "hi"']);
    expect(table.classNames).toEqual(['class, with comma', 'two\nlines']);
    expect(Array.from(table.x)).toEqual([1.5, -2000, 0.5, 4]);
    // Bytes work as well as text; the byte-order mark is dropped.
    const bytes = new TextEncoder().encode(text);
    expect(parseCsv(bytes).featureNames).toEqual(['x, the first', 'say "hi"']);
  });

  it('counts lines across quoted line breaks in its messages', () => {
    expect(() => parse('a,label\n1,"multi\nline"\nfoo,b\n')).toThrow('data.csv: line 4, column 1 ("a"): "foo" is not a number.');
  });

  describe('names the line, column and value of each error', () => {
    it('a bad number', () => {
      expect(() => parse('a,b,label\n1,2,x\n3,4..5,y\n')).toThrow('data.csv: line 3, column 2 ("b"): "4..5" is not a number.');
      expect(() => parse('a,b,label\n1,0x1f,x\n3,4,y\n')).toThrow('line 2, column 2 ("b"): "0x1f" is not a number.');
      expect(() => parse('a,b,label\n1,Infinity,x\n3,4,y\n')).toThrow('"Infinity" is not a number');
      expect(() => parse('a,b,label\n1,1e39,x\n3,4,y\n')).toThrow('line 2, column 2 ("b"): 1e39 is too large for a 32-bit float.');
    });

    it('a missing value and a missing label', () => {
      expect(() => parse('a,b,label\n1,,x\n3,4,y\n')).toThrow('data.csv: line 2, column 2 ("b"): the value is missing.');
      expect(() => parse('a,b,label\n1,2,x\n3,4, \n')).toThrow('data.csv: line 3, column 3 ("label"): the label is missing.');
    });

    it('ragged rows', () => {
      expect(() => parse('a,b,label\n1,2,x\n3,4\n')).toThrow(
        'data.csv: line 3 has 2 fields, but the header has 3 columns (a ragged row: a missing or extra comma?).',
      );
      expect(() => parse('a,b,label\n1,2,x,\n')).toThrow('line 2 has 4 fields, but the header has 3 columns');
    });

    it('an empty file, a missing header and a header without data', () => {
      expect(() => parse('')).toThrow('data.csv: the file is empty; it needs a header row naming the columns');
      expect(() => parse(' \n\r\n')).toThrow('the file is empty');
      expect(() => parse('1,2,0\n3,4,1\n')).toThrow(
        'data.csv: line 1 looks like data, not a header (every field is a number): the first line must name the columns, e.g. x1,x2,label.',
      );
      expect(() => parse('a,b,label\n')).toThrow('data.csv: the file has a header but no data rows.');
    });

    it('bad headers: a nameless column, a name twice, one column only, an unknown label column', () => {
      expect(() => parse('a,,label\n1,2,x\n')).toThrow('data.csv: line 1, column 2: the header gives this column no name.');
      expect(() => parse('a,b,a\n1,2,x\n')).toThrow('data.csv: line 1: the column name "a" appears twice (columns 1 and 3).');
      expect(() => parse('label\nx\ny\n')).toThrow('line 1: the header names one column; a table needs at least one feature column and a label column.');
      expect(() => parse(IRIS, { label: 'petal' })).toThrow('data.csv: there is no column named "petal"; the columns are "sepal_length", "sepal_width", "species".');
    });

    it('quoting mistakes', () => {
      expect(() => parse('a,label\n1,"open\n2,x\n')).toThrow('data.csv: line 2, column 2: a quoted field is never closed (a missing ").');
      expect(() => parse('a,label\n1,"ab"c\n')).toThrow('data.csv: line 2, column 2: "c" follows a closing quote; a quote inside a quoted field must be doubled ("").');
      expect(() => parse('a,label\n1,ab"c\n')).toThrow('data.csv: line 2, column 2: a quote inside the unquoted field "ab\\"c"; quote the whole field and double the quote ("").');
    });

    it('one class only, and text that is not UTF-8', () => {
      expect(() => parse('a,label\n1,x\n2,x\n')).toThrow('data.csv: every row has the label "x" in column "label"; a classifier needs at least two classes.');
      expect(() => parseCsv(Uint8Array.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x0a]), { name: 'sheet.xlsx' })).toThrow(
        'sheet.xlsx: the file is not UTF-8 text (a spreadsheet saved as .xlsx or .numbers? export it as CSV, UTF-8).',
      );
    });
  });

  describe('enforces its limits with a message, before allocating the table', () => {
    it('states sane defaults', () => {
      expect(CSV_LIMITS).toEqual({ maxBytes: 52_428_800, maxRows: 100_000, maxColumns: 1024, maxClasses: 100, maxCells: 10_000_000 });
    });

    it('too many classes', () => {
      const rows = Array.from({ length: 101 }, (_, i) => `${i},c${i}`).join('\n');
      expect(() => parse(`a,kind\n${rows}\n`)).toThrow(
        'data.csv: the label column "kind" has more than 100 distinct values (the next, "c100", is on line 102); a classifier takes at most 100 classes: is it the right label column?',
      );
      expect(parse(`a,kind\n${rows}\n`, { limits: { maxClasses: 101 } }).classNames).toHaveLength(101);
    });

    it('too many rows, columns, values and bytes', () => {
      const rows = (n: number) => Array.from({ length: n }, (_, i) => `${i},${i % 2}`).join('\n');
      expect(() => parse(`a,label\n${rows(6)}\n`, { limits: { maxRows: 5 } })).toThrow(
        'data.csv: more than 5 data rows (line 7 is row 6); the limit is 5 rows: use a sample of the data.',
      );
      const wide = Array.from({ length: 1025 }, (_, i) => `c${i}`).join(',');
      expect(() => parse(`${wide}\n`)).toThrow('data.csv: line 1 has more than 1,024 fields; the limit is 1,024 columns.');
      expect(() => parse(`a,b,label\n1,2,x\n3,4,y\n5,6,x\n`, { limits: { maxCells: 5 } })).toThrow(
        'data.csv: 3 rows x 2 feature columns = 6 values; the limit is 5: use fewer rows or columns.',
      );
      expect(() => parse(IRIS, { limits: { maxBytes: 100 } })).toThrow(`data.csv: the file is ${IRIS.length} bytes; the limit is 100 bytes`);
    });

    it('the defaults hold a full-size table: 100,000 rows', () => {
      const table = parse(`a,b,label\n${Array.from({ length: 100_000 }, (_, i) => `${i},${-i},${i % 3}`).join('\n')}\n`);
      expect(table.count).toBe(100_000);
      expect(table.x[2 * 99_999 + 1]).toBe(-99_999);
      expect(() => parse(`a,b,label\n${Array.from({ length: 100_001 }, (_, i) => `${i},${-i},${i % 3}`).join('\n')}\n`)).toThrow(
        'more than 100,000 data rows (line 100,002 is row 100,001)',
      );
    });
  });
});

describe('splitTable and standardisation', () => {
  const table = parse(`f1,f2,label\n${Array.from({ length: 100 }, (_, i) => `${i},${1000 + 10 * (i % 7)},${i % 2 ? 'odd' : 'even'}`).join('\n')}\n`);

  it('splits stratified and seeded, every row used once', () => {
    const a = splitTable(table, { testFraction: 0.2, seed: 1 });
    expect([a.train.count, a.test.count]).toEqual([80, 20]);
    expect(a.featureShape).toEqual([2]);
    expect(a.classNames).toEqual(['even', 'odd']);
    expect(a.test.labels.reduce((s, l) => s + l, 0)).toBe(10);
    const rows = new Set([...a.train.x.filter((_, i) => i % 2 === 0), ...a.test.x.filter((_, i) => i % 2 === 0)]);
    expect(rows.size).toBe(100);
    expect(splitTable(table, { seed: 1 }).train.x).toEqual(a.train.x);
    expect(splitTable(table, { seed: 2 }).train.x).not.toEqual(a.train.x);
    expect(a.standardization).toBeNull();
  });

  it('standardises with the training rows’ mean and deviation, applied to the test rows too', () => {
    const plain = splitTable(table, { seed: 3 });
    const scaled = splitTable(table, { seed: 3, standardize: true });
    const stats = featureStats(plain.train.x, 2);
    expect(scaled.standardization).toEqual(stats);
    for (let f = 0; f < 2; f++) {
      const column = Array.from(scaled.train.x.filter((_, i) => i % 2 === f));
      const mean = column.reduce((s, v) => s + v, 0) / column.length;
      const sd = Math.sqrt(column.reduce((s, v) => s + (v - mean) ** 2, 0) / column.length);
      expect(mean).toBeCloseTo(0, 5);
      expect(sd).toBeCloseTo(1, 5);
    }
    expect(scaled.test.x[0]).toBeCloseTo((plain.test.x[0] - stats.mean[0]) / stats.std[0], 5);
  });

  it('maps a constant feature to 0 instead of dividing by zero', () => {
    const x = Float32Array.from([5, 1, 5, 2, 5, 3]);
    const stats = featureStats(x, 2);
    expect(stats.std[0]).toBe(1);
    expect(Array.from(applyStandardization(x, 2, stats)).filter((_, i) => i % 2 === 0)).toEqual([0, 0, 0]);
  });
});
