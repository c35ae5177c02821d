// Small multiples of a per-layer metric: which small charts to draw, what each is titled, and which
// lines each holds. Pure, tested in Node.
//
// Layers are matched across runs by their place among the run's measured (weighted) layers, not by
// their summary-table row: a batch-normalised net has its FC layers at rows 1, 3, 5... and the plain
// one at 1, 2, 3..., so "L7" is a different layer in each. The k-th measured layer is "hidden k",
// and every run's last one is "output", so nets of different depth still line up at both ends.
//
// Two ways to cut the same data:
// - by layer: one chart per place (hidden 1, hidden 2, ..., output), a line per run in the run's
//   colour. Reads best when the runs share an architecture: "at hidden layer 1, which run has the
//   most dead units" is one glance. Chosen when every place has the same label in every run.
// - by run: one chart per run, a line per layer (colour by depth). Reads best when the runs differ
//   in their layers (activations, initializers): each run's fan-out over its own, truly labelled
//   layers, side by side on a shared axis. Chosen when labels differ, and for a single run.
import type { LayerStats } from '../core/events';

export type GroupBy = 'layer' | 'run';
/** Which layers a layer chart shows: all of them, or one place (hidden layers count from 1). */
export type LayerPick = 'all' | 'first hidden' | 'last hidden' | 'output' | number;

export interface RunLayers {
  runId: string;
  runName: string;
  layers: readonly Pick<LayerStats, 'layer' | 'label' | 'units'>[];
}

/** One line of a small chart: a run (by layer) or a layer (by run). */
export interface GroupLine {
  /** The line's id in its chart: the run id (by layer) or the place (by run). */
  id: string;
  runId: string;
  /** The index of the layer in the run's LayerStats list. */
  index: number;
  /** The layer's own label in that run, e.g. "FC-64 TANH XAVIER". */
  label: string;
}

export interface LayerGroup {
  id: string;
  title: string;
  /** The labels under the title when they differ between the lines: each label and who has it. */
  labels: { label: string; lines: string[] }[];
  lines: GroupLine[];
}

export interface LayerLayout {
  groupBy: GroupBy;
  groups: LayerGroup[];
  /** Every line id across the groups, in legend order: runs (by layer) or places (by run). */
  legend: { id: string; name: string }[];
}

/** "hidden 1"... or "output": a layer's place in its run, the key layers are matched by. */
export function placeOf(index: number, count: number): string {
  return index === count - 1 ? 'output' : `hidden ${index + 1}`;
}

function placeOrder(place: string): number {
  return place === 'output' ? Number.MAX_SAFE_INTEGER : Number(place.slice('hidden '.length));
}

/** The place a pick names in a run of `count` measured layers, or null if that run has none there. */
export function pickedPlace(pick: LayerPick, count: number): string | null {
  if (count === 0) return null;
  if (pick === 'output') return 'output';
  const hidden = count - 1;
  if (pick === 'first hidden') return hidden >= 1 ? placeOf(0, count) : null;
  if (pick === 'last hidden') return hidden >= 1 ? placeOf(hidden - 1, count) : null;
  if (typeof pick === 'number') return Number.isInteger(pick) && pick >= 1 && pick <= hidden ? placeOf(pick - 1, count) : null;
  return null;
}

/** Whether every place has one label across all runs (the runs share an architecture). */
export function labelsAgree(runs: readonly RunLayers[]): boolean {
  const byPlace = new Map<string, string>();
  for (const run of runs) {
    run.layers.forEach((l, i) => {
      const place = placeOf(i, run.layers.length);
      const seen = byPlace.get(place);
      if (seen === undefined) byPlace.set(place, l.label);
      else if (seen !== l.label) byPlace.set(place, '\u0000differs');
    });
  }
  return [...byPlace.values()].every((v) => v !== '\u0000differs');
}

/**
 * A run's layer labels in one line, runs of equal labels counted: "FC-64 TANH XAVIER ×5 · FC-10".
 */
export function compactLabels(labels: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < labels.length; ) {
    let j = i;
    while (j < labels.length && labels[j] === labels[i]) j++;
    parts.push(j - i > 1 ? `${labels[i]} ×${j - i}` : labels[i]);
    i = j;
  }
  return parts.join(' · ');
}

/**
 * The small multiples for these runs. 'auto' picks by layer when the runs' labels agree place by
 * place and there is more than one run, by run otherwise; a pick of one place is always by layer
 * (one chart, the runs compared at that layer).
 */
export function layoutLayers(runs: readonly RunLayers[], groupBy: GroupBy | 'auto' = 'auto', pick: LayerPick = 'all'): LayerLayout {
  const mode: GroupBy = pick !== 'all' ? 'layer' : groupBy !== 'auto' ? groupBy : runs.length > 1 && labelsAgree(runs) ? 'layer' : 'run';
  return mode === 'layer' ? byLayer(runs, pick) : byRun(runs);
}

function byLayer(runs: readonly RunLayers[], pick: LayerPick): LayerLayout {
  const places = new Map<string, GroupLine[]>();
  for (const run of runs) {
    const count = run.layers.length;
    const only = pick === 'all' ? null : pickedPlace(pick, count);
    if (pick !== 'all' && only === null) continue;
    run.layers.forEach((l, index) => {
      const place = placeOf(index, count);
      if (only !== null && place !== only) return;
      // One chart for the pick, whatever place it names in each run (the first hidden layer of a
      // deep and of a shallow net).
      const key = only !== null ? String(pick) : place;
      const lines = places.get(key) ?? [];
      lines.push({ id: run.runId, runId: run.runId, index, label: l.label });
      places.set(key, lines);
    });
  }
  const groups = [...places.entries()]
    .sort(([a], [b]) => placeOrder(a) - placeOrder(b))
    .map(([place, lines]) => {
      const distinct = [...new Set(lines.map((l) => l.label))];
      const name = place === 'output' ? 'output layer' : /^hidden \d+$/.test(place) ? `${place.replace('hidden', 'hidden layer')}` : `${place} layer`;
      const runName = (id: string) => runs.find((r) => r.runId === id)?.runName ?? id;
      return {
        id: place,
        title: distinct.length === 1 ? `${name} · ${distinct[0]}` : name,
        labels: distinct.length === 1 ? [] : distinct.map((label) => ({ label, lines: lines.filter((l) => l.label === label).map((l) => runName(l.runId)) })),
        lines,
      };
    });
  return { groupBy: 'layer', groups, legend: runs.map((r) => ({ id: r.runId, name: r.runName })) };
}

function byRun(runs: readonly RunLayers[]): LayerLayout {
  const places = new Set<string>();
  const groups = runs.map((run) => {
    const count = run.layers.length;
    const lines = run.layers.map((l, index) => {
      const place = placeOf(index, count);
      places.add(place);
      return { id: place, runId: run.runId, index, label: l.label };
    });
    return { id: run.runId, title: run.runName, labels: [{ label: compactLabels(run.layers.map((l) => l.label)), lines: [run.runName] }], lines };
  });
  const legend = [...places].sort((a, b) => placeOrder(a) - placeOrder(b)).map((p) => ({ id: p, name: p }));
  return { groupBy: 'run', groups, legend };
}

/** The index (in a run's LayerStats list) of the layer a pick names, or null if the run has none there. */
export function pickedIndex(pick: LayerPick, count: number): number | null {
  if (pick === 'all') return null;
  const place = pickedPlace(pick, count);
  if (place === null) return null;
  return place === 'output' ? count - 1 : Number(place.slice('hidden '.length)) - 1;
}
