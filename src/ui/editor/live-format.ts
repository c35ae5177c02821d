// Compact formatting of a run's live numbers. Anything not yet measured (NaN) shows as a dash.
import { formatPercent as percent } from '../../core/format';

const DASH = '—';

const finite = (v: number) => Number.isFinite(v);

export function formatLoss(v: number): string {
  if (!finite(v)) return DASH;
  return Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v.toPrecision(4);
}

export const formatPercent = (v: number): string => percent(v, DASH);

export function formatMs(v: number): string {
  if (!finite(v)) return DASH;
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US')} ms`;
}

export function formatCount(v: number): string {
  return finite(v) ? Math.round(v).toLocaleString('en-US') : DASH;
}
