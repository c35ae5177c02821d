import { describe, expect, it } from 'vitest';
import { isTaggedItem, legendItems } from '../../src/charts/legend';
import { nearestByX } from '../../src/charts/register';

describe('legend items', () => {
  const runs = [
    { id: 'a', name: 'SGD', color: '#0072B2', hidden: false },
    { id: 'b', name: 'Adam', color: '#D55E00', hidden: true },
  ];

  it('has one solid entry per run in its colour, then one neutral entry per line style', () => {
    const items = legendItems({
      runs,
      keys: [
        { key: 'train', dash: [], hidden: false },
        { key: 'test', dash: [6, 4], hidden: true },
      ],
      neutralColor: '#666666',
    });
    expect(items.map((i) => i.text)).toEqual(['SGD', 'Adam', 'train', 'test']);
    expect(items[0]).toMatchObject({ strokeStyle: '#0072B2', lineDash: [], hidden: false, target: { kind: 'run', id: 'a' } });
    expect(items[1]).toMatchObject({ hidden: true, target: { kind: 'run', id: 'b' } });
    expect(items[3]).toMatchObject({ strokeStyle: '#666666', lineDash: [6, 4], hidden: true, target: { kind: 'key', key: 'test' } });
    expect(items.every(isTaggedItem)).toBe(true);
    expect(isTaggedItem({ text: 'plain' })).toBe(false);
  });

  it('leaves line styles out when there is only one kind', () => {
    const items = legendItems({ runs, keys: [{ key: 'train', dash: [], hidden: false }], neutralColor: '#666' });
    expect(items.map((i) => i.text)).toEqual(['SGD', 'Adam']);
  });
});

describe('nearestByX', () => {
  const els = [0, 10, 20, 40, 80].map((x) => ({ x }));

  it('finds the element nearest a pixel x, ties to the left', () => {
    expect(nearestByX(els, -5)).toBe(0);
    expect(nearestByX(els, 14)).toBe(1);
    expect(nearestByX(els, 15)).toBe(1);
    expect(nearestByX(els, 16)).toBe(2);
    expect(nearestByX(els, 61)).toBe(4);
    expect(nearestByX(els, 500)).toBe(4);
    expect(nearestByX([{ x: 3 }], 100)).toBe(0);
    expect(nearestByX([], 1)).toBe(-1);
  });
});
