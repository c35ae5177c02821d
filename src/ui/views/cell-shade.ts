// Shaded table cells whose numbers stay readable (WCAG AA, 4.5:1): the tint is blended over white
// into an opaque colour, and the text is black or white, whichever contrasts more. One of the two
// always reaches 4.58:1 whatever the background, so no shade lands in a band where neither reads.

export type Rgb = readonly [number, number, number];

/** `rgb` at `alpha` over white, as an opaque colour. */
export function overWhite([r, g, b]: Rgb, alpha: number): Rgb {
  const a = Math.min(1, Math.max(0, alpha));
  return [r, g, b].map((c) => Math.round(255 - a * (255 - c))) as unknown as Rgb;
}

/** WCAG relative luminance. */
export function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function textOn(background: Rgb): '#000' | '#fff' {
  return contrast(background, [0, 0, 0]) >= contrast(background, [255, 255, 255]) ? '#000' : '#fff';
}

export const css = ([r, g, b]: Rgb) => `rgb(${r}, ${g}, ${b})`;
