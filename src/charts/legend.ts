// The legend is "colour = run, line style = series kind" rather than one entry per line: eight runs
// with train and test would make 16 entries. It is HTML beside the plot (never inside the canvas,
// where it ate the plot): each entry is a toggle button. A run entry shows or hides all its lines,
// a kind entry (e.g. 'test') that kind in all runs. The same entries label exported PNGs.

export interface LegendEntry {
  kind: 'run' | 'key';
  id: string;
  text: string;
  color: string;
  dash: readonly number[];
  /** Its lines are drawn (aria-pressed). */
  shown: boolean;
  /** A short remark after the name, e.g. "diverged at step 13". */
  note?: string;
}

export interface LegendModel {
  runs: readonly { id: string; name: string; color: string; note?: string; dash?: readonly number[] }[];
  keys: readonly { key: string; label?: string; dash: readonly number[] }[];
  hiddenRuns: ReadonlySet<string>;
  hiddenKeys: ReadonlySet<string>;
  /** Stroke for line-style entries: a neutral colour that is no run's. */
  neutralColor?: string;
}

export const NEUTRAL = '#666666';

export function legendEntries(model: LegendModel): LegendEntry[] {
  const entries: LegendEntry[] = model.runs.map((run) => ({
    kind: 'run',
    id: run.id,
    text: run.name,
    color: run.color,
    dash: run.dash ? [...run.dash] : [],
    shown: !model.hiddenRuns.has(run.id),
    ...(run.note ? { note: run.note } : {}),
  }));
  // A single kind needs no key: its lines are told apart by colour alone.
  if (model.keys.length > 1) {
    for (const k of model.keys) {
      entries.push({ kind: 'key', id: k.key, text: k.label ?? k.key, color: model.neutralColor ?? NEUTRAL, dash: [...k.dash], shown: !model.hiddenKeys.has(k.key) });
    }
  }
  return entries;
}

/** The hidden set after a legend entry is pressed. */
export function toggled(hidden: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(hidden);
  if (!next.delete(id)) next.add(id);
  return next;
}
