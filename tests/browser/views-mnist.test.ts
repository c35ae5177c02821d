// The views over a short real MNIST training (two small MLPs) in the worker: the digit grid with its
// mistakes, the confusion matrix, the histograms, and the run selector.
import { flushSync, mount, unmount, type Component } from 'svelte';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import mlpJson from '../../docs/examples/mnist-mlp.json';
import { experiment } from '../../src/core/experiment';
import { TrainingController } from '../../src/state/training.svelte';
import ConfusionMatrix from '../../src/ui/views/ConfusionMatrix.svelte';
import DigitGrid from '../../src/ui/views/DigitGrid.svelte';
import Histograms from '../../src/ui/views/Histograms.svelte';
import PlaneView from '../../src/ui/views/PlaneView.svelte';
import { ExperimentEditor } from '../../src/state/editor.svelte';
import type { InspectQuery } from '../../src/worker/protocol';

const training0 = { ...mlpJson.runs[0].training, batchSize: 32, steps: 60, evalEvery: 30 };
const doc = experiment({
  ...mlpJson,
  data: { ...mlpJson.data, trainSize: 500, testSize: 100 },
  runs: [
    { ...mlpJson.runs[0], training: training0 },
    { ...mlpJson.runs[0], name: '784-16-10 relu', model: 'INPUT 784, FC-16 RELU HE, FC-10 SOFTMAX', training: training0 },
  ],
});

let training: TrainingController;
const asked: { kind: InspectQuery['kind']; afterFinish: boolean; done: boolean }[] = [];
const mounted: Record<string, unknown>[] = [];
const target = document.createElement('div');

function mountIn<P extends Record<string, unknown>>(component: Component<P>, props: P): void {
  const box = document.createElement('div');
  box.style.margin = '0 0 1rem';
  target.append(box);
  mounted.push(mount(component, { target: box, props }));
}

/** Waits for every request to be answered, and for at least `count` of `kind` asked after the end. */
async function settled(kind: InspectQuery['kind'], count: number): Promise<void> {
  await vi.waitFor(
    () => {
      expect(asked.filter((a) => a.afterFinish && a.kind === kind).length).toBeGreaterThanOrEqual(count);
      expect(asked.every((a) => a.done)).toBe(true);
    },
    { timeout: 20_000, interval: 50 },
  );
  flushSync();
}

beforeAll(async () => {
  await page.viewport(900, 700);
  document.body.append(target);
  training = new TrainingController();
  const inspect = training.inspect.bind(training);
  training.inspect = (run, query) => {
    const entry = { kind: query.kind, afterFinish: training.status === 'finished', done: false };
    asked.push(entry);
    return inspect(run, query).finally(() => (entry.done = true));
  };
});

afterAll(() => {
  for (const m of mounted.splice(0)) unmount(m);
  target.remove();
  training.dispose();
});

describe('views of an MNIST experiment', () => {
  it('shows the first 48 test digits with their predictions, mistakes marked as the confusion matrix counts them', async () => {
    const editor = new ExperimentEditor();
    editor.setTask('mnist');
    mountIn(PlaneView, { training, editor });
    mountIn(DigitGrid, { training });
    mountIn(ConfusionMatrix, { training });
    mountIn(Histograms, { training });
    training.train(doc, 'webgl', { diagnosticsEvery: 0 });
    await vi.waitFor(() => expect(training.status).toBe('finished'), { timeout: 150_000, interval: 50 });
    await settled('test-predictions', 2); // the grid's and the matrix's final answers
    await settled('histograms', 1);
    expect(training.error).toBeNull();

    // The truth, asked directly.
    const answer = await training.inspect(doc.runs[0].name, { kind: 'test-predictions' });
    if (answer.kind !== 'test-predictions') throw new Error('wrong answer kind');
    const { predicted, confusion } = answer.predictions;
    const labels = answer.labels;
    const wrongFirst48 = Array.from({ length: 48 }, (_, i) => i).filter((i) => predicted[i] !== labels[i]);

    const tiles = [...target.querySelectorAll<HTMLElement>('.digit-grid li.digit')];
    expect(tiles).toHaveLength(48);
    expect(target.querySelectorAll('.digit-grid canvas')).toHaveLength(48);
    tiles.forEach((tile, i) => {
      const caption = tile.querySelector('.caption')!.textContent!.trim();
      if (predicted[i] === labels[i]) {
        expect(tile.classList.contains('wrong')).toBe(false);
        expect(caption).toBe(String(labels[i]));
      } else {
        expect(tile.classList.contains('wrong')).toBe(true);
        expect(caption).toBe(`✗ ${labels[i]}→${predicted[i]}`);
        expect(getComputedStyle(tile).borderTopColor).toBe('rgb(198, 40, 40)');
      }
    });
    expect(target.querySelectorAll('.digit-grid li.wrong')).toHaveLength(wrongFirst48.length);
    expect(target.querySelector('.digit-grid .summary')?.textContent).toContain(`${wrongFirst48.length} mistake`);
    // The digits are drawn: dark ink somewhere on a white ground.
    const pixels = tiles[0].querySelector('canvas')!.getContext('2d')!.getImageData(0, 0, 28, 28).data;
    const grey = Array.from({ length: 28 * 28 }, (_, p) => pixels[4 * p]);
    expect(Math.min(...grey)).toBeLessThan(60);
    expect(Math.max(...grey)).toBe(255);

    // The matrix: every test digit once, the same counts, accuracy = diagonal / total.
    const cells = [...target.querySelectorAll('.confusion tbody td')].map((td) => Number(td.textContent));
    expect(cells).toHaveLength(100);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(100);
    expect(cells).toEqual(confusion.flat());
    const correct = confusion.reduce((s, row, i) => s + row[i], 0);
    expect(target.querySelector('.confusion .summary')?.textContent).toContain(`${((100 * correct) / 100).toFixed(1)}%`);
    expect(target.querySelectorAll('.confusion td.diagonal')).toHaveLength(10);
    expect(target.querySelector('.confusion caption')?.textContent).toContain(doc.runs[0].name);

    // Histograms: FC-100 and FC-10.
    const charts = [...target.querySelectorAll('.histograms figure')];
    expect(charts).toHaveLength(2);
    expect(charts.map((c) => c.querySelector('.label')?.textContent)).toEqual([expect.stringContaining('FC-100'), expect.stringContaining('FC-10')]);
    // No decision map for MNIST, only a hint.
    expect(target.querySelectorAll('.decision-boundaries')).toHaveLength(0);
    expect(target.querySelector('.plane-view .hint')?.textContent).toContain('Train a 2-D experiment');
    // Section by section: an element screenshot shows only what fits in the viewport.
    for (const [selector, name] of [
      ['.digit-grid', 'views-mnist'],
      ['.confusion', 'views-mnist-confusion'],
      ['.histograms', 'views-mnist-histograms'],
    ]) {
      await page.elementLocator(target.querySelector(selector)!).screenshot({ path: `../../test-results/${name}.png` });
    }
  });

  it('switches the digit grid to another run with its selector', async () => {
    const select = target.querySelector<HTMLSelectElement>('.digit-grid select')!;
    expect([...select.options].map((o) => o.value)).toEqual(doc.runs.map((r) => r.name));
    const before = asked.length;
    select.value = doc.runs[1].name;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(
      () => {
        expect(asked.length).toBeGreaterThan(before);
        expect(asked.every((a) => a.done)).toBe(true);
      },
      { timeout: 20_000, interval: 50 },
    );
    flushSync();
    expect(target.querySelector('.digit-grid .summary')?.textContent).toContain(doc.runs[1].name);
    expect(target.querySelectorAll('.digit-grid li.digit')).toHaveLength(48);
    // The other views keep their own choice.
    expect(target.querySelector('.confusion .summary')?.textContent).toContain(doc.runs[0].name);
  });
});
