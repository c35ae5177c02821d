// The confusion matrix's numbers stay readable on every shade it can give a cell (WCAG AA 4.5:1).
import { describe, expect, it } from 'vitest';
import { contrast, overWhite, textOn, type Rgb } from '../../src/ui/views/cell-shade';

const CORRECT: Rgb = [33, 102, 172];
const WRONG: Rgb = [213, 94, 0];
const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];
const rgbOf = (text: '#000' | '#fff') => (text === '#000' ? BLACK : WHITE);

describe('cell shades', () => {
  it('computes WCAG contrast as published (black on white 21:1, #777 on white about 4.48:1)', () => {
    expect(contrast(BLACK, WHITE)).toBeCloseTo(21, 5);
    expect(contrast([119, 119, 119], WHITE)).toBeCloseTo(4.48, 2);
    expect(overWhite(CORRECT, 0)).toEqual(WHITE);
    expect(overWhite(CORRECT, 1)).toEqual(CORRECT);
  });

  it('every shade the matrix uses (alpha 0.15 to 0.9) gets text of at least 4.5:1', () => {
    let worst = Infinity;
    for (const tint of [CORRECT, WRONG]) {
      for (let alpha = 0.15; alpha <= 0.9 + 1e-9; alpha += 0.005) {
        const background = overWhite(tint, alpha);
        worst = Math.min(worst, contrast(background, rgbOf(textOn(background))));
      }
    }
    expect(worst).toBeGreaterThanOrEqual(4.5);
  });

  it('control: the old rule (white once the share passed 0.36) gave 2.5:1 on mid-blue', () => {
    const background = overWhite(CORRECT, 0.15 + 0.75 * 0.6);
    expect(contrast(background, WHITE)).toBeLessThan(3);
    expect(textOn(background)).toBe('#000');
  });
});
