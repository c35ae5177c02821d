// The logic behind two lesson pictures, apart from their components: the convolution calculator
// (typed fields in, per-field problems and the worked result out) and the gradient check's table rows.
import { describe, expect, it } from 'vitest';
import type { GradientCheck } from '../../src/core/gradient-check';
import { moveCell, windowCells, work, type CalculatorFields } from '../../src/ui/lessons/calculator';
import { asChecks, checkRows, errorLines, hText } from '../../src/ui/lessons/gradient-check-rows';

const fields = (over: Partial<CalculatorFields>): CalculatorFields => ({ mode: 'conv', input: '0 1 0; 1 1 0; 0 0 1', filter: '1 0; 0 1', window: '2', stride: '1', pad: '0', ...over });

describe('the convolution calculator', () => {
  it("works the issue's example: [1 1; 1 2], each cell's window and its sum of products", () => {
    const { result, fields: problems, general } = work(fields({}));
    expect(problems).toEqual({});
    expect(general).toEqual([]);
    expect(result!.output).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(result!.cells[3].text).toBe('1·1 + 0·0 + 0·0 + 1·1 = 2');
    expect([...windowCells(result!, 3)].sort()).toEqual(['1,1', '1,2', '2,1', '2,2']);
    expect(result!.size.rows.text).toBe('(3 − 2 + 2·0)/1 + 1 = 1/1 + 1 = 2');
  });

  it('puts each problem beside its field, and a misfit between fields apart', () => {
    const bad = work(fields({ input: '0 1 0; 1 x', stride: 'two', pad: '-1' }));
    expect(bad.result).toBeNull();
    expect(bad.fields.input).toEqual(['input: row 2, column 2: "x" is not a number']);
    expect(bad.fields.stride).toEqual(['stride: "two" is not a whole number']);
    expect(bad.fields.pad).toEqual(['padding: "-1" is not a whole number']);
    expect(work(fields({ input: '1 2; 3 4', filter: '1 0 0; 0 1 0; 0 0 1' })).general).toEqual(['the filter is 3 rows tall, but the input has only 2: it fits nowhere', 'the filter is 3 columns wide, but the input has only 2: it fits nowhere']);
    expect(work(fields({ stride: '0' })).fields.stride).toEqual(['stride must be a whole number from 1 to 32, got 0']);
  });

  it('pools with a window and ignores the filter and padding fields', () => {
    const max = work(fields({ mode: 'max', input: '1 3; 2 4', filter: 'junk', pad: 'junk', stride: '2' }));
    expect(max.result!.output).toEqual([[4]]);
    expect(work(fields({ mode: 'avg', input: '1 3; 2 4', stride: '2' })).result!.cells[0].text).toBe('(1 + 3 + 2 + 4)/4 = 2.5');
    expect(work(fields({ mode: 'avg', window: '' })).fields.window).toEqual(['window: "" is not a whole number']);
  });

  it('moves between output cells with the arrow keys, staying inside the grid', () => {
    expect(moveCell(0, 'ArrowRight', 2, 3)).toBe(1);
    expect(moveCell(2, 'ArrowRight', 2, 3)).toBe(2);
    expect(moveCell(1, 'ArrowDown', 2, 3)).toBe(4);
    expect(moveCell(4, 'ArrowUp', 2, 3)).toBe(1);
    expect(moveCell(5, 'Home', 2, 3)).toBe(3);
    expect(moveCell(3, 'End', 2, 3)).toBe(5);
    expect(moveCell(3, 'a', 2, 3)).toBeNull();
  });
});

describe("the gradient check's table", () => {
  const check: GradientCheck = {
    run: 'smooth',
    hs: [1e-1, 1e-2, 1e-3],
    dtype: 'float32',
    backend: 'cpu',
    loss: 2.3,
    examples: 4,
    layers: [
      { layer: 1, label: 'CONV3-4', centredError: [1e-3, 1e-5, 1e-2], oneSidedError: [1e-1, 1e-2, 3e-2], crossedFraction: [0.5, 0.25, 0], entries: [] },
      { layer: 2, label: 'FC-10', centredError: [NaN, 2e-4, 3e-4], oneSidedError: [5e-2, 5e-3, 1e-3], crossedFraction: [0, 0, 0], entries: [] },
    ],
  };

  it('gives per layer the best errors with their h, the error at the smallest h and the kink share', () => {
    expect(checkRows([check])).toEqual([
      { run: 'smooth', layer: 'CONV3-4', bestCentred: 1e-5, bestCentredH: 1e-2, bestOneSided: 1e-2, bestOneSidedH: 1e-2, smallestH: 1e-3, atSmallestH: 1e-2, kinkShare: 0.25 },
      { run: 'smooth', layer: 'FC-10', bestCentred: 2e-4, bestCentredH: 1e-2, bestOneSided: 1e-3, bestOneSidedH: 1e-3, smallestH: 1e-3, atSmallestH: 3e-4, kinkShare: 0 },
    ]);
  });

  it('draws a line per layer and difference, and refuses a result that is not a list of checks', () => {
    const lines = errorLines(check, (i) => `c${i}`, { solid: [], dashed: [6, 4] });
    expect(lines.map((l) => [l.label, l.color, l.dash])).toEqual([
      ['CONV3-4 centred', 'c0', []],
      ['CONV3-4 one-sided', 'c0', [6, 4]],
      ['FC-10 centred', 'c1', []],
      ['FC-10 one-sided', 'c1', [6, 4]],
    ]);
    expect(lines[0].points).toEqual([{ x: 1e-1, y: 1e-3 }, { x: 1e-2, y: 1e-5 }, { x: 1e-3, y: 1e-2 }]);
    expect([1e-1, 1e-4, 1e-7].map(hText)).toEqual(['1e-1', '1e-4', '1e-7']);
    expect(asChecks([check])).toHaveLength(1);
    expect(asChecks({ run: 'x' })).toBeNull();
    expect(asChecks([{ run: 'x' }])).toBeNull();
  });
});
