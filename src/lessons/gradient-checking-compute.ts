// The gradient-checking lesson's compute step: every run's network checked at its initial weights.
import * as tf from '@tensorflow/tfjs';
import { checkGradients, type GradientCheck } from '../core/gradient-check';
import type { ExperimentDoc } from '../core/experiment-types';
import { runDataset, type Dataset } from '../data/dataset';

/** Examples in the checked loss: few, so that one weight moves the loss visibly. */
const EXAMPLES = 4;
/**
 * Checks already made, by backend, data options and run: the check is deterministic, so a control
 * that keeps a run of the lesson unchanged does not repeat it. Small: a lesson has a few runs.
 */
const made = new Map<string, GradientCheck>();
const MAX_MADE = 16;

/** Every run's check at its initial weights, on the first training examples as that run sees them. */
export async function computeGradientChecks(d: ExperimentDoc, documentData: Dataset): Promise<GradientCheck[]> {
  const checks: GradientCheck[] = [];
  for (const r of d.runs) {
    // The run's own inputs: its 2-D features and its input scaling, as it trains on them.
    const dataset = runDataset(documentData, r);
    const features = dataset.featureShape.reduce((a, b) => a * b, 1);
    const n = Math.min(EXAMPLES, dataset.train.count);
    const x = dataset.train.x.slice(0, n * features);
    const last = r.model.layers[r.model.layers.length - 1];
    const units = last.type === 'dense' ? last.units : dataset.numClasses;
    const targets = new Float32Array(n * units);
    for (let i = 0; i < n; i++) {
      if (units === 1) targets[i] = dataset.train.labels[i];
      else targets[i * units + dataset.train.labels[i]] = 1;
    }
    const key = JSON.stringify([tf.getBackend(), d.task, d.data, { ...r, name: '' }]);
    const check = made.get(key) ?? (await checkGradients(r, x, targets, n));
    if (made.size >= MAX_MADE) made.delete(made.keys().next().value!);
    made.set(key, check);
    checks.push({ ...check, run: r.name });
  }
  return checks;
}

