// Text <-> number for the editor's inputs. Inputs are text, not type="number": the browser's number
// input reports "" for a partial entry such as "1e" or "-", so what the user typed would be lost.
import { parseDecimal } from '../../core/notation-tokens';

/** A finite decimal (0.5, -2, .5, 1e-3), or null for anything else, including "" and partial entries: the notation's own reading. */
export function parseNumber(text: string): number | null {
  return parseDecimal(text.trim());
}

/** JavaScript's shortest round-tripping text (0.1, 1e-7); anything not a finite number is shown as is. */
export function formatNumber(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : value == null ? '' : String(value);
}

/** The message beside a field whose text is not a number yet; the path matches the validator's. */
export function notANumber(text: string, path: string | undefined): string {
  const where = path ?? 'this field';
  return text.trim() === '' ? `${where} needs a number` : `${where} must be a number, got ${JSON.stringify(text)}`;
}
