import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compactLabels, labelsAgree, layoutLayers, pickedPlace, placeOf, type RunLayers } from '../../src/charts/layer-groups';
import type { LayersEvent } from '../../src/core/events';
import { parseEvents } from '../support/events-jsonl';

/** Each run's layers as its first layers event reports them, from a recorded lesson. */
function runsOf(fixture: string): RunLayers[] {
  const events = parseEvents(readFileSync(new URL(`./fixtures/${fixture}.jsonl`, import.meta.url), 'utf8'));
  const runs = new Map<string, RunLayers>();
  for (const e of events) if (e.type === 'layers' && !runs.has(e.run)) runs.set(e.run, { runId: e.run, runName: e.run, layers: (e as LayersEvent).layers });
  return [...runs.values()];
}

describe('small multiples of the init-scale lesson (six runs, six initializer/activation pairs)', () => {
  const runs = runsOf('init-scale');

  it('draws one chart per run, each with that run\'s own layer labels', () => {
    expect(runs).toHaveLength(6);
    expect(labelsAgree(runs)).toBe(false);
    const layout = layoutLayers(runs);
    expect(layout.groupBy).toBe('run');
    expect(layout.groups.map((g) => g.title)).toEqual(['tanh, N(0, 0.01)', 'tanh, Xavier', 'tanh, N(0, 1)', 'relu, He', 'relu, Xavier', 'relu, N(0, 0.01)']);
    expect(layout.groups.map((g) => g.labels[0].label)).toEqual([
      'FC-64 TANH NORMAL0.01 ×5 · FC-10',
      'FC-64 TANH XAVIER ×5 · FC-10',
      'FC-64 TANH NORMAL1 ×5 · FC-10',
      'FC-64 HE ×5 · FC-10',
      'FC-64 XAVIER ×5 · FC-10',
      'FC-64 NORMAL0.01 ×5 · FC-10',
    ]);
    const relu = layout.groups[3];
    expect(relu.lines.map((l) => `${l.id}: ${l.label}`)).toEqual(['hidden 1: FC-64 HE', 'hidden 2: FC-64 HE', 'hidden 3: FC-64 HE', 'hidden 4: FC-64 HE', 'hidden 5: FC-64 HE', 'output: FC-10']);
    expect(layout.legend.map((l) => l.id)).toEqual(['hidden 1', 'hidden 2', 'hidden 3', 'hidden 4', 'hidden 5', 'output']);
  });

  it('compares the runs at one layer when asked, naming each run\'s label', () => {
    const layout = layoutLayers(runs, 'auto', 'first hidden');
    expect(layout.groupBy).toBe('layer');
    expect(layout.groups).toHaveLength(1);
    const g = layout.groups[0];
    expect(g.lines.map((l) => l.runId)).toEqual(runs.map((r) => r.runId));
    expect(g.lines.every((l) => l.index === 0)).toBe(true);
    expect(g.labels.map((l) => l.label)).toContain('FC-64 TANH XAVIER');
    expect(g.labels.find((l) => l.label === 'FC-64 HE')?.lines).toEqual(['relu, He']);
  });
});

describe('small multiples of the batchnorm lesson', () => {
  const runs = runsOf('batchnorm');

  it('matches layers by their place, not by their summary row (row 7 is FC-10 in one run, FC-32 in the other)', () => {
    const row7 = runs.map((r) => r.layers.find((l) => l.layer === 7)?.label);
    expect(row7).toEqual(['FC-10', 'FC-32 SIGMOID']); // the two different "L7" of the issue
    const layout = layoutLayers(runs);
    expect(layout.groupBy).toBe('layer');
    expect(layout.groups.map((g) => g.title)).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((k) => `hidden layer ${k} · FC-32 SIGMOID`),
      'output layer · FC-10',
    ]);
    for (const g of layout.groups) expect(g.lines.map((l) => l.runId)).toEqual(['no batch norm', 'batch norm']);
    const output = layout.groups.at(-1)!;
    expect(output.lines.map((l) => runs.find((r) => r.runId === l.runId)!.layers[l.index].layer)).toEqual([7, 13]);
  });
});

describe('places and picks', () => {
  it('names hidden layers from 1 and the last layer output, so nets of different depth line up', () => {
    expect([0, 1, 2].map((i) => placeOf(i, 3))).toEqual(['hidden 1', 'hidden 2', 'output']);
    expect(placeOf(0, 1)).toBe('output'); // a perceptron has only its output layer
    expect(pickedPlace('first hidden', 3)).toBe('hidden 1');
    expect(pickedPlace('last hidden', 3)).toBe('hidden 2');
    expect(pickedPlace('output', 1)).toBe('output');
    expect(pickedPlace('first hidden', 1)).toBeNull();
    expect(pickedPlace(2, 3)).toBe('hidden 2');
    expect(pickedPlace(3, 3)).toBeNull();
  });

  it('lines up a shallow and a deep net at both ends', () => {
    const shallow: RunLayers = { runId: 's', runName: 'shallow', layers: [{ layer: 1, label: 'FC-16', units: 16 }, { layer: 2, label: 'FC-10', units: 10 }] };
    const deep: RunLayers = { runId: 'd', runName: 'deep', layers: [1, 2, 3].map((layer) => ({ layer, label: 'FC-16', units: 16 })).concat([{ layer: 4, label: 'FC-10', units: 10 }]) };
    const layout = layoutLayers([shallow, deep], 'layer');
    expect(layout.groups.map((g) => [g.id, g.lines.map((l) => l.runId).join('+')])).toEqual([
      ['hidden 1', 's+d'],
      ['hidden 2', 'd'],
      ['hidden 3', 'd'],
      ['output', 's+d'],
    ]);
    // One run alone reads best as one chart of its layers.
    expect(layoutLayers([deep]).groupBy).toBe('run');
    expect(compactLabels(['A', 'A', 'B', 'A'])).toBe('A ×2 · B · A');
  });
});
