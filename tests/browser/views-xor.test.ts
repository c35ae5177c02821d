// The views over a real XOR training in the worker: decision maps per run, refreshed at most twice a
// second without overlapping requests and once at the end, plus the confusion matrix and histograms.
import { flushSync, mount, unmount, type Component } from 'svelte';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import xor from '../../docs/examples/xor.json';
import { runColor } from '../../src/charts/run-colors';
import { experiment } from '../../src/core/experiment';
import { TrainingController } from '../../src/state/training.svelte';
import ConfusionMatrix from '../../src/ui/views/ConfusionMatrix.svelte';
import DigitGrid from '../../src/ui/views/DigitGrid.svelte';
import Histograms from '../../src/ui/views/Histograms.svelte';
import PlaneView from '../../src/ui/views/PlaneView.svelte';
import { ExperimentEditor } from '../../src/state/editor.svelte';
import { CLASS_COLORS, heatColor, toCanvas } from '../../src/ui/views/plane-draw';
import type { InspectQuery } from '../../src/worker/protocol';

const doc = experiment({
  ...xor,
  runs: [
    xor.runs[0],
    { ...xor.runs[0], name: '2-8-1 tanh adam', seed: 2, model: 'INPUT 2, FC-8 TANH, FC-1 SIGMOID', optimizer: { name: 'adam', learningRate: 0.05 } },
  ],
});

interface Asked {
  run: string;
  kind: InspectQuery['kind'];
  start: number;
  end: number | null;
  /**
   * Asked once the run's weights were final: after its done event. A run of one stack may finish
   * before the other stack does, and its final question then comes before the status says finished.
   */
  afterDone: boolean;
}

let training: TrainingController;
const asked: Asked[] = [];
const mounted: Record<string, unknown>[] = [];
const target = document.createElement('div');

function mountIn<P extends Record<string, unknown>>(component: Component<P>, props: P): void {
  const box = document.createElement('div');
  box.style.margin = '0 0 1rem';
  target.append(box);
  mounted.push(mount(component, { target: box, props }));
}

beforeAll(async () => {
  await page.viewport(900, 700);
  document.body.append(target);
  training = new TrainingController();
  // Every question the views ask, with its timing, to check the refresh policy.
  const inspect = training.inspect.bind(training);
  training.inspect = (run, query) => {
    const afterDone = training.status === 'finished' || training.results.some((r) => r.run === run);
    const entry: Asked = { run, kind: query.kind, start: performance.now(), end: null, afterDone };
    asked.push(entry);
    return inspect(run, query).finally(() => (entry.end = performance.now()));
  };
});

afterAll(() => {
  for (const m of mounted.splice(0)) unmount(m);
  target.remove();
  training.dispose();
});

describe('views of an XOR experiment', () => {
  it('shows hints before training, then draws each run and refreshes within the limits', async () => {
    // An editor on another task: before training the plane view has nothing to preview, only a hint.
    const editor = new ExperimentEditor();
    editor.setTask('mnist');
    mountIn(PlaneView, { training, editor });
    mountIn(ConfusionMatrix, { training });
    mountIn(Histograms, { training });
    mountIn(DigitGrid, { training });
    flushSync();
    expect(target.querySelectorAll('.hint')).toHaveLength(4);
    expect(target.querySelectorAll('canvas')).toHaveLength(0);

    training.train(doc, 'webgl', { stepsOverride: 600 });
    await vi.waitFor(() => expect(training.status).toBe('finished'), { timeout: 150_000, interval: 50 });
    // The final round: every view asks once more after each run's end, and all answers are in.
    await vi.waitFor(
      () => {
        expect(asked.filter((a) => a.afterDone && a.kind === 'decision-grid').map((a) => a.run).sort()).toEqual(doc.runs.map((r) => r.name).sort());
        expect(asked.filter((a) => a.afterDone && a.kind === 'test-predictions')).toHaveLength(1);
        expect(asked.filter((a) => a.afterDone && a.kind === 'histograms')).toHaveLength(1);
        expect(asked.every((a) => a.end !== null)).toBe(true);
      },
      { timeout: 20_000, interval: 50 },
    );
    await new Promise((r) => setTimeout(r, 300)); // nothing more is asked once the final answers are in
    flushSync();
    expect(asked.filter((a) => a.afterDone && a.kind === 'decision-grid')).toHaveLength(2);
    expect(training.error).toBeNull();

    for (const run of doc.runs.map((r) => r.name)) {
      const mine = asked.filter((a) => a.run === run && a.kind === 'decision-grid');
      for (let i = 1; i < mine.length; i++) {
        // One request at a time per run...
        expect(mine[i].start).toBeGreaterThanOrEqual(mine[i - 1].end!);
        // ...and at most about two a second while training (the final one may come sooner).
        if (!mine[i].afterDone) expect(mine[i].start - mine[i - 1].start).toBeGreaterThanOrEqual(490);
      }
    }
  });

  it('colours each run map by class at the corners and names the run in its colour', async () => {
    const canvases = [...target.querySelectorAll<HTMLCanvasElement>('.decision-boundaries canvas')];
    expect(canvases.map((c) => c.dataset.run)).toEqual(doc.runs.map((r) => r.name));
    const plane = { resolution: 60, lo: -0.5, hi: 1.5 };
    const dist = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    for (const canvas of canvases) {
      const ctx = canvas.getContext('2d')!;
      // Just outside each corner, beyond the training point's marker.
      for (const [x, y, label] of [
        [-0.15, -0.15, 0],
        [-0.15, 1.15, 1],
        [1.15, -0.15, 1],
        [1.15, 1.15, 0],
      ]) {
        const [px, py] = toCanvas(plane, canvas.width, x, y);
        const pixel = ctx.getImageData(Math.round(px), Math.round(py), 1, 1).data;
        const own = dist(pixel, heatColor(label));
        expect(own, `${canvas.dataset.run} at (${x}, ${y})`).toBeLessThan(dist(pixel, heatColor(1 - label)));
        expect(own).toBeLessThan(dist(pixel, heatColor(0.5)));
      }
    }
    // The training points (the truth table, also its test set) are drawn over each map, none crossed out:
    // every run classifies all four right.
    for (const canvas of canvases) {
      expect(canvas.dataset.misclassified).toBe('0 of 4 shown points misclassified');
      const ctx = canvas.getContext('2d')!;
      for (const [x, y, label] of [
        [0, 0, 0],
        [1, 0, 1],
      ]) {
        const [px, py] = toCanvas(plane, canvas.width, x, y);
        const pixel = [...ctx.getImageData(Math.round(px), Math.round(py), 1, 1).data.slice(0, 3)];
        const hex = CLASS_COLORS[label];
        expect(pixel, `the class ${label} point at (${x}, ${y}) on ${canvas.dataset.run}`).toEqual([1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
      }
    }
    const captions = [...target.querySelectorAll<HTMLElement>('.decision-boundaries figcaption .run')];
    expect(captions.map((c) => c.textContent)).toEqual(doc.runs.map((r) => r.name));
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(captions.map((c) => getComputedStyle(c).color)).toEqual([rgb(runColor(0)), rgb(runColor(1))]);
  });

  it('fills the 2x2 confusion matrix and one histogram per weighted layer', async () => {
    const cells = [...target.querySelectorAll('.confusion tbody td')].map((td) => Number(td.textContent));
    expect(cells).toHaveLength(4);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(4); // the truth table is also the test set
    expect(target.querySelectorAll('.confusion thead th[scope="col"]')).toHaveLength(2);
    expect(target.querySelectorAll('.confusion tbody th[scope="row"]')).toHaveLength(2);
    expect(target.querySelector('.confusion .summary')?.textContent).toMatch(/accuracy\s+100\.0%/);
    expect(target.querySelectorAll('.histograms canvas')).toHaveLength(2); // FC-4 and FC-1
    expect(target.querySelector('.histograms')?.textContent).toContain('FC-4');
    await page.elementLocator(target).screenshot({ path: '../../test-results/views-xor.png' });
  });
});
