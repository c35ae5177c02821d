// The convolution calculator's logic, apart from its component: the typed fields in, each field's
// problems and the worked result (src/core/conv-by-hand.ts does the arithmetic) out.
import { convolveByHand, parseMatrix, poolByHand, type HandResult, type Matrix } from '../../core/conv-by-hand';

export type Mode = 'conv' | 'max' | 'avg';

export interface CalculatorFields {
  mode: Mode;
  input: string;
  filter: string;
  /** Pooling's window side. */
  window: string;
  stride: string;
  pad: string;
}

export type FieldName = 'input' | 'filter' | 'window' | 'stride' | 'pad';

export interface Worked {
  /** Each field's problems, shown beside it. */
  fields: Partial<Record<FieldName, string[]>>;
  /** Problems of the fields together (a filter that does not fit the input). */
  general: string[];
  result: HandResult | null;
}

/** A whole number as typed, or the message that says why not. */
function whole(text: string, name: string): number | string {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return `${name}: ${JSON.stringify(trimmed)} is not a whole number`;
  return Number(trimmed);
}

/** Which field a message from conv-by-hand.ts is about, by the word it starts with. */
function fieldOf(message: string): FieldName | null {
  const first = /^(input|filter|window|stride|padding)\b/.exec(message)?.[1];
  return first === undefined ? null : first === 'padding' ? 'pad' : (first as FieldName);
}

export function work(f: CalculatorFields): Worked {
  const fields: Worked['fields'] = {};
  const general: string[] = [];
  const add = (message: string) => {
    const field = fieldOf(message);
    if (field) (fields[field] ??= []).push(message);
    else general.push(message);
  };
  const input = parseMatrix(f.input, 'input');
  if (!input.ok) input.errors.forEach(add);
  const filter = f.mode === 'conv' ? parseMatrix(f.filter, 'filter') : null;
  if (filter && !filter.ok) filter.errors.forEach(add);
  const stride = whole(f.stride, 'stride');
  const pad = f.mode === 'conv' ? whole(f.pad, 'padding') : 0;
  const window = f.mode === 'conv' ? 0 : whole(f.window, 'window');
  for (const v of [stride, pad, window]) if (typeof v === 'string') add(v);
  if (Object.keys(fields).length > 0 || !input.ok) return { fields, general, result: null };
  const worked =
    f.mode === 'conv'
      ? convolveByHand({ input: input.value, filter: (filter as { value: Matrix }).value, stride: stride as number, pad: pad as number })
      : poolByHand({ input: input.value, kind: f.mode, window: window as number, stride: stride as number });
  if (!worked.ok) {
    worked.errors.forEach(add);
    return { fields, general, result: null };
  }
  return { fields, general, result: worked.value };
}

/** "r,c" keys of the padded-input cells under output cell `index`'s window. */
export function windowCells(result: HandResult, index: number): Set<string> {
  const cell = result.cells[index];
  return new Set(cell ? cell.terms.map((t) => `${t.row},${t.col}`) : []);
}

/** The output cell an arrow key moves to from `index` (rows of `columns` cells), or null for other keys. */
export function moveCell(index: number, key: string, rows: number, columns: number): number | null {
  const [r, c] = [Math.floor(index / columns), index % columns];
  const to: Record<string, [number, number]> = {
    ArrowLeft: [r, c - 1],
    ArrowRight: [r, c + 1],
    ArrowUp: [r - 1, c],
    ArrowDown: [r + 1, c],
    Home: [r, 0],
    End: [r, columns - 1],
  };
  const target = to[key];
  if (!target) return null;
  const [nr, nc] = [Math.min(rows - 1, Math.max(0, target[0])), Math.min(columns - 1, Math.max(0, target[1]))];
  return nr * columns + nc;
}
