// Number formats every surface shares (charts, tables, lessons, the command line), so that the same
// fraction reads the same everywhere: 1801 of 2000 is "90.0%" on the card, the chart and in `lab`.

/** 0..1 as a percentage with one decimal, e.g. accuracies; `missing` for anything not a number yet. */
export function formatPercent(fraction: number, missing = '–'): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : missing;
}
