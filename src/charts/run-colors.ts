// One colour per run, the same on every chart of the page, and one line style per series kind.
//
// The palette is Okabe & Ito's colour-blind-safe set (the usual reference for figures read by people
// with deuteranopia, protanopia or tritanopia), reordered so that the first runs get the colours with the
// most contrast on a white, washed-out projector screen. Its yellow (#F0E442, 1.3:1 on white) is
// unreadable as a thin line on a projector, so a mid grey takes its slot. Beyond eight runs colours
// repeat; run-by-run comparisons past eight lines are unreadable anyway.

export const RUN_PALETTE: readonly string[] = Object.freeze([
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#000000', // black
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#888888', // grey, in place of Okabe-Ito yellow
]);

/** The colour of the run with this colour index; indices wrap around the palette. */
export function runColor(colorIndex: number): string {
  const n = RUN_PALETTE.length;
  const i = Number.isInteger(colorIndex) ? ((colorIndex % n) + n) % n : 0;
  return RUN_PALETTE[i];
}

/**
 * Colour indices for a list of runs that keep every surviving run's colour when runs are added,
 * removed or reordered (a run changing colour mid-lesson reads as a different run). A new run takes
 * the lowest index nobody uses; past eight runs, the least used index.
 */
export function assignColorIndices(
  runIds: readonly string[],
  previous: ReadonlyMap<string, number> = new Map(),
): Map<string, number> {
  const n = RUN_PALETTE.length;
  const result = new Map<string, number>();
  const uses = new Array<number>(n).fill(0);
  for (const id of runIds) {
    const kept = previous.get(id);
    if (kept !== undefined && !result.has(id)) {
      result.set(id, kept);
      uses[((kept % n) + n) % n]++;
    }
  }
  for (const id of runIds) {
    if (result.has(id)) continue;
    let best = 0;
    for (let i = 1; i < n; i++) if (uses[i] < uses[best]) best = i;
    result.set(id, best);
    uses[best]++;
  }
  return result;
}

// Dash patterns in CSS pixels for `setLineDash`; ordered so neighbours differ most.
export const LINE_DASHES: readonly (readonly number[])[] = Object.freeze([
  [], // solid
  [6, 4], // dashed
  [2, 3], // dotted
  [10, 3, 2, 3], // dash-dot
  [14, 5], // long dash
  [10, 3, 2, 3, 2, 3], // dash-dot-dot
]);

export const SOLID: readonly number[] = LINE_DASHES[0];
export const DASHED: readonly number[] = LINE_DASHES[1];

/**
 * The dash for a series kind: training curves solid and test curves dashed on every chart (the
 * convention the lessons' text refers to); other kinds, such as layers, by their order of appearance.
 */
export function seriesDash(key: string, keyIndex: number): number[] {
  if (key === 'train') return [...SOLID];
  if (key === 'test') return [...DASHED];
  const n = LINE_DASHES.length;
  const i = Number.isInteger(keyIndex) ? ((keyIndex % n) + n) % n : 0;
  return [...LINE_DASHES[i]];
}

// Layers of one run are drawn by depth on a sequential ramp (a stretch of the "inferno" colour map:
// lightness grows monotonically, so the order reads without colour vision), from the first hidden
// layer (dark) to the output (light). The light end stops where a thin line still has 2:1 contrast
// on white. Run colours stay for runs: a by-run small multiple says which run in its title.
const DEPTH_STOPS: readonly (readonly [number, number, number])[] = [
  [0x1b, 0x0c, 0x41],
  [0x6a, 0x17, 0x6e],
  [0xbc, 0x37, 0x54],
  [0xed, 0x69, 0x25],
  [0xf3, 0x8a, 0x12],
];

/** The colour of place i of n on the depth ramp (dark first), as #rrggbb. */
export function depthColor(i: number, n: number): string {
  const t = n <= 1 ? 0.5 : Math.min(1, Math.max(0, i / (n - 1)));
  const pos = t * (DEPTH_STOPS.length - 1);
  const k = Math.min(DEPTH_STOPS.length - 2, Math.floor(pos));
  const f = pos - k;
  const hex = DEPTH_STOPS[k].map((c, j) => Math.round(c + (DEPTH_STOPS[k + 1][j] - c) * f).toString(16).padStart(2, '0'));
  return `#${hex.join('')}`;
}
