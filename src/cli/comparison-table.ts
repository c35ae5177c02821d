// The comparisons table, printed by `lab bench --workload comparisons` and by the page bench alike.
import { COMPARISON_WORKLOADS, ratioToOneRun, type ComparisonResult } from '../bench/comparisons';
import { fixed, formatTable } from './format';

export function comparisonTable(results: readonly ComparisonResult[]): string {
  const rows = results.map((r) => [
    COMPARISON_WORKLOADS.find((w) => w.id === r.workload)?.title ?? r.workload,
    r.backend,
    String(r.runs),
    r.runs === 1 ? 'alone' : r.stacked ? 'stacked' : 'one by one',
    fixed(r.msPerStep, 2),
    r.rounds.length > 1 ? `${fixed(Math.min(...r.rounds), 2)}–${fixed(Math.max(...r.rounds), 2)}` : '',
    `${fixed(ratioToOneRun(r, results), 2)}x`,
  ]);
  return formatTable(['workload', 'backend', 'runs', 'training', 'ms/step', 'range', 'vs one run'], rows);
}
