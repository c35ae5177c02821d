// The comparison charts on real lessons, in real Chromium: recorded events of four lessons are
// replayed through a TrainingController (fake host) into the chart components, which draw real
// Chart.js charts. Screenshots go to test-results/charts/ for a person to look at.
import { Chart } from 'chart.js';
import { flushSync, mount, unmount, type Component } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { CHART_FONT_PX, setChartFontSize } from '../../src/charts/font-size';
import { emaDebiased } from '../../src/charts/smoothing';
import type { MetricsEvent } from '../../src/core/events';
import { TrainingController } from '../../src/state/training.svelte';
import LayerPanel from '../../src/ui/charts/LayerPanel.svelte';
import MetricPanel from '../../src/ui/charts/MetricPanel.svelte';
import { replayLesson } from './charts-replay';
import { FakeHost } from './fake-host';

let host: FakeHost;
let training: TrainingController;
let target: HTMLElement;
const mounted: Record<string, unknown>[] = [];

function mountIn<P extends Record<string, unknown>>(component: Component<P>, props: P) {
  const instance = mount(component, { target, props });
  mounted.push(instance);
  flushSync();
  return instance;
}

const frames = (n = 2) => new Promise<void>((done) => {
  const step = (left: number) => (left === 0 ? done() : requestAnimationFrame(() => step(left - 1)));
  step(n);
});

/** Every Chart.js chart inside an element, in document order. */
const chartsIn = (root: ParentNode) => [...root.querySelectorAll('canvas')].map((c) => Chart.getChart(c) as Chart<'line'> | undefined).filter((c): c is Chart<'line'> => Boolean(c));
/** Lets the throttled redraw (at most one per 250 ms) draw everything replayed, then takes a picture. */
async function shot(name: string) {
  await new Promise((done) => setTimeout(done, 400));
  await frames(2);
  await page.screenshot({ path: `../../test-results/charts/${name}.png`, element: target });
}

beforeEach(async () => {
  await page.viewport(1280, 1000);
  host = new FakeHost();
  training = new TrainingController(host.asHost(), null);
  target = document.createElement('div');
  target.style.cssText = 'width: 980px; padding: 8px; font-family: system-ui, sans-serif; background: #f7f9fb;';
  document.body.append(target);
});

afterEach(() => {
  for (const instance of mounted.splice(0)) unmount(instance);
  training.dispose();
  target.remove();
  setChartFontSize(CHART_FONT_PX.normal);
});

describe('the learning-rate lesson: one run diverges at step 13', () => {
  it('keeps the healthy curves readable, draws the diverged run up to step 12 and marks it', async () => {
    mountIn(MetricPanel, { kind: 'loss', training });
    replayLesson(training, host, 'learning-rate');
    const root = target.querySelector<HTMLElement>('[data-chart="loss"]')!;
    await expect.poll(() => root.dataset.diverged).toBe(JSON.stringify([{ run: 'too high (30)', step: 13 }]));
    const chart = chartsIn(root)[0];
    // The recorded loss of lr 30 reached 8.2e35 at step 12; the axis stays at the healthy runs' scale.
    expect(chart.scales.y.max).toBeLessThanOrEqual(3);
    expect(chart.scales.y.min).toBe(0);
    expect(chart.scales.y.type).toBe('linear'); // 2.3 to 0.3: one decade, linear by default
    const high = chart.data.datasets.find((d) => d.label === 'too high (30) · train')!;
    expect(high.data.at(-1)).toMatchObject({ x: 12 });
    expect(high.data.every((p) => (p as { x: number }).x < 13)).toBe(true);
    // No duplicated tick labels.
    const labels = chart.scales.y.ticks.map((t) => t.label).filter((l) => l !== '');
    expect(new Set(labels).size).toBe(labels.length);
    // The legend says it in words, as a toggle button.
    const button = page.getByRole('button', { name: /too high \(30\)/ });
    await expect.element(button).toHaveTextContent('diverged at step 13');
    await expect.element(button).toHaveAttribute('aria-pressed', 'true');
    await frames();
    await shot('learning-rate-loss');

    // The lesson asks for a log axis: still the healthy runs' range, still marked.
    unmount(mounted.pop()!);
    mountIn(MetricPanel, { kind: 'loss', training, logScale: true });
    const logRoot = target.querySelector<HTMLElement>('[data-chart="loss"]')!;
    await expect.poll(() => logRoot.dataset.yScale).toBe('logarithmic');
    // The checkbox shows what is drawn: the lesson's log axis, checked.
    await expect.element(page.getByRole('checkbox', { name: 'log scale' })).toBeChecked();
    const log = chartsIn(logRoot)[0];
    expect(log.scales.y.max).toBeLessThanOrEqual(5);
    expect(log.scales.y.min).toBeGreaterThan(0.05);
    const logLabels = log.scales.y.ticks.map((t) => t.label).filter((l) => l !== '');
    expect(new Set(logLabels).size).toBe(logLabels.length);
    await frames();
    await shot('learning-rate-loss-log');
  });

  it('reads step and value of every run by pointer and by keyboard, and toggles a run from its legend button', async () => {
    mountIn(MetricPanel, { kind: 'loss', training });
    const events = replayLesson(training, host, 'learning-rate');
    const root = target.querySelector<HTMLElement>('[data-chart="loss"]')!;
    await expect.poll(() => root.dataset.drawnRuns).toBe(JSON.stringify(['too low (1e-5)', 'good (0.1)', 'too high (30)']));
    const chart = chartsIn(root)[0];
    const canvas = chart.canvas;
    const rect = canvas.getBoundingClientRect();
    const px = chart.scales.x.getPixelForValue(100);
    canvas.dispatchEvent(new PointerEvent('pointermove', { clientX: rect.left + px, clientY: rect.top + chart.chartArea.top + 20, bubbles: true }));
    flushSync();
    const box = root.querySelector<HTMLElement>('.readout')!;
    // MNIST lessons train for more than an epoch: the step line says which epoch too (format tested in tests/charts).
    expect(box.querySelector('.step')?.textContent).toMatch(/^step 100 · epoch [\d.]+$/);
    const rows = [...box.querySelectorAll('.row')].map((r) => `${r.querySelector('.name')?.textContent} ${r.querySelector('.value')?.textContent}`);
    const good = events.filter((e): e is MetricsEvent => e.type === 'metrics' && e.run === 'good (0.1)').map((e) => e.loss);
    const smoothed = emaDebiased(good, good.length, 0.6)[99]; // step 100 is the 100th point
    expect(rows).toHaveLength(5); // two runs with train and test, and the diverged one
    expect(rows).toContain(`good (0.1) · train ${Number(smoothed.toPrecision(4))} (raw ${Number(good[99].toPrecision(4))})`);
    expect(rows.find((r) => r?.startsWith('good (0.1) · test'))).toMatch(/^good \(0\.1\) · test [\d.]+$/);
    expect(rows.at(-1)).toBe('too high (30) · train diverged at step 13');

    // Keyboard: focus the plot, End, then one step back; the live region says it in words.
    const plot = root.querySelector<HTMLElement>('.plot')!;
    plot.focus();
    await userEvent.keyboard('{End}');
    await userEvent.keyboard('{ArrowLeft}');
    const live = root.parentElement!.querySelector('[aria-live="polite"]')!;
    await expect.poll(() => live.textContent).toMatch(/^step 199 · epoch [\d.]+: /);
    expect(live.textContent).toContain('too high (30) · train diverged at step 13');
    await userEvent.keyboard('{Shift>}{ArrowLeft}{/Shift}');
    await expect.poll(() => live.textContent).toMatch(/^step 179 · epoch [\d.]+: /);
    await shot('learning-rate-readout');
    await userEvent.keyboard('{Escape}');
    expect(root.querySelector('.readout')).toBeNull();

    // The legend: a button per run and per line style, pressed by keyboard.
    const low = page.getByRole('button', { name: /^too low/ });
    (low.element() as HTMLElement).focus();
    await userEvent.keyboard(' ');
    await expect.element(low).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => chart.data.datasets.filter((d) => d.label?.startsWith('too low') && !d.label.endsWith('(raw)')).map((d) => d.hidden)).toEqual([true, true]);
    await page.getByRole('button', { name: 'test' }).click();
    expect(chart.data.datasets.find((d) => d.label === 'good (0.1) · test')?.hidden).toBe(true);
  });
});

describe('the init-scale lesson: six runs, each with its own layers', () => {
  it('draws a small chart per run titled with its name and its layers\' labels, on one shared log axis', async () => {
    mountIn(LayerPanel, { metric: 'gradNorm', training });
    replayLesson(training, host, 'init-scale');
    const root = target.querySelector<HTMLElement>('[data-chart="gradNorm"]')!;
    await expect.poll(() => root.querySelectorAll('canvas').length).toBe(6);
    expect(root.dataset.layout).toBe('run');
    const titles = [...root.querySelectorAll('.sub')].map((h) => h.textContent?.trim());
    expect(titles).toEqual(['tanh, N(0, 0.01)', 'tanh, Xavier', 'tanh, N(0, 1)', 'relu, He', 'relu, Xavier', 'relu, N(0, 0.01)']);
    const labels = [...root.querySelectorAll('.labels')].map((p) => p.textContent?.trim());
    expect(labels).toEqual(['FC-64 TANH NORMAL0.01 ×5 · FC-10', 'FC-64 TANH XAVIER ×5 · FC-10', 'FC-64 TANH NORMAL1 ×5 · FC-10', 'FC-64 HE ×5 · FC-10', 'FC-64 XAVIER ×5 · FC-10', 'FC-64 NORMAL0.01 ×5 · FC-10']);
    const charts = chartsIn(root);
    // Three measurements (steps 0, 100, 200) of six layers in each chart, once the throttled redraw ran.
    await expect.poll(() => charts.flatMap((c) => c.data.datasets.filter((d) => !d.label?.endsWith('(raw)')).map((d) => d.data.length))).toEqual(Array(36).fill(3));
    expect(root.dataset.yScale).toBe('logarithmic'); // 2e-6 to 4: chosen from the data
    for (const c of charts) {
      expect(c.data.datasets.filter((d) => !d.label?.endsWith('(raw)')).map((d) => d.label)).toEqual(['hidden 1', 'hidden 2', 'hidden 3', 'hidden 4', 'hidden 5', 'output'].map((p, i) => `${p} · ${i === 5 ? 'FC-10' : c.data.datasets[1].label!.split(' · ')[1]}`));
      // A readable plot in each small chart: the legend is outside it.
      expect(c.chartArea.height).toBeGreaterThanOrEqual(120);
      expect(c.chartArea.width).toBeGreaterThanOrEqual(150);
      expect([c.scales.y.min, c.scales.y.max]).toEqual([charts[0].scales.y.min, charts[0].scales.y.max]);
    }
    expect(charts[0].scales.y.min).toBeLessThanOrEqual(2.3e-6);
    const legend = page.getByRole('list', { name: /layers shown/ }).getByRole('button');
    expect(legend.all().map((b) => b.element().textContent?.trim())).toEqual(['hidden 1', 'hidden 2', 'hidden 3', 'hidden 4', 'hidden 5', 'output']);
    await frames();
    await shot('init-scale-grad-norm');

    // Six small charts, one Tab stop: Up/Down move between them at the same step.
    const plots = [...root.querySelectorAll<HTMLElement>('.plot')];
    expect(plots.map((p) => p.tabIndex)).toEqual([0, -1, -1, -1, -1, -1]);
    plots[0].focus();
    await userEvent.keyboard('{End}');
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(plots[1]);
    const live = plots[1].parentElement!.querySelector('[aria-live="polite"]')!;
    await expect.poll(() => live.textContent).toMatch(/^step 200 · epoch [\d.]+: hidden 1 · FC-64 TANH XAVIER [\d.]+; /);
    await userEvent.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(plots[0]);

    // Hiding a layer hides it in every run's chart.
    await page.getByRole('button', { name: 'output' }).click();
    for (const c of charts) expect(c.data.datasets.find((d) => d.label === 'output · FC-10')?.hidden).toBe(true);
  });

  it('draws the activation spread per layer with the same small multiples', async () => {
    mountIn(LayerPanel, { metric: 'activationStd', training });
    replayLesson(training, host, 'init-scale');
    const root = target.querySelector<HTMLElement>('[data-chart="activationStd"]')!;
    await expect.poll(() => root.querySelectorAll('canvas').length).toBe(6);
    await expect.poll(() => root.dataset.yScale).toBe('logarithmic');
    await frames();
    await shot('init-scale-activation-std');
  });
});

describe('the batchnorm lesson: the same rows are different layers in the two runs', () => {
  it('draws one chart per place (hidden 1..6, output), each comparing both runs', async () => {
    mountIn(LayerPanel, { metric: 'gradNorm', training });
    replayLesson(training, host, 'batchnorm');
    const root = target.querySelector<HTMLElement>('[data-chart="gradNorm"]')!;
    await expect.poll(() => root.querySelectorAll('canvas').length).toBe(7);
    expect(root.dataset.layout).toBe('layer');
    expect([...root.querySelectorAll('.sub')].map((h) => h.textContent?.trim())).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((k) => `hidden layer ${k} · FC-32 SIGMOID`),
      'output layer · FC-10',
    ]);
    await expect.poll(() => root.dataset.drawnRuns).toBe(JSON.stringify(['no batch norm', 'batch norm']));
    await expect.poll(() => chartsIn(root).flatMap((c) => c.data.datasets.filter((d) => !d.label?.endsWith('(raw)')).map((d) => d.data.length))).toEqual(Array(14).fill(4));
    // With batch norm the first layer gets a gradient 3,000 times as large by step 300 (0.77 against 2.3e-4).
    const first = chartsIn(root)[0];
    const last = (label: string) => (first.data.datasets.find((d) => d.label === label)!.data.at(-1) as { y: number }).y;
    expect(last('batch norm') / last('no batch norm')).toBeGreaterThan(1000);
    for (const c of chartsIn(root)) expect(c.data.datasets.filter((d) => !d.label?.endsWith('(raw)')).map((d) => d.label)).toEqual(['no batch norm', 'batch norm']);
    await frames();
    await shot('batchnorm-grad-norm');
  });
});

describe('smoothing a noisy MNIST loss (the dropout lesson, batch 32)', () => {
  it('draws the EMA over the faint raw curve, no dots on it, leaves the sparse test curve alone, and follows the slider', async () => {
    mountIn(MetricPanel, { kind: 'loss', training });
    replayLesson(training, host, 'dropout');
    const root = target.querySelector<HTMLElement>('[data-chart="loss"]')!;
    await expect.poll(() => chartsIn(root)[0]?.data.datasets.find((d) => d.label === 'dropout 0.5 · train')?.data.length).toBe(800);
    const chart = chartsIn(root)[0];
    const ds = (label: string) => chart.data.datasets.find((d) => d.label === label)!;
    const raw = ds('dropout 0.5 · train (raw)');
    const smooth = ds('dropout 0.5 · train');
    expect(raw.data).toHaveLength(800);
    expect(raw.hidden).toBe(false);
    expect(String(raw.borderColor)).toMatch(/^#[0-9A-Fa-f]{6}40$/); // faint
    expect(smooth.pointRadius).toBe(0);
    const lastRaw = (raw.data[799] as { y: number }).y;
    expect((smooth.data[799] as { y: number }).y).not.toBe(lastRaw);
    const test = ds('dropout 0.5 · test');
    expect(test.data).toHaveLength(8);
    expect(test.pointRadius).toBeGreaterThan(0);
    expect(ds('dropout 0.5 · test (raw)').data).toHaveLength(0);
    await frames();
    await shot('dropout-loss-smoothed');

    const slider = page.getByRole('slider', { name: /smoothing/ });
    await expect.element(slider).toHaveValue('0.6');
    await slider.fill('0');
    await expect.poll(() => ds('dropout 0.5 · train (raw)').data.length).toBe(0);
    expect((ds('dropout 0.5 · train').data[799] as { y: number }).y).toBe(lastRaw);
  });
});

describe('presentation size', () => {
  it('enlarges the plots and the chart text, not only the page text', async () => {
    await page.viewport(1280, 1600);
    mountIn(MetricPanel, { kind: 'loss', training, logScale: true });
    mountIn(MetricPanel, { kind: 'loss', training, logScale: true, size: 'large', title: 'Loss (large)' });
    replayLesson(training, host, 'learning-rate');
    await expect.poll(() => chartsIn(target).length).toBe(2);
    await frames();
    const [normal, large] = chartsIn(target);
    expect(large.chartArea.height).toBeGreaterThan(normal.chartArea.height + 150);
    const fontOf = (c: Chart) => (c.scales.y as unknown as { _resolveTickFontOptions(i: number): { size: number } })._resolveTickFontOptions(0).size;
    expect(fontOf(large)).toBeGreaterThan(fontOf(normal));
    setChartFontSize(CHART_FONT_PX.presentation);
    await frames();
    expect(fontOf(normal)).toBe(CHART_FONT_PX.presentation);
    expect(fontOf(large)).toBeGreaterThan(CHART_FONT_PX.presentation);
    unmount(mounted.shift()!);
    mountIn(LayerPanel, { metric: 'gradNorm', training, size: 'large', layer: 'first hidden' });
    await frames(3);
    await shot('presentation-large');
  });
});
