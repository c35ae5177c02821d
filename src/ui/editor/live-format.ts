// Compact formatting of a run's live numbers. Anything not yet measured (NaN) shows as a dash.
const DASH = '—';

const finite = (v: number) => Number.isFinite(v);

export function formatLoss(v: number): string {
  if (!finite(v)) return DASH;
  return Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v.toPrecision(4);
}

export function formatPercent(v: number): string {
  return finite(v) ? `${(v * 100).toFixed(1)}%` : DASH;
}

export function formatMs(v: number): string {
  if (!finite(v)) return DASH;
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US')} ms`;
}

export function formatCount(v: number): string {
  return finite(v) ? Math.round(v).toLocaleString('en-US') : DASH;
}
