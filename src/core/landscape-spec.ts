// What a loss-landscape picture asks for and what comes back: plain data, no tfjs, so that the page,
// the lessons and the worker's message checks share it. The engine is landscape.ts.
//
// Two pictures per trained run (Goodfellow et al. 2015; Li et al. 2018):
//  - the line: the training loss at θ(t) = θ0 + t(θ1 − θ0), from before the initial weights θ0 (t = 0)
//    to beyond the trained ones θ1 (t = 1);
//  - the slice: the training loss at θ1 + α·d1 + β·d2 over a square grid, d1 and d2 random directions
//    scaled filter by filter to the norms of θ1's filters, with the training path projected onto them.

/** What to compute; every field has a default (see parseLandscape). */
export interface LandscapeSpec {
  /** The runs to picture, by name (one landscape each). */
  runs: string[];
  /** Grid points per side of the slice; odd, so that θ1 itself is the centre point. */
  resolution: number;
  /** The slice covers α and β in [−span, span], in units of the filter-normalised directions. */
  span: number;
  /** Points on the line, evenly spaced over lineRange (t = 0 and t = 1 are always among them). */
  linePoints: number;
  lineRange: [number, number];
  /** The loss is the mean over the first `examples` training examples (a fixed batch), in inference mode. */
  examples: number;
  /** Seeds the two random directions (the same seed, the same directions for the same shapes). */
  seed: number;
}

export interface RunLandscape {
  run: string;
  /** The line: loss[i] at t[i]. */
  line: { t: number[]; loss: number[] };
  /** The slice: coords (α and β alike, from −span to span); loss row by row, row j at β = coords[j], column i at α = coords[i]. */
  slice: { coords: number[]; loss: number[] };
  /** The weights at the evaluations along training (step 0 first), projected onto (d1, d2) by least squares. */
  path: { step: number; alpha: number; beta: number }[];
  /**
   * How much of the path the plane holds: the length of the projected displacement θ0 − θ1 over its
   * true length. Random directions in many dimensions are nearly orthogonal to any given one, so it is small.
   */
  pathCaptured: number;
  /** Parameters that the directions vary (the kernels), of all the run's parameters. */
  varied: number;
  parameters: number;
}

export interface LandscapeResult {
  spec: LandscapeSpec;
  runs: RunLandscape[];
}

export const LANDSCAPE_DEFAULTS: Omit<LandscapeSpec, 'runs'> = {
  resolution: 21,
  span: 1,
  linePoints: 31,
  lineRange: [-0.25, 1.25],
  examples: 500,
  seed: 1,
};

/** Caps, checked before anything is built: the grid and the batch are what the evaluation's memory grows with. */
export const LANDSCAPE_LIMITS = { resolution: [3, 41], linePoints: [3, 201], examples: [1, 5000], span: [0.001, 10], runs: [1, 8] } as const;

export type LandscapeParse = { ok: true; spec: LandscapeSpec } | { ok: false; errors: string[] };

/** Checks a spec (from a lesson, or from the page across the worker boundary) and fills its defaults. */
export function parseLandscape(input: unknown): LandscapeParse {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: ['the landscape request must be an object'] };
  const raw = input as Record<string, unknown>;
  const errors: string[] = [];
  const known = new Set(['runs', ...Object.keys(LANDSCAPE_DEFAULTS)]);
  for (const key of Object.keys(raw)) if (!known.has(key)) errors.push(`${key}: unknown field (known: ${[...known].join(', ')})`);
  const spec = { ...LANDSCAPE_DEFAULTS, ...raw } as Record<string, unknown>;
  const runs = spec.runs;
  const [minRuns, maxRuns] = LANDSCAPE_LIMITS.runs;
  if (!Array.isArray(runs) || runs.some((r) => typeof r !== 'string' || r === '')) errors.push('runs: must be a list of run names');
  else if (runs.length < minRuns || runs.length > maxRuns) errors.push(`runs: must name ${minRuns} to ${maxRuns} runs, got ${runs.length}`);
  else if (new Set(runs).size !== runs.length) errors.push('runs: a run is named twice');
  const integer = (field: 'resolution' | 'linePoints' | 'examples') => {
    const v = spec[field];
    const [lo, hi] = LANDSCAPE_LIMITS[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) errors.push(`${field}: must be a whole number from ${lo} to ${hi}, got ${JSON.stringify(v)}`);
  };
  integer('resolution');
  integer('linePoints');
  integer('examples');
  if (typeof spec.resolution === 'number' && Number.isInteger(spec.resolution) && spec.resolution % 2 === 0) errors.push(`resolution: must be odd (θ1 is the centre point), got ${spec.resolution}`);
  const span = spec.span;
  if (typeof span !== 'number' || !(span >= LANDSCAPE_LIMITS.span[0] && span <= LANDSCAPE_LIMITS.span[1])) {
    errors.push(`span: must be a number from ${LANDSCAPE_LIMITS.span[0]} to ${LANDSCAPE_LIMITS.span[1]}, got ${JSON.stringify(span)}`);
  }
  const range = spec.lineRange;
  if (!Array.isArray(range) || range.length !== 2 || range.some((v) => typeof v !== 'number' || !Number.isFinite(v)) || !(range[0] <= 0 && range[1] >= 1 && range[1] - range[0] <= 10)) {
    errors.push(`lineRange: must be [from, to] with from ≤ 0, to ≥ 1 and to − from ≤ 10, got ${JSON.stringify(range)}`);
  }
  if (typeof spec.seed !== 'number' || !Number.isInteger(spec.seed)) errors.push(`seed: must be a whole number, got ${JSON.stringify(spec.seed)}`);
  if (errors.length) return { ok: false, errors };
  return { ok: true, spec: { ...(spec as unknown as LandscapeSpec), runs: [...(runs as string[])], lineRange: [...(range as [number, number])] } };
}

/** The line's t values: evenly spaced over the range, with exactly 0 and 1 among them. */
export function lineTs(spec: Pick<LandscapeSpec, 'linePoints' | 'lineRange'>): number[] {
  const [from, to] = spec.lineRange;
  const n = spec.linePoints;
  const ts = Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
  for (const exact of [0, 1]) {
    // The nearest point becomes the exact end, so that the line passes through θ0 and θ1 themselves.
    let nearest = 0;
    ts.forEach((t, i) => (Math.abs(t - exact) < Math.abs(ts[nearest] - exact) ? (nearest = i) : 0));
    ts[nearest] = exact;
  }
  return ts;
}

/** The slice's α (and β) values: resolution points from −span to span, 0 exactly at the centre. */
export function sliceCoords(spec: Pick<LandscapeSpec, 'resolution' | 'span'>): number[] {
  const half = (spec.resolution - 1) / 2;
  return Array.from({ length: spec.resolution }, (_, i) => (spec.span * (i - half)) / half);
}
