import { describe, expect, it } from 'vitest';
import { legendEntries, NEUTRAL, toggled } from '../../src/charts/legend';

describe('legend entries', () => {
  const runs = [
    { id: 'a', name: 'SGD', color: '#0072B2' },
    { id: 'b', name: 'Adam', color: '#D55E00', note: 'diverged at step 13' },
  ];

  it('has one entry per run in its colour, then one neutral entry per line style', () => {
    const entries = legendEntries({
      runs,
      keys: [
        { key: 'train', dash: [] },
        { key: 'test', dash: [6, 4] },
      ],
      hiddenRuns: new Set(['b']),
      hiddenKeys: new Set(['test']),
    });
    expect(entries.map((e) => e.text)).toEqual(['SGD', 'Adam', 'train', 'test']);
    expect(entries[0]).toEqual({ kind: 'run', id: 'a', text: 'SGD', color: '#0072B2', dash: [], shown: true });
    expect(entries[1]).toMatchObject({ kind: 'run', shown: false, note: 'diverged at step 13' });
    expect(entries[3]).toEqual({ kind: 'key', id: 'test', text: 'test', color: NEUTRAL, dash: [6, 4], shown: false });
  });

  it('leaves line styles out when there is only one kind', () => {
    const entries = legendEntries({ runs, keys: [{ key: 'train', dash: [] }], hiddenRuns: new Set(), hiddenKeys: new Set() });
    expect(entries.map((e) => e.text)).toEqual(['SGD', 'Adam']);
  });

  it('toggles an id in a copy of the hidden set', () => {
    const hidden = new Set(['a']);
    expect([...toggled(hidden, 'b')].sort()).toEqual(['a', 'b']);
    expect([...toggled(hidden, 'a')]).toEqual([]);
    expect([...hidden]).toEqual(['a']); // untouched
  });
});
