// A stack's state copied to the host: every variable of its network (each with the stack's run axis),
// its optimizer's slots, and what its trainer carries per run (step, divergence, figures, the
// learning check). The trainer takes one at each evaluation when asked (RunnerOptions.snapshots), so
// that runs whose device is lost (a WebGL context reset) can go on from there on a new backend
// instead of from step 0. Plain typed arrays: nothing here belongs to a backend.
import * as tf from '@tensorflow/tfjs';
import type { LearningState } from './learning-check';
import type { Network } from './model';
import type { OptimizerState, StackOptimizer } from './optimizers';

export interface MemberState {
  run: string;
  /** Steps this run has trained (its divergence step, once diverged). */
  step: number;
  diverged: boolean;
  figures: { loss: number; accuracy: number; testLoss: number; testAccuracy: number; msPerInference: number };
  learning: LearningState;
}

export interface StackSnapshot {
  /** The stack's runs, in its order (the run axis of every variable). */
  runs: string[];
  /** The stack's step: it goes on with step + 1. */
  step: number;
  /** Network.variables() in order: weights, biases, batch norm's parameters and statistics. */
  variables: Float32Array[];
  optimizer: OptimizerState;
  members: MemberState[];
}

/** Each run of the snapshots and the step its weights are at (a diverged run is not resumable). */
export function resumableRuns(snapshots: readonly StackSnapshot[]): { run: string; step: number }[] {
  return snapshots.flatMap((s) => s.members.filter((m) => !m.diverged).map((m) => ({ run: m.run, step: s.step })));
}

/** Reads the network's variables and the optimizer's state back to the host (one await for all). */
export async function readState(network: Network, optimizer: StackOptimizer): Promise<Pick<StackSnapshot, 'variables' | 'optimizer'>> {
  const [variables, slots] = await Promise.all([
    Promise.all(network.variables().map(async (v) => Float32Array.from((await v.data()) as Float32Array))),
    optimizer.readState(),
  ]);
  return { variables, optimizer: slots };
}

/** Puts a snapshot's state into a network of the same models and a new optimizer of the same kind. */
export function restoreState(state: Pick<StackSnapshot, 'variables' | 'optimizer'>, network: Network, optimizer: StackOptimizer): void {
  const variables = network.variables();
  if (variables.length !== state.variables.length || variables.some((v, i) => v.size !== state.variables[i].length)) {
    throw new Error('the snapshot belongs to another model: its variables do not match this network');
  }
  variables.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(state.variables[i], v.shape))));
  optimizer.restoreState(state.optimizer);
}
