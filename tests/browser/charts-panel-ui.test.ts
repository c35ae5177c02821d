// The state -> chart path in real Chromium, without training: a fake host stands in for the worker
// (tested elsewhere) and the test pushes the session's messages itself.
import { Chart } from 'chart.js';
import { flushSync, mount, unmount, type Component } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { runColor } from '../../src/charts/run-colors';
import type { LayerStats, TrainEvent } from '../../src/core/events';
import { experiment } from '../../src/core/experiment';
import type { ExperimentDoc } from '../../src/core/experiment-types';
import { metricsCSV } from '../../src/state/export';
import { TrainingController } from '../../src/state/training.svelte';
import ChartsPanel from '../../src/ui/charts/ChartsPanel.svelte';
import LayerMeter from '../../src/ui/charts/LayerMeter.svelte';
import RunStats from '../../src/ui/controls/RunStats.svelte';
import ExportButtons from '../../src/ui/controls/ExportButtons.svelte';
import { FakeHost } from './fake-host';



const twoRuns = experiment({
  title: 'Tanh vs ReLU',
  task: 'xor',
  runs: [
    { name: 'tanh', model: 'INPUT 2, FC-8 TANH, FC-8 TANH, FC-1 SIGMOID' },
    { name: 'relu', model: 'INPUT 2, FC-8 RELU, FC-8 RELU, FC-1 SIGMOID' },
  ],
});

function layerStats(step: number, k: number): LayerStats[] {
  return [1, 2, 3].map((layer) => ({
    layer,
    label: layer === 3 ? 'FC-1' : 'FC-8',
    units: layer === 3 ? 1 : 8,
    gradNorm: (0.5 / layer ** (2 + k)) * Math.exp(-step / 150),
    weightNorm: 2,
    activationMean: 0.1,
    activationStd: 0.4,
    deadFraction: k === 1 && layer < 3 ? Math.min(0.6, (0.1 * layer * step) / 100) : 0,
    distinctUnits: layer === 3 ? 1 : 8 - k * Math.floor(step / 80),
  }));
}

/** Plausible curves for each run: run k learns slower and ends higher. */
function fakeEvents(doc: ExperimentDoc, steps: number): TrainEvent[] {
  const events: TrainEvent[] = [];
  doc.runs.forEach((run, k) => {
    for (let step = 1; step <= steps; step++) {
      const loss = 0.7 * Math.exp(-step / (40 + 60 * k)) + 0.02 + 0.03 * k + 0.02 * Math.sin(step);
      events.push({ type: 'metrics', run: run.name, step, loss, accuracy: Math.min(1, 0.5 + (0.7 - loss) * 0.75) });
      if (step % 20 === 0) {
        events.push({ type: 'eval', run: run.name, step, testLoss: loss + 0.05, testAccuracy: Math.min(1, 0.45 + (0.7 - loss) * 0.7), trainSetLoss: loss, trainSetAccuracy: Math.min(1, 0.5 + (0.7 - loss) * 0.75) });
        events.push({ type: 'layers', run: run.name, step, layers: layerStats(step, k) });
      }
    }
    events.push({ type: 'timing', run: run.name, step: steps, msPerStep: 1.5 + k, msPerInference: 0.4 + k / 10, examplesPerSecond: 2600 / (1 + k), kernelsPerInference: 5 });
  });
  return events;
}

const chartOf = (root: HTMLElement, id: string, index = 0) => {
  const canvas = root.querySelectorAll<HTMLCanvasElement>(`[data-chart="${id}"] canvas`)[index];
  return canvas ? Chart.getChart(canvas) : undefined;
};
/** The drawn lines of a chart, without the faint raw curves behind smoothed ones. */
const lines = (root: HTMLElement, id: string, index = 0) => chartOf(root, id, index)?.data.datasets.filter((d) => !d.label?.endsWith('(raw)')) ?? [];
const labels = (root: HTMLElement, id: string, index = 0) => lines(root, id, index).map((d) => d.label);

let host: FakeHost;
let training: TrainingController;
let target: HTMLElement;
const mounted: Record<string, unknown>[] = [];
let saved: { href: string; download: string }[];

function mountIn<P extends Record<string, unknown>>(component: Component<P>, props: P) {
  const instance = mount(component, { target, props });
  mounted.push(instance);
  flushSync();
  return instance;
}

beforeEach(async () => {
  await page.viewport(1280, 1000);
  host = new FakeHost();
  training = new TrainingController(host.asHost(), null);
  target = document.createElement('div');
  target.style.cssText = 'width: 1240px; padding: 8px; font-family: system-ui, sans-serif;';
  document.body.append(target);
  saved = [];
  // The downloads' <a download> is clicked in code: record it instead of saving a file.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ href: this.href, download: this.download });
  });
});

afterEach(() => {
  for (const instance of mounted.splice(0)) unmount(instance);
  training.dispose();
  target.remove();
  vi.restoreAllMocks();
});

describe('ChartsPanel', () => {
  it('draws every run in its colour on every chart, toggles a log loss axis, exports PNGs', async () => {
    mountIn(ChartsPanel, { training });
    training.train(twoRuns, 'cpu');
    host.push({ type: 'events', events: fakeEvents(twoRuns, 200) });

    await expect.poll(() => labels(target, 'loss')).toEqual(['tanh · train', 'tanh · test', 'relu · train', 'relu · test']);
    await expect.poll(() => labels(target, 'accuracy')).toHaveLength(4);
    // Per-layer statistics as small multiples: the runs share their layers, so a chart per layer.
    for (const id of ['gradNorm', 'deadFraction', 'distinctUnits', 'weightNorm', 'activationStd']) {
      const root = target.querySelector<HTMLElement>(`[data-chart="${id}"]`)!;
      await expect.poll(() => root.querySelectorAll('canvas').length, { message: id }).toBe(3);
      expect(root.dataset.layout).toBe('layer');
      expect([...root.querySelectorAll('.sub')].map((h) => h.textContent?.trim())).toEqual(['hidden layer 1 · FC-8', 'hidden layer 2 · FC-8', 'output layer · FC-1']);
      for (const i of [0, 1, 2]) await expect.poll(() => labels(target, id, i)).toEqual(['tanh', 'relu']);
    }
    const loss = chartOf(target, 'loss')!;
    expect(lines(target, 'loss').map((d) => d.borderColor)).toEqual([runColor(0), runColor(0), runColor(1), runColor(1)]);
    await expect.poll(() => lines(target, 'loss').map((d) => d.data.length)).toEqual([200, 10, 200, 10]);
    expect(lines(target, 'gradNorm', 0).map((d) => d.borderColor)).toEqual([runColor(0), runColor(1)]);
    // The legend is HTML buttons outside the plot, one per run and line style.
    const lossPanel = page.elementLocator(target.querySelector('[data-chart="loss"]')!);
    expect(lossPanel.getByRole('button', { pressed: true }).all().map((b) => b.element().textContent?.trim())).toEqual(['tanh', 'relu', 'train', 'test']);

    expect(loss.options.scales?.y?.type).toBe('linear');
    const logToggle = lossPanel.getByRole('checkbox', { name: 'log scale' });
    await logToggle.click();
    await expect.element(logToggle).toBeChecked();
    expect(loss.scales.y.type).toBe('logarithmic');
    expect(loss.data.datasets.every((d) => d.data.every((p) => (p as { y: number }).y > 0))).toBe(true);
    await logToggle.click();
    await expect.element(logToggle).not.toBeChecked();
    expect(loss.scales.y.type).toBe('linear');

    // One smoothing slider for the per-step curves of every chart.
    const smoothing = page.getByRole('slider', { name: 'smoothing' });
    await smoothing.fill('0');
    await expect.poll(() => loss.data.datasets.find((d) => d.label === 'tanh · train (raw)')?.data.length).toBe(0);
    await smoothing.fill('0.9');
    await expect.poll(() => chartOf(target, 'accuracy')!.data.datasets.find((d) => d.label === 'relu · train (raw)')?.data.length).toBe(200);

    await page.getByRole('button', { name: 'Download Loss chart as PNG' }).click();
    await page.getByRole('button', { name: 'Download Gradient norm per layer chart as PNG' }).click();
    expect(saved.map((s) => s.download)).toEqual(['tanh-vs-relu-loss.png', 'tanh-vs-relu-gradNorm.png']);
    expect(saved.every((s) => s.href.startsWith('data:image/png;base64,'))).toBe(true);
    expect(saved[0].href.length).toBeGreaterThan(5000);

    mountIn(RunStats, { training });
    const rows = [...target.querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
    expect(rows).toEqual([
      // Different activations cannot share kernels: two stacks of one run each.
      ['tanh', '200', '1.50', '0.40', '2,600', expect.stringMatching(/%$/), '1'],
      ['relu', '200', '2.50', '0.50', '1,300', expect.stringMatching(/%$/), '2'],
    ]);
    // Outside the project root Vite refuses to write (server.fs); test-results/ is git-ignored.
    await new Promise((done) => setTimeout(done, 400));
    await page.screenshot({ path: '../../test-results/charts-panel.png' });
  });

  it('draws the charts a lesson asks for, with its axis, its layer and the train/test gap', async () => {
    mountIn(ChartsPanel, {
      training,
      charts: ['loss', 'gap', 'deadFraction', 'distinctUnits'],
      config: { loss: { logScale: true }, deadFraction: { layer: 'first hidden' }, distinctUnits: { meter: true } },
    });
    training.train(twoRuns, 'cpu');
    host.push({ type: 'events', events: fakeEvents(twoRuns, 200) });
    expect([...target.querySelectorAll('[data-chart]')].map((e) => (e as HTMLElement).dataset.chart)).toEqual(['loss', 'gap', 'deadFraction', 'distinctUnits-meter']);
    await expect.element(page.getByRole('meter', { name: 'relu: 6 of 8 units distinct' })).toBeInTheDocument();
    await expect.poll(() => chartOf(target, 'loss')?.scales.y.type).toBe('logarithmic');
    await expect.element(page.elementLocator(target.querySelector('[data-chart="loss"]')!).getByRole('checkbox', { name: 'log scale' })).toBeChecked();
    // The gap: test loss minus training-set loss at each evaluation (0.05 in these events).
    await expect.poll(() => labels(target, 'gap')).toEqual(['tanh · gap', 'relu · gap']);
    expect(lines(target, 'gap')[0].data.every((p) => Math.abs((p as { y: number }).y - 0.05) < 1e-9)).toBe(true);
    // One layer, the runs compared on one large-enough chart.
    const dead = target.querySelector<HTMLElement>('[data-chart="deadFraction"]')!;
    await expect.poll(() => dead.querySelectorAll('canvas').length).toBe(1);
    expect(labels(target, 'deadFraction')).toEqual(['tanh', 'relu']);
    expect(chartOf(target, 'deadFraction')!.chartArea.height).toBeGreaterThan(200);
  });

  it('shows a meter per run for one layer: distinct units of the first hidden layer', async () => {
    mountIn(LayerMeter, { metric: 'distinctUnits', training });
    expect(target.textContent).toContain('No layer statistics yet');
    training.train(twoRuns, 'cpu');
    host.push({ type: 'events', events: fakeEvents(twoRuns, 200) });
    // At step 200: tanh keeps its 8 units apart, relu has 8 − floor(200 / 80) = 6.
    const meters = page.getByRole('meter');
    await expect.poll(() => meters.all().map((m) => [m.element().getAttribute('aria-label'), (m.element() as HTMLMeterElement).value, (m.element() as HTMLMeterElement).max])).toEqual([
      ['tanh: 8 of 8 units distinct', 8, 8],
      ['relu: 6 of 8 units distinct', 6, 8],
    ]);
    expect(target.querySelector('h3')?.textContent).toBe('Distinct units, first hidden layer');
  });

  it('clears on a new training, fills a panel mounted mid-training from the history, and lets go on unmount', async () => {
    training.train(twoRuns, 'cpu');
    host.push({ type: 'events', events: fakeEvents(twoRuns, 50) });
    const panel = mountIn(ChartsPanel, { training });
    await expect.poll(() => labels(target, 'loss')).toHaveLength(4);
    await expect.poll(() => target.querySelectorAll('[data-chart="gradNorm"] canvas').length).toBe(3);

    const solo = experiment({ title: 'Solo', task: 'xor', runs: [{ name: 'solo' }] });
    training.train(solo, 'cpu');
    await expect.poll(() => labels(target, 'loss')).toEqual([]);
    await expect.poll(() => target.querySelectorAll('[data-chart="gradNorm"] canvas').length).toBe(0);
    host.push({ type: 'events', events: fakeEvents(solo, 30) });
    await expect.poll(() => labels(target, 'loss')).toEqual(['solo · train', 'solo · test']);
    await expect.poll(() => lines(target, 'loss')[0].data).toHaveLength(30);
    // One run: a single chart of its layers, by depth.
    await expect.poll(() => target.querySelector<HTMLElement>('[data-chart="gradNorm"]')?.dataset.layout).toBe('run');

    const canvases = [...target.querySelectorAll('canvas')];
    expect(canvases.length).toBeGreaterThan(2);
    unmount(panel);
    mounted.splice(mounted.indexOf(panel), 1);
    for (const canvas of canvases) expect(Chart.getChart(canvas)).toBeUndefined();
    host.push({ type: 'events', events: fakeEvents(solo, 31).slice(-3) }); // no chart left to feed: no error
  });
});

describe('ExportButtons', () => {
  it('is disabled without history and downloads the metrics CSV and the JSON with the document', async () => {
    mountIn(ExportButtons, { training });
    const csvButton = page.getByRole('button', { name: 'Download metrics as CSV' });
    await expect.element(csvButton).toBeDisabled();

    const quoted = experiment({ title: 'Quotes', task: 'xor', runs: [{ name: 'a "quoted", name' }] });
    training.train(quoted, 'cpu');
    await expect.element(csvButton).toBeDisabled();
    host.push({ type: 'events', events: fakeEvents(quoted, 40) });
    await expect.element(csvButton).toBeEnabled();

    await csvButton.click();
    await page.getByRole('button', { name: 'Download per-layer statistics as CSV' }).click();
    await page.getByRole('button', { name: 'Download experiment and events as JSON' }).click();
    expect(saved.map((s) => s.download)).toEqual(['quotes-metrics.csv', 'quotes-layers.csv', 'quotes-training.json']);
    const [csv, layers, json] = await Promise.all(saved.map(async (s) => (await fetch(s.href)).text()));
    expect(csv).toBe(metricsCSV(training.history));
    expect(csv.split('\n')[20]).toMatch(/^"a ""quoted"", name",20,[\d.]+,[\d.]+,[\d.]+,[\d.]+$/);
    expect(layers.split('\n')).toHaveLength(1 + 2 * 3 + 1);
    const parsed = JSON.parse(json);
    expect(parsed.experiment.runs[0].name).toBe('a "quoted", name');
    expect(parsed.events).toHaveLength(training.history.length);
  });
});
