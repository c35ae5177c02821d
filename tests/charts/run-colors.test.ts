import { describe, expect, it } from 'vitest';
import {
  assignColorIndices,
  DASHED,
  LINE_DASHES,
  RUN_PALETTE,
  runColor,
  seriesDash,
  SOLID,
} from '../../src/charts/run-colors';

/** WCAG 2 contrast ratio of two #RRGGBB colours. */
function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const v = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const lin = v.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  };
  const [hi, lo] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

describe('run colours', () => {
  it('has eight distinct colours, each visible as a line on white', () => {
    expect(RUN_PALETTE).toHaveLength(8);
    expect(new Set(RUN_PALETTE.map((c) => c.toLowerCase())).size).toBe(8);
    for (const c of RUN_PALETTE) {
      expect(c).toMatch(/^#[0-9a-f]{6}$/i);
      expect(contrastRatio(c, '#ffffff'), c).toBeGreaterThanOrEqual(2);
    }
    // The first runs, the common case, get the strongest colours (WCAG's 3:1 for graphics).
    for (const c of RUN_PALETTE.slice(0, 5)) expect(contrastRatio(c, '#ffffff'), c).toBeGreaterThanOrEqual(3);
  });

  it('gives a run index the same colour every time, wrapping after eight', () => {
    expect(runColor(0)).toBe(RUN_PALETTE[0]);
    expect(runColor(3)).toBe(runColor(3));
    expect(runColor(8)).toBe(runColor(0));
    expect(runColor(-1)).toBe(RUN_PALETTE[7]);
    expect(runColor(Number.NaN)).toBe(RUN_PALETTE[0]);
  });

  it('computes WCAG contrast (the palette check above relies on it)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
  });
});

describe('colour assignment', () => {
  it('gives new runs the lowest free indices', () => {
    const m = assignColorIndices(['a', 'b', 'c']);
    expect([...m]).toEqual([['a', 0], ['b', 1], ['c', 2]]);
  });

  it('keeps surviving runs on their colour when others are removed, added or reordered', () => {
    const first = assignColorIndices(['a', 'b', 'c']);
    const second = assignColorIndices(['c', 'a'], first); // b removed, order changed
    expect(second.get('a')).toBe(0);
    expect(second.get('c')).toBe(2);
    const third = assignColorIndices(['c', 'a', 'd'], second); // d takes b's freed colour
    expect(third.get('d')).toBe(1);
    expect(third.get('a')).toBe(0);
    expect(third.get('c')).toBe(2);
  });

  it('past eight runs, reuses the least used colour', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `r${i}`);
    const m = assignColorIndices(ids);
    expect([...m.values()].slice(0, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(m.get('r8')).toBe(0);
    expect(m.get('r9')).toBe(1);
  });

  it('does not mutate the previous assignment', () => {
    const prev = new Map([['a', 3]]);
    assignColorIndices(['a', 'b'], prev);
    expect([...prev]).toEqual([['a', 3]]);
  });
});

describe('line styles', () => {
  it('draws train solid and test dashed whatever their position', () => {
    expect(seriesDash('train', 5)).toEqual(SOLID);
    expect(seriesDash('test', 0)).toEqual(DASHED);
    expect(DASHED.length).toBeGreaterThan(0);
  });

  it('cycles distinct dashes for other kinds and returns fresh arrays', () => {
    const dashes = LINE_DASHES.map((_, i) => JSON.stringify(seriesDash(`layer ${i}`, i)));
    expect(new Set(dashes).size).toBe(LINE_DASHES.length);
    expect(seriesDash('x', LINE_DASHES.length)).toEqual(seriesDash('y', 0));
    const d = seriesDash('test', 1);
    d.push(99);
    expect(seriesDash('test', 1)).toEqual(DASHED);
  });
});

describe('depth colours (layers of one run)', () => {
  it('darkest first, lighter with depth, every one visible as a line on white', async () => {
    const { depthColor } = await import('../../src/charts/run-colors');
    const lum = (hex: string) => {
      const v = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
    };
    for (const n of [2, 6, 13]) {
      const colors = Array.from({ length: n }, (_, i) => depthColor(i, n));
      expect(new Set(colors).size).toBe(n);
      for (let i = 1; i < n; i++) expect(lum(colors[i])).toBeGreaterThan(lum(colors[i - 1]));
      for (const c of colors) expect(contrastRatio(c, '#ffffff'), c).toBeGreaterThanOrEqual(2);
    }
    expect(depthColor(0, 1)).toMatch(/^#[0-9a-f]{6}$/);
  });
});
