// The data fields of every task (src/core/data-fields.ts) and training.epochs: defaults where they
// apply, absent elsewhere, and one message per mistake, each naming its field.
import { describe, expect, it } from 'vitest';
import { parseExperiment, type ExperimentDoc } from '../../src/core/experiment';
import { DATA_FIELDS, DATA_FIELD_KEYS, appliesTo } from '../../src/core/data-fields';
import { TASKS } from '../../src/core/experiment-types';

const SHA = 'a'.repeat(64);
const CSV_SOURCE = { kind: 'csv', name: 'iris.csv', size: 3716, sha256: SHA, examples: 150, classes: 3, features: 4 };
const ZIP_SOURCE = { kind: 'image-zip', name: 'pets.zip', size: 9000, sha256: SHA, examples: 40, classes: 2 };
const POINTS = [
  [-3, 2, 0],
  [-2, 3, 0],
  [3, -2, 1],
  [2, -3, 1],
  [2.5, -2.5, 1],
];

function ok(input: unknown): ExperimentDoc {
  const result = parseExperiment(input);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.doc;
}
function errors(input: unknown): string[] {
  const result = parseExperiment(input);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(input)}`);
  return result.errors;
}

/** A valid document of each task, from which the cases below change one thing. */
const VALID: Record<string, object> = {
  xor: { task: 'xor', runs: [{}] },
  circle: { task: 'circle', runs: [{}] },
  gaussians: { task: 'gaussians', runs: [{}] },
  spiral: { task: 'spiral', data: { classes: 3 }, runs: [{ model: 'INPUT 2, FC-8 TANH, FC-3' }] },
  points: { task: 'points', data: { points: POINTS }, runs: [{}] },
  mnist: { task: 'mnist', runs: [{}] },
  csv: { task: 'csv', data: { source: CSV_SOURCE }, runs: [{}] },
  images: { task: 'images', data: { source: ZIP_SOURCE }, runs: [{}] },
};
const withData = (task: string, data: object, run: object = {}) => ({ ...VALID[task], data: { ...(VALID[task] as { data?: object }).data, ...data }, runs: [{ ...(VALID[task] as { runs: object[] }).runs[0], ...run }] });

describe('every task', () => {
  it.each(TASKS)('%s has a valid default document, with exactly its own data fields', (task) => {
    const doc = ok(VALID[task]);
    for (const key of DATA_FIELD_KEYS) {
      if (appliesTo(key, task)) expect(doc.data, `${task} has data.${key}`).toHaveProperty(key);
      else expect(doc.data, `${task} has no data.${key}`).not.toHaveProperty(key);
    }
    // Validating the result again changes nothing (what a share link relies on).
    expect(ok(structuredClone(doc))).toEqual(doc);
  });

  it('refuses a field of another task, naming it and the tasks it belongs to', () => {
    expect(errors(withData('mnist', { classes: 3 }))).toEqual(['data.classes applies to the spiral and points tasks only, not mnist']);
    expect(errors(withData('circle', { imageSize: 28 }))).toEqual(['data.imageSize applies to the images task only, not circle']);
    expect(errors(withData('xor', { source: CSV_SOURCE }))).toEqual(['data.source applies to the csv and images tasks only, not xor']);
    expect(errors(withData('spiral', { testFraction: 0.3 }))).toEqual(['data.testFraction applies to the points, csv and images tasks only, not spiral']);
  });

  it('fills the defaults of the table for the task', () => {
    expect(ok(VALID.csv).data).toMatchObject({ label: DATA_FIELDS.label.default, standardize: true, testFraction: 0.2 });
    expect(ok(VALID.images).data).toMatchObject({ imageSize: 28, color: 'grey', invert: false, testFraction: 0.2 });
    expect(ok(VALID.circle).data).toMatchObject({ trainSize: 250, testSize: 250, noise: 0 });
  });
});

describe('2-D tasks', () => {
  it('spiral: classes from 2 to 8, and the output layer must fit them', () => {
    expect(errors(withData('spiral', { classes: 9 }))).toEqual(['data.classes must be an integer from 2 to 8, got 9']);
    expect(errors(withData('spiral', { classes: 4 }))).toEqual(["runs[0].model's last layer must have 4 units for spiral (its 4 classes), got 3"]);
    expect(ok(withData('spiral', { classes: 2 }, { model: 'INPUT 2, FC-8 TANH, FC-1' })).data.classes).toBe(2);
  });

  it('noise: at most 3 on the [-6, 6] plane, none where there is nothing to blur', () => {
    expect(errors(withData('circle', { noise: 3.5 }))).toEqual(['data.noise must be at most 3 for circle, got 3.5']);
    expect(errors(withData('xor', { xorPoints: 'quadrants', noise: 4 }))).toEqual(['data.noise must be at most 3 for the xor quadrants, got 4']);
    expect(ok(withData('xor', { xorPoints: 'cloud', noise: 4 })).data.noise).toBe(4); // the unit-square cloud keeps its old range
    expect(errors(withData('points', { noise: 0.5 }))).toEqual(['data.noise applies to the xor, circle, gaussians and spiral tasks only, got 0.5 for points']);
  });

  it('xorPoints: table, cloud or quadrants', () => {
    expect(errors(withData('xor', { xorPoints: 'grid' }))).toEqual(['data.xorPoints must be one of "table", "cloud", "quadrants", got "grid"']);
  });

  it('features: per run, each once, known, 2-D tasks only, and the model takes one input per feature', () => {
    expect(errors(withData('circle', {}, { features: ['x', 'y', 'xy'] }))).toEqual(['runs[0].model input must be 3 for circle (one input per feature: x, y, xy), got 2']);
    expect(ok(withData('circle', {}, { features: ['x', 'y', 'xy'], model: 'INPUT 3, FC-4 TANH, FC-2' })).runs[0].features).toEqual(['x', 'y', 'xy']);
    expect(errors(withData('circle', {}, { features: ['x', 'x'] }))).toEqual(['runs[0].features must list each feature once, got x, x']);
    expect(errors(withData('circle', {}, { features: ['z'] }))[0]).toMatch(/^runs\[0\]\.features\[0\] must be one of "x", "y", "x2", "y2", "xy", "sinx", "siny", got "z"/);
    expect(errors(withData('circle', {}, { features: [] }))).toEqual(['runs[0].features must have at least 1 entries']);
    expect(errors(withData('mnist', {}, { features: ['x'] }))).toEqual(['runs[0].features applies to the 2-D tasks only (the points\' inputs), not mnist']);
    // The default stays out of the document, as before features existed.
    expect(ok(VALID.circle).runs[0]).not.toHaveProperty('features');
  });

  it('points: the drawing is the dataset, its sizes are counted', () => {
    const doc = ok(withData('points', { testFraction: 0.4 }));
    expect(doc.data).toMatchObject({ trainSize: 3, testSize: 2 });
    // Nothing held out: the test set is the training set.
    expect(ok(withData('points', { testFraction: 0 })).data).toMatchObject({ trainSize: 5, testSize: 5 });
    // Given sizes are replaced by the counted ones.
    expect(ok(withData('points', { trainSize: 999, testSize: 7, testFraction: 0.4 })).data).toMatchObject({ trainSize: 3, testSize: 2 });
  });

  it('points: every mistake in a drawing names its point', () => {
    expect(errors(withData('points', { points: [] }))).toEqual(['data.points is empty: click on the plane to add points of each class']);
    expect(errors(withData('points', { points: [[0, 0, 0], [1, 1, 0]] }))).toEqual(['data.points holds only class 0: a classifier needs points of at least two classes']);
    expect(errors(withData('points', { points: [...POINTS, [0, 0, 2]] }))).toEqual(['data.points[5][2] is class 2, but data.classes is 2 (classes 0 to 1)']);
    expect(errors(withData('points', { points: [[7, 0, 0], ...POINTS] }))).toEqual(['data.points[0][0] must be in [-6, 6], got 7']);
    expect(errors(withData('points', { points: [[0, 0, 0.5], ...POINTS] }))).toEqual(['data.points[0][2] must be an integer from 0 to 7, got 0.5']);
    expect(errors(withData('points', { points: Array.from({ length: 1001 }, (_, i) => [0, 0, i % 2]) }))).toEqual(['data.points must have at most 1000 entries']);
    expect(errors(withData('points', { testFraction: 0.95 }))).toEqual(['data.testFraction must be in [0, 0.9], got 0.95']);
    expect(errors(withData('points', { points: [[0, 0, 0]], testFraction: 0.9 }))).toContain('data.testFraction 0.9 holds out all 1 examples; lower it so that some are left to train on');
  });
});

describe('files', () => {
  it('csv and images need their source, which says what the file holds', () => {
    expect(errors({ task: 'csv', runs: [{}] })).toEqual(['data.source is required for the csv task: load a CSV file in the data panel (or give `lab run --data FILE`)']);
    expect(errors({ task: 'images', runs: [{}] })).toEqual(['data.source is required for the images task: load a folder or zip of images in the data panel (or give `lab run --data FILE`)']);
    expect(errors(withData('csv', { source: { ...CSV_SOURCE, sha256: 'ABC' } }))).toEqual(['data.source.sha256 must be 64 lowercase hex digits (a SHA-256 checksum)']);
    expect(errors(withData('csv', { source: { ...CSV_SOURCE, kind: 'image-zip' } }))).toEqual(['data.source.kind must be "csv" for csv, got "image-zip"']);
    expect(errors(withData('images', { source: { ...ZIP_SOURCE, kind: 'csv' } }))).toEqual(['data.source.kind must be "image-zip" or "image-folder" for images, got "csv"']);
    const { features: _, ...noFeatures } = CSV_SOURCE;
    expect(errors(withData('csv', { source: noFeatures }))).toEqual(['data.source.features is required for a CSV file: the number of feature columns (every column but the label)']);
    expect(errors(withData('images', { source: { ...ZIP_SOURCE, features: 3 } }))).toEqual(["data.source.features applies to CSV files only: an image's inputs are data.imageSize² × channels"]);
    expect(errors(withData('csv', { source: { ...CSV_SOURCE, classes: 1 } }))).toEqual(['data.source.classes must be an integer from 2 to 100, got 1']);
    expect(errors(withData('csv', { source: { ...CSV_SOURCE, examples: 0 } }))).toEqual(['data.source.examples must be an integer from 1 to 100000, got 0']);
    expect(errors(withData('csv', { source: { ...CSV_SOURCE, url: 'x' } }))).toEqual(['data.source has unknown field "url"']);
  });

  it('csv: the model must take the file\'s feature columns and score its classes; sizes are counted', () => {
    expect(errors(withData('csv', {}, { model: 'INPUT 5, FC-3' }))).toEqual(['runs[0].model input must be 4 for csv (the 4 feature columns of iris.csv), got 5']);
    expect(errors(withData('csv', {}, { model: 'INPUT 4, FC-2' }))).toEqual(["runs[0].model's last layer must have 3 units for csv (its 3 classes), got 2"]);
    expect(ok(VALID.csv).data).toMatchObject({ trainSize: 120, testSize: 30 });
    expect(errors(withData('csv', { label: '' }))).toEqual(['data.label must have at least 1 characters']);
    expect(errors(withData('csv', { standardize: 'yes' }))).toEqual(['data.standardize must be a boolean, got "yes"']);
  });

  it('images: size and colour decide the input', () => {
    expect(errors(withData('images', { imageSize: 7 }))).toEqual(['data.imageSize must be an integer from 8 to 128, got 7']);
    expect(errors(withData('images', { color: 'cmyk' }))).toEqual(['data.color must be one of "grey", "rgb", got "cmyk"']);
    expect(errors(withData('images', { imageSize: 16, color: 'rgb' }))).toEqual(['runs[0].model input must be 768 or 16x16x3 for images (images of 16x16, 3 channels), got 784']);
    expect(ok(withData('images', { imageSize: 16, color: 'rgb' }, { model: 'INPUT 16x16x3, CONV3-4, POOL2, FC-2' })).data.color).toBe('rgb');
  });
});

describe('training.epochs', () => {
  it('replaces steps with epochs × ceil(training examples / batch size)', () => {
    const doc = ok({ task: 'mnist', data: { trainSize: 1000 }, runs: [{ training: { batchSize: 64, epochs: 3, steps: 7 } }] });
    expect(doc.runs[0].training).toMatchObject({ epochs: 3, steps: 3 * 16, batchSize: 64 });
    // Without epochs the steps are the document's, and epochs stays off.
    expect(ok({ task: 'mnist', runs: [{ training: { steps: 7 } }] }).runs[0].training).toMatchObject({ epochs: null, steps: 7 });
    // Counted sizes count: 120 iris rows in batches of 32 are 4 steps an epoch.
    expect(ok(withData('csv', {}, { training: { epochs: 10 } })).runs[0].training.steps).toBe(40);
  });

  it('is checked against its range and the step cap', () => {
    expect(errors({ task: 'xor', runs: [{ training: { epochs: 0 } }] })).toEqual(['runs[0].training.epochs must be an integer from 1 to 10000, got 0']);
    expect(errors({ task: 'mnist', data: { trainSize: 60000 }, runs: [{ training: { batchSize: 1, epochs: 20 } }] })).toEqual([
      'runs[0].training.epochs 20 make 1,200,000 steps (60,000 per epoch); the limit is 1,000,000 steps',
    ]);
  });
});
