// The legend is "colour = run, line style = series kind" rather than one entry per line: eight runs
// with train and test, or with four layers, would make 16 to 32 entries that crowd out the plot.
// Clicking a run entry hides all its lines; clicking a kind (e.g. 'test') hides that kind in all runs.
import type { LegendItem } from 'chart.js';

export type LegendTarget = { kind: 'run'; id: string } | { kind: 'key'; key: string };

export interface TaggedLegendItem extends LegendItem {
  target: LegendTarget;
}

export interface LegendModel {
  runs: readonly { id: string; name: string; color: string; hidden: boolean }[];
  keys: readonly { key: string; dash: readonly number[]; hidden: boolean }[];
  /** Stroke for line-style entries: a neutral colour that is no run's. */
  neutralColor: string;
}

export function legendItems(model: LegendModel): TaggedLegendItem[] {
  const items: TaggedLegendItem[] = model.runs.map((run) => ({
    text: run.name,
    strokeStyle: run.color,
    fillStyle: run.color,
    lineDash: [],
    lineWidth: 3,
    pointStyle: 'line',
    hidden: run.hidden,
    target: { kind: 'run', id: run.id },
  }));
  // A single kind needs no key: its lines are told apart by colour alone.
  if (model.keys.length > 1) {
    for (const k of model.keys) {
      items.push({
        text: k.key,
        strokeStyle: model.neutralColor,
        fillStyle: model.neutralColor,
        lineDash: [...k.dash],
        lineWidth: 2,
        pointStyle: 'line',
        hidden: k.hidden,
        target: { kind: 'key', key: k.key },
      });
    }
  }
  return items;
}

export function isTaggedItem(item: LegendItem): item is TaggedLegendItem {
  return typeof (item as Partial<TaggedLegendItem>).target === 'object';
}
