// Text output for the terminal: aligned tables and a one-line progress bar.
import { formatPercent } from '../core/format';

/** Columns padded to their widest cell; numbers (and the header above them) align right. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+%?$|^—$/.test(r[c])));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function progressBar(fraction: number, width = 24): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`;
}

/** Fixed decimals; very large or small magnitudes (a diverging loss) in exponent notation. */
export function fixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '—';
  return Math.abs(value) >= 1e6 ? value.toExponential(2) : value.toFixed(digits);
}

export const percent = (fraction: number): string => formatPercent(fraction, '—');
