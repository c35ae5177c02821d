// A run's state copied to the host: every variable of its network, its optimizer's slots and the
// figures its trainer carries. The trainer takes one at each evaluation when asked (RunnerOptions.
// snapshots), so that a run whose device is lost (a WebGL context reset) can go on from there on a
// new backend instead of from step 0. Plain typed arrays: nothing here belongs to a backend.
import * as tf from '@tensorflow/tfjs';
import type { LearningState } from './learning-check';
import type { Network } from './model';

export interface RunSnapshot {
  run: string;
  /** The step the state is at: the run goes on with step + 1. */
  step: number;
  /** Network.variables() in order: weights, biases, batch norm's parameters and statistics. */
  variables: Float32Array[];
  /** The optimizer's weights as tfjs lists them (its iteration count first, then its slots). */
  optimizer: { name: string; shape: number[]; dtype: 'float32' | 'int32'; values: Float32Array | Int32Array }[];
  /** The trainer's latest figures and the learning check's state (see RunTrainer). */
  figures: { loss: number; accuracy: number; testLoss: number; testAccuracy: number; msPerInference: number };
  learning: LearningState;
}

export type SnapshotState = Pick<RunSnapshot, 'variables' | 'optimizer'>;

/** Reads the network's variables and the optimizer's state back to the host (one await for all). */
export async function readState(network: Network, optimizer: tf.Optimizer): Promise<SnapshotState> {
  const weights = await optimizer.getWeights();
  try {
    const [variables, slots] = await Promise.all([
      Promise.all(network.variables().map(async (v) => Float32Array.from((await v.data()) as Float32Array))),
      Promise.all(
        weights.map(async ({ name, tensor }): Promise<RunSnapshot['optimizer'][number]> => {
          const data = await tensor.data();
          const shape = [...tensor.shape];
          return tensor.dtype === 'int32'
            ? { name, shape, dtype: 'int32', values: Int32Array.from(data as Int32Array) }
            : { name, shape, dtype: 'float32', values: Float32Array.from(data as Float32Array) };
        }),
      ),
    ]);
    return { variables, optimizer: slots };
  } finally {
    // getWeights makes a new scalar for the iteration count; the slots are the optimizer's own variables.
    for (const w of weights) if (w.name === 'iter') w.tensor.dispose();
  }
}

/** Puts a snapshot's state into a network of the same model and a new optimizer of the same kind. */
export async function restoreState(state: SnapshotState, network: Network, optimizer: tf.Optimizer): Promise<void> {
  const variables = network.variables();
  if (variables.length !== state.variables.length || variables.some((v, i) => v.size !== state.variables[i].length)) {
    throw new Error('the snapshot belongs to another model: its variables do not match this network');
  }
  variables.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(state.variables[i], v.shape))));
  const tensors = state.optimizer.map(({ name, shape, dtype, values }) => ({ name, tensor: tf.tensor(values, shape, dtype) }));
  try {
    // setWeights makes its slot variables from these tensors (sharing their data); ours are then freed.
    await optimizer.setWeights(tensors);
  } finally {
    tf.dispose(tensors.map((t) => t.tensor));
  }
}
