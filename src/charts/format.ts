// Number formats for tooltips and ticks: short enough to read off a projected chart, precise enough
// to compare two runs (four significant digits), and exponents for gradients of 1e-7.
import { formatPercent as percent } from '../core/format';

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** 0..1 as a percentage with one decimal (the project's one percent format); NaN and ∞ as such. */
export function formatPercent(v: number): string {
  return Number.isFinite(v) ? percent(v) : formatValue(v);
}

/** Steps are integers; large ones get thousands separators so 120000 and 12000 do not blur. */
export function formatStep(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('en-US') : formatValue(v);
}

/** The step axis's title: "step", or "step (1 epoch = 938 steps)". */
export function stepAxisTitle(xLabel: string, stepsPerEpoch: number | null): string {
  return stepsPerEpoch ? `${xLabel} (1 epoch = ${stepsPerEpoch.toLocaleString('en-US')} step${stepsPerEpoch === 1 ? '' : 's'})` : xLabel;
}

/** "step 1,200" or, with epochs, "step 1,200 · epoch 1.28". */
export function stepText(step: number, stepsPerEpoch: number | null): string {
  const epoch = stepsPerEpoch ? ` · epoch ${(step / stepsPerEpoch).toLocaleString('en-US', { maximumFractionDigits: 2 })}` : '';
  return `step ${formatStep(step)}${epoch}`;
}

/** Axis ticks: as few characters as the value needs (0.4, not 0.4000; 1e-4, not 0.0001). */
export function formatTick(v: number, digits = 3): string {
  if (!Number.isFinite(v) || v === 0) return formatValue(v);
  const a = Math.abs(v);
  const rounded = Number(v.toPrecision(digits));
  if (a >= 1e5 || a < 1e-3) return rounded.toExponential().replace('e+', 'e');
  return String(rounded);
}

/**
 * Labels for a whole axis, each as short as formatTick makes it but with as many digits as it takes
 * for no two labelled ticks to read the same (a narrow range such as 2.001..2.004 would otherwise
 * print "2" four times). Ticks whose label is '' (unlabelled minor log ticks) stay ''.
 */
export function uniqueTickLabels(values: readonly number[], labelled: (i: number) => boolean = () => true): string[] {
  const MAX_DIGITS = 12;
  for (let digits = 3; ; digits++) {
    const labels = values.map((v, i) => (labelled(i) ? formatTick(v, digits) : ''));
    const seen = labels.filter((l) => l !== '');
    if (new Set(seen).size === seen.length || digits >= MAX_DIGITS) return labels;
  }
}
