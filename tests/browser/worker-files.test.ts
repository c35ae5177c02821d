// A user's file trained in the real worker: the page sends the examples it made of the file with the
// start; the session checks them against the document's data.source before training on them.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { experiment } from '../../src/core/experiment';
import { csvExamples } from '../../src/data/user-examples';
import { TrainingController } from '../../src/state/training.svelte';

const training = new TrainingController();
afterAll(() => training.dispose());

const bytes = async () => new Uint8Array(await (await fetch('/docs/examples/iris.csv')).arrayBuffer());

describe('the worker with a CSV file', () => {
  it('refuses a start without the file, or with another file, in words; trains on the file itself', async () => {
    const examples = await csvExamples(await bytes(), 'iris.csv');
    const doc = experiment({ task: 'csv', data: { source: examples.source }, runs: [{ model: 'INPUT 4, FC-16 RELU, FC-3', optimizer: { name: 'adam', learningRate: 0.01 }, training: { epochs: 30 } }] });
    const ended = () => vi.waitFor(() => expect(['finished', 'error']).toContain(training.status), { timeout: 120_000, interval: 50 });

    training.train(doc, 'webgl');
    await ended();
    expect(training.error).toBe('Load the CSV file "iris.csv" to train on it: a document names its file but cannot carry it.');

    const other = await csvExamples(new TextEncoder().encode('a,b,c,d,species\n1,2,3,4,x\n5,6,7,8,y\n'), 'iris.csv');
    training.train(doc, 'webgl', { examples: other });
    await ended();
    expect(training.error).toMatch(/^This is not the CSV file "iris\.csv" \(3,716 bytes, sha256 91eb642c3adb…\): it has 36 bytes instead of 3,716 bytes; its contents differ/);

    training.train(doc, 'webgl', { examples });
    await ended();
    expect(training.error).toBeNull();
    expect(training.results[0]).toMatchObject({ steps: 120 }); // 30 epochs of 4 steps
    expect(training.results[0].testAccuracy).toBeGreaterThan(0.8);
  });
});
