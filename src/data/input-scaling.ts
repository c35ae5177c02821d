// A run's input preprocessing (training.inputs): the raw features, centred (each feature minus its
// mean over the training examples, the "mean image" for pixels), or standardised (centred, then
// divided by its standard deviation; a feature constant over the training set is only centred, as
// scikit-learn's StandardScaler does). The statistics come from the training split alone, and every
// input the network is shown later (test examples, a drawn digit, the decision map's grid) goes
// through the same statistics. Pixels shown to the student stay raw (Dataset.unscaled).
import type { InputScaling } from '../core/fields';
import type { Dataset, DataSplit } from './dataset';
import { featureStats, type Standardization } from './table';

export interface AppliedScaling extends Standardization {
  mode: Exclude<InputScaling, 'raw'>;
}

/** The dataset a run with this preprocessing trains on (the same object for raw inputs). */
export function withInputScaling(dataset: Dataset, mode: InputScaling): Dataset {
  if (mode === 'raw') return dataset;
  const features = dataset.featureShape.reduce((a, b) => a * b, 1);
  const stats = featureStats(dataset.train.x, features);
  const scaling: AppliedScaling = { mode, mean: stats.mean, std: mode === 'standardised' ? stats.std : stats.mean.map(() => 1) };
  const train = scaledSplit(dataset.train, scaling);
  // XOR's truth table and counted files without a held-out part test on the training split itself.
  const test = dataset.test === dataset.train ? train : scaledSplit(dataset.test, scaling);
  return { ...dataset, train, test, inputScaling: scaling, unscaled: dataset.unscaled ?? dataset };
}

/** Inputs laid out example after example, through a run's scaling (a copy; the same array when none). */
export function scaleInputs(x: Float32Array, scaling: AppliedScaling | undefined): Float32Array {
  if (!scaling) return x;
  const f = scaling.mean.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i] - scaling.mean[i % f]) / scaling.std[i % f];
  return out;
}

function scaledSplit(split: DataSplit, scaling: AppliedScaling): DataSplit {
  return { ...split, x: scaleInputs(split.x, scaling) };
}
