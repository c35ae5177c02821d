import { describe, expect, it } from 'vitest';
import { neighbourX, readoutAt, snapX, type ReadoutLine } from '../../src/charts/readout';
import { Series } from '../../src/charts/series';
import { emaDebiased } from '../../src/charts/smoothing';

const steps = (n: number, f: (i: number) => number) => Series.from({ x: Array.from({ length: n }, (_, i) => i + 1), y: Array.from({ length: n }, (_, i) => f(i + 1)) });

const good = steps(200, (s) => 2 / s);
const test = Series.from({ x: [50, 100, 150, 200], y: [0.2, 0.1, 0.07, 0.05] });
const diverged = steps(12, (s) => 10 ** s);
const lines: ReadoutLine[] = [
  { id: 'good', label: 'good · train', color: '#0072B2', series: good, smoothing: 0.6 },
  { id: 'good-test', label: 'good · test', color: '#0072B2', series: test, smoothing: 0 },
  { id: 'high', label: 'too high · train', color: '#D55E00', series: diverged, smoothing: 0, before: 13 },
];

describe('readout', () => {
  it('reads every line at its nearest step, smoothed with the raw value beside it', () => {
    const rows = readoutAt(lines, 120, 2);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId.good.x).toBe(120);
    expect(byId.good.value).toBe(emaDebiased(Array.from({ length: 200 }, (_, i) => 2 / (i + 1)), 200, 0.6)[119]);
    expect(byId.good.raw).toBe(2 / 120);
    expect(byId['good-test']).toMatchObject({ x: 100, value: 0.1 });
    expect(byId['good-test'].raw).toBeUndefined();
    // Past the diverged run's end: it says where it diverged instead of a value.
    expect(byId.high).toMatchObject({ diverged: 13 });
    expect(rows.at(-1)!.id).toBe('high');
  });

  it('reads the diverged run before its divergence, and leaves out a line that ended earlier', () => {
    const early = readoutAt(lines, 5, 2);
    expect(early.find((r) => r.id === 'high')).toMatchObject({ x: 5, value: 1e5 });
    expect(early.map((r) => r.id)).toEqual(['high', 'good']); // sorted highest first; test starts at 50
    const stopped: ReadoutLine = { id: 's', label: 's', color: '#000', series: steps(30, () => 1), smoothing: 0 };
    expect(readoutAt([stopped], 100, 2)).toEqual([]);
  });

  it('snaps to real steps and steps to the next one in either direction', () => {
    expect(snapX(lines, 120.4)).toBe(120);
    expect(neighbourX(lines, 120, 1)).toBe(121);
    expect(neighbourX(lines, 120, -1)).toBe(119);
    expect(neighbourX(lines, 120, 1, 20)).toBe(140);
    expect(neighbourX(lines, 200, 1)).toBe(200); // nothing beyond the end
    expect(neighbourX([lines[1]], 100, 1)).toBe(150); // a sparse line steps by its own points
  });
});
