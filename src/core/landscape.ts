// The loss landscape of trained runs (see landscape-spec.ts for what is pictured): the line from the
// initial to the trained weights, a 2-D slice around the trained weights along two filter-normalised
// random directions, and the training path projected onto that slice. Runs after training, on the
// runner's kept networks and uploaded data, on whatever backend trained them.
import * as tf from '@tensorflow/tfjs';
import type { DeviceData } from './device-data';
import type { ExperimentDoc, RunSpec } from './experiment-types';
import { hasWeights, unitsOf } from './layers';
import { difference, filterNormalisedDirection, project, type Direction, type Parameter } from './landscape-directions';
import { chunkSize, PointStack, type PointCoefficients } from './landscape-evaluate';
import type { PathRecorder } from './landscape-path';
import { lineTs, sliceCoords, type LandscapeResult, type LandscapeSpec, type RunLandscape } from './landscape-spec';
import { Network, type RunNetwork } from './model';

/** What the landscape needs of the runner: the document and a look at a run's network and data. */
export interface TrainedRuns {
  readonly doc: ExperimentDoc;
  inspect<T>(run: string, query: (network: RunNetwork, data: DeviceData) => Promise<T>): Promise<T>;
}

/** Points evaluated so far of all the runs' lines and slices together. */
export type LandscapeProgress = (done: number, total: number) => void;

export async function computeLandscape(trained: TrainedRuns, spec: LandscapeSpec, paths: PathRecorder | null, onProgress?: LandscapeProgress): Promise<LandscapeResult> {
  const runs = spec.runs.map((name) => {
    const run = trained.doc.runs.find((r) => r.name === name);
    if (!run) throw new Error(`the landscape asks for run ${JSON.stringify(name)}, which this experiment does not have`);
    return run;
  });
  // Every refusal before anything is built: the sizes of all the runs first.
  const chunks = runs.map((run) => chunkSize(run.model, spec.examples));
  const perRun = spec.linePoints + spec.resolution * spec.resolution;
  const total = perRun * runs.length;
  const results: RunLandscape[] = [];
  for (const [i, run] of runs.entries()) {
    const report = (done: number) => onProgress?.(i * perRun + done, total);
    const path = paths ? await paths.path(run.name) : [];
    results.push(await trained.inspect(run.name, (net, data) => runLandscape(run, net, data, spec, chunks[i], path, report)));
  }
  return { spec, runs: results };
}

async function runLandscape(
  run: RunSpec,
  net: RunNetwork,
  data: DeviceData,
  spec: LandscapeSpec,
  chunk: number,
  recorded: { step: number; kernels: Float32Array[] }[],
  report: (done: number) => void,
): Promise<RunLandscape> {
  const { initial, trained, trainable } = await bothEnds(run, net);
  const kernelIndex = trained.flatMap((p, i) => (p.kernel ? [i] : []));
  const d1 = filterNormalisedDirection(trained, spec.seed, 1);
  const d2 = filterNormalisedDirection(trained, spec.seed, 2);
  const θ0 = initial.map((p) => p.values);
  const θ1 = trained.map((p) => p.values);

  const examples = Math.min(spec.examples, data.count('train'));
  const last = run.model.layers[run.model.layers.length - 1];
  const rows = data.rows('train', 0, examples, run.model.input, hasWeights(last) ? unitsOf(last) : 1);
  const ts = lineTs(spec);
  const coords = sliceCoords(spec);
  let stack: PointStack | null = null;
  try {
    stack = new PointStack(run.model, run.seed, Math.min(chunk, Math.max(ts.length, coords.length ** 2)));
    const common = { loss: run.training.loss, trainable, x: rows.x, targets: rows.targets };
    // Batch norm's statistics are no parameters: on the line they go from θ0's to θ1's over [0, 1] and
    // stay at the nearer end outside it, where extrapolated variances could turn negative.
    const linePoints: PointCoefficients[] = ts.map((t) => ({ trained: [t], state: [Math.min(1, Math.max(0, t))] }));
    const line = await stack.evaluate({ ...common, base: θ0, directions: [difference(θ1, θ0)], points: linePoints, onChunk: report });
    const gridPoints: PointCoefficients[] = coords.flatMap((beta) => coords.map((alpha) => ({ trained: [alpha, beta], state: [0, 0] })));
    const slice = await stack.evaluate({ ...common, base: θ1, directions: [d1, d2], points: gridPoints, onChunk: (done) => report(ts.length + done) });

    // The path projects through the kernels alone: the directions are zero everywhere else.
    const only = (values: readonly Float32Array[]) => kernelIndex.map((i) => values[i]);
    const [k1, k2, kTrained] = [only(d1), only(d2), only(θ1)];
    const start = { step: 0, kernels: only(θ0) };
    const points = [start, ...recorded.filter((p) => p.step > 0)];
    const path = points.map((p) => ({ step: p.step, ...project(difference(p.kernels, kTrained), k1, k2) }));
    const full = difference(start.kernels, kTrained);
    const projected = path[0];
    const inPlane = planeLength(projected.alpha, projected.beta, k1, k2);
    const length = Math.sqrt(sumSquares(full));
    return {
      run: run.name,
      line: { t: ts, loss: line },
      slice: { coords, loss: slice },
      path,
      pathCaptured: length > 0 ? inPlane / length : 0,
      varied: kernelIndex.reduce((sum, i) => sum + θ1[i].length, 0),
      parameters: θ1.reduce((sum, v) => sum + v.length, 0),
    };
  } finally {
    stack?.dispose();
    tf.dispose([rows.x, rows.targets, rows.labels]);
  }
}

/** θ0 (the seed's initial weights, rebuilt) and θ1 (the run's weights now), with each variable's role. */
async function bothEnds(run: RunSpec, net: RunNetwork): Promise<{ initial: Parameter[]; trained: Parameter[]; trainable: boolean[] }> {
  // The initializers draw from the run's seed alone (weighted.engine.ts): a network of one, built
  // again, starts where the run started, stacked or not.
  const fresh = new Network([run.model], [run.seed]);
  try {
    const variables = fresh.variables();
    const kernels = new Set(fresh.kernels());
    const trainableSet = new Set(fresh.trainableVariables());
    const now = net.variables();
    try {
      const [start, end] = await Promise.all([readAll(variables), readAll(now)]);
      const describe = (values: Float32Array[]) => values.map((v, i) => ({ values: v, shape: variables[i].shape.slice(1), kernel: kernels.has(variables[i]) }));
      if (end.length !== start.length || end.some((v, i) => v.length !== start[i].length)) throw new Error(`run ${JSON.stringify(run.name)}: its network does not match its model`);
      return { initial: describe(start), trained: describe(end), trainable: variables.map((v) => trainableSet.has(v)) };
    } finally {
      tf.dispose(now);
    }
  } finally {
    fresh.dispose();
  }
}

const readAll = (tensors: readonly tf.Tensor[]) => Promise.all(tensors.map(async (t) => Float32Array.from((await t.data()) as Float32Array)));

function sumSquares(values: Direction): number {
  let sum = 0;
  for (const v of values) for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  return sum;
}

/** |α·d1 + β·d2|. */
function planeLength(alpha: number, beta: number, d1: Direction, d2: Direction): number {
  let sum = 0;
  for (let p = 0; p < d1.length; p++) {
    const a = d1[p];
    const b = d2[p];
    for (let i = 0; i < a.length; i++) {
      const v = alpha * a[i] + beta * b[i];
      sum += v * v;
    }
  }
  return Math.sqrt(sum);
}
