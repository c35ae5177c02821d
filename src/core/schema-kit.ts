// Number ranges as data, so that one declaration gives the zod check, the message it prints
// ("must be in (0, 100], got 0") and the docs' wording ("number in (0, 100]") alike.
import { z } from 'zod';

export interface NumberRange {
  min: number;
  max: number;
  /** The bound itself is excluded: (0, 1) rather than [0, 1]. */
  minOpen?: boolean;
  maxOpen?: boolean;
  /** Whole numbers only. */
  integer?: boolean;
}

const fmt = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
const bound = (v: number) => (v === Infinity ? '∞' : v.toLocaleString('en-US', { maximumFractionDigits: 20 }));

export function inRange(range: NumberRange, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (range.integer && !Number.isInteger(v)) return false;
  const aboveMin = range.minOpen ? v > range.min : v >= range.min;
  const belowMax = range.maxOpen ? v < range.max : v <= range.max;
  return aboveMin && belowMax;
}

/** "integer from 1 to 4,096", "number in (0, 100]", "number ≥ 0", "number > 0". */
export function describeRange(range: NumberRange): string {
  if (range.integer) return `integer from ${bound(range.min)} to ${bound(range.max)}`;
  if (range.max === Infinity) return `number ${range.minOpen ? '>' : '≥'} ${bound(range.min)}`;
  return `number in ${range.minOpen ? '(' : '['}${bound(range.min)}, ${bound(range.max)}${range.maxOpen ? ')' : ']'}`;
}

/** The message a value outside the range gets, after its field path. */
export function rangeMessage(range: NumberRange, got: unknown): string {
  return range.integer ? `must be an integer from ${range.min} to ${range.max}, got ${fmt(got)}` : `must be in ${interval(range)}, got ${fmt(got)}`;
}

function interval(range: NumberRange): string {
  return `${range.minOpen ? '(' : '['}${range.min}, ${range.max === Infinity ? '∞' : range.max}${range.maxOpen ? ')' : ']'}`;
}

export function numberSchema(range: NumberRange) {
  return z.number().refine((v) => inRange(range, v), { error: (issue) => rangeMessage(range, issue.input) });
}

export const POSITIVE: NumberRange = { min: 0, max: Infinity, minOpen: true, maxOpen: true };
export const NON_NEGATIVE: NumberRange = { min: 0, max: Infinity, maxOpen: true };
export const UNIT_INTERVAL: NumberRange = { min: 0, max: 1, maxOpen: true };
export const SEED: NumberRange = { min: 0, max: 2 ** 31 - 1, integer: true };

export const integerIn = (min: number, max: number) => numberSchema({ min, max, integer: true });
export const positive = () => numberSchema(POSITIVE);
export const nonNegative = () => numberSchema(NON_NEGATIVE);
export const unitInterval = () => numberSchema(UNIT_INTERVAL);
export const seedSchema = () => numberSchema(SEED);
