// The benchmark's workloads: the networks performance.md measured before the first line, on real
// MNIST digits (XOR on its table), trained with SGD + momentum 0.9 by every implementation.
import type { Task } from '../core/experiment-types';

export interface Workload {
  id: 'mlp' | 'cnn' | 'xor';
  title: string;
  task: Task;
  notation: string;
  batchSize: number;
  learningRate: number;
  /** Steps timed after warm-up, per backend speed class (the CNN is ~50x the work of the MLP). */
  steps: number;
  warmupSteps: number;
}

export const WORKLOADS: Workload[] = [
  { id: 'mlp', title: 'MLP 784-100-10', task: 'mnist', notation: 'INPUT 784, FC-100 RELU, FC-10', batchSize: 64, learningRate: 0.01, steps: 200, warmupSteps: 20 },
  { id: 'cnn', title: 'CNN CONV5-8 POOL2 CONV5-16 POOL3 FC-10', task: 'mnist', notation: 'INPUT 28x28x1, CONV5-8 RELU, POOL2, CONV5-16 RELU, POOL3, FC-10', batchSize: 64, learningRate: 0.01, steps: 30, warmupSteps: 5 },
  { id: 'xor', title: 'XOR 2-4-1', task: 'xor', notation: 'INPUT 2, FC-4 TANH, FC-1', batchSize: 4, learningRate: 0.1, steps: 2000, warmupSteps: 100 },
];

export interface BenchResult {
  workload: Workload['id'];
  implementation: 'gradient-lab' | 'tfjs model.fit' | 'convnetjs';
  backend: string;
  examplesPerSecond: number;
  /** The median over the rounds. */
  msPerStep: number;
  /** Every round's milliseconds per step, in the order measured. */
  rounds: number[];
}
