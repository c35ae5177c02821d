// Hand-made outcomes: events built from curves chosen so that each claim helper's answer is known,
// without training anything.
import type { LayerStats, TrainEvent } from '../../src/core/events';
import { experiment } from '../../src/core/experiment';
import { Outcome } from '../../src/lessons/outcome';

export interface SyntheticRun {
  name: string;
  /** Loss of steps 1, 2, ...; a non-finite value ends the run there with a diverged event. */
  losses: number[];
  /** Per-layer diagnostics at chosen steps. */
  layers?: { step: number; layers: Partial<LayerStats>[] }[];
  /** Evaluations at chosen steps. */
  evals?: { step: number; testLoss: number; trainSetLoss: number; testAccuracy?: number }[];
  testAccuracy?: number;
}

const LAYER: LayerStats = { layer: 1, label: 'FC-8', units: 8, gradNorm: 1, weightNorm: 1, activationMean: 0, activationStd: 1, deadFraction: 0, distinctUnits: 8 };

export function syntheticOutcome(runs: SyntheticRun[]): Outcome {
  const doc = experiment({ version: 1, task: 'xor', runs: runs.map((r) => ({ name: r.name, seed: 1, training: { steps: Math.max(1, r.losses.length) } })) });
  const events: TrainEvent[] = [];
  for (const r of runs) {
    let steps = 0;
    for (const [i, loss] of r.losses.entries()) {
      steps = i + 1;
      if (!Number.isFinite(loss)) {
        events.push({ type: 'diverged', run: r.name, step: steps });
        break;
      }
      events.push({ type: 'metrics', run: r.name, step: steps, loss, accuracy: 0.5 });
    }
    for (const l of r.layers ?? []) events.push({ type: 'layers', run: r.name, step: l.step, layers: l.layers.map((s, i) => ({ ...LAYER, layer: i + 1, ...s })) });
    for (const e of r.evals ?? []) events.push({ type: 'eval', run: r.name, step: e.step, testLoss: e.testLoss, testAccuracy: e.testAccuracy ?? 0.5, trainSetLoss: e.trainSetLoss, trainSetAccuracy: 0.5 });
    const diverged = events.some((e) => e.type === 'diverged' && e.run === r.name);
    events.push({
      type: 'done',
      run: r.name,
      steps,
      loss: r.losses.at(-1) ?? NaN,
      accuracy: 0.5,
      testLoss: NaN,
      testAccuracy: r.testAccuracy ?? 0.5,
      msPerStep: 1,
      msPerInference: 1,
      examplesPerSecond: 1000,
      reason: null,
      diverged,
      stopped: false,
    });
  }
  return new Outcome(doc, events);
}

/** A curve from a function of the step (1-based). */
export const curve = (steps: number, f: (step: number) => number) => Array.from({ length: steps }, (_, i) => f(i + 1));
