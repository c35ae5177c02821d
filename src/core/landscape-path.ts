// The training path of the runs a landscape pictures: each run's kernels at every evaluation, copied
// to the host while training goes on. Only kernels: the slice's directions vary nothing else (see
// landscape-directions.ts), so nothing else changes where the path projects.
import type { TrainEvent } from './events';
import type { RunNetwork } from './model';

/** What the recorder needs of the runner: a look at one run's network, now. */
export interface InspectsRuns {
  inspect<T>(run: string, query: (network: RunNetwork) => Promise<T>): Promise<T>;
}

export interface PathPoint {
  step: number;
  kernels: Float32Array[];
}

/** Floats of kernels a recorder keeps per run; past it only the last evaluation replaces the previous last. */
export const PATH_FLOATS_PER_RUN = 8_000_000;

export class PathRecorder {
  private readonly paths = new Map<string, { points: Promise<PathPoint | null>[]; floats: number }>();

  constructor(
    private readonly runner: () => InspectsRuns | null,
    runs: readonly string[],
    private readonly floatsPerRun = PATH_FLOATS_PER_RUN,
  ) {
    for (const run of runs) this.paths.set(run, { points: [], floats: 0 });
  }

  /**
   * Give it every training event. An evaluation's weights are sliced at once, synchronously, while
   * the trainer is between steps (inspect runs its query before its first await), then read back later.
   */
  observe(event: TrainEvent): void {
    if (event.type !== 'eval') return;
    const path = this.paths.get(event.run);
    const runner = this.runner();
    if (!path || !runner) return;
    let floats = 0;
    const point = runner.inspect(event.run, async (net) => {
      const tensors = net.weighted.map((w) => w.kernel());
      floats = tensors.reduce((sum, t) => sum + t.size, 0);
      try {
        const kernels = await Promise.all(tensors.map(async (t) => Float32Array.from((await t.data()) as Float32Array)));
        return { step: event.step, kernels };
      } finally {
        tensors.forEach((t) => t.dispose());
      }
    });
    // A failed read (a lost context) leaves a gap in the path, not an unhandled rejection.
    const safe = point.catch(() => null);
    // Over the cap, the newest evaluation replaces the previous newest: the path keeps its start and end.
    if (path.floats + floats > this.floatsPerRun && path.points.length > 1) {
      path.points[path.points.length - 1] = safe;
    } else {
      path.points.push(safe);
      path.floats += floats;
    }
  }

  /** The run's recorded points, in step order. */
  async path(run: string): Promise<PathPoint[]> {
    const points = await Promise.all(this.paths.get(run)?.points ?? []);
    return points.filter((p): p is PathPoint => p !== null).sort((a, b) => a.step - b.step);
  }
}
