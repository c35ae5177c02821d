// The points a 2-D view draws for a document: the very points its runs train and test on (computed
// here from the document, as the worker does, so they show before training too), capped so that the
// map stays visible under them.
import type { ExperimentDoc } from '../../core/experiment-types';
import { planeData } from '../../data/plane-data';
import type { Plane, Points } from './plane-draw';

/** More points than this per set would hide the map under them. */
export const MAX_SHOWN_POINTS = 2000;
export const RESOLUTION = 60;

export interface ShownPoints {
  plane: Plane;
  classes: number;
  train: Points;
  /** null when the test set is the training set (the XOR table, a drawing with nothing held out). */
  test: Points | null;
}

const cap = (p: { x: Float32Array; labels: Uint8Array; count: number }): Points => {
  const count = Math.min(p.count, MAX_SHOWN_POINTS);
  return { x: p.x.subarray(0, 2 * count), labels: p.labels.subarray(0, count), count };
};

/** The document's points, or null when they cannot be made (an invalid draft is shown as the last valid one). */
export function shownPoints(doc: Pick<ExperimentDoc, 'task' | 'data'>): ShownPoints | null {
  try {
    const data = planeData(doc.task, doc.data);
    return { plane: { resolution: RESOLUTION, ...data.extent }, classes: data.numClasses, train: cap(data.train), test: data.heldOut ? cap(data.test) : null };
  } catch {
    return null;
  }
}

/** The (x, y) pairs to classify: the training points, then the test points. */
export function pointsToClassify(shown: ShownPoints): Float32Array {
  const out = new Float32Array(2 * (shown.train.count + (shown.test?.count ?? 0)));
  out.set(shown.train.x);
  if (shown.test) out.set(shown.test.x, 2 * shown.train.count);
  return out;
}
