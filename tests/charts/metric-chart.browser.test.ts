// Runs in real Chromium (vitest browser mode): Chart.js needs a canvas with a 2D context and layout.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChartGroup } from '../../src/charts/chart-group';
import { createLayerChart, createLossChart } from '../../src/charts/factories';
import type { MetricChart } from '../../src/charts/metric-chart';
import { CHART_FONT_PX, setChartFontSize } from '../../src/charts/font-size';
import { Chart } from 'chart.js';
import type { MetricsEvent } from '../../src/core/events';
import { parseEvents } from '../support/events-jsonl';
import { DEFAULT_SMOOTHING } from '../../src/charts/smoothing';
import zeroCentred from './fixtures/zero-centred-inputs.jsonl?raw';

const N = 5000;
const charts: MetricChart[] = [];

function mountCanvas(): HTMLCanvasElement {
  const box = document.createElement('div');
  box.style.cssText = 'position: relative; width: 800px; height: 400px;';
  const canvas = document.createElement('canvas');
  box.appendChild(canvas);
  document.body.appendChild(box);
  return canvas;
}

/** A loss curve with the awkward values real runs produce: zeros, negatives, NaN, Infinity. */
function lossCurve(scale: number): { x: number[]; y: number[] } {
  const x = Array.from({ length: N }, (_, i) => i);
  const y = x.map((i) => scale * Math.exp(-i / 1500) + 0.05 * Math.sin(i));
  y[10] = 0;
  y[20] = -0.5;
  y[30] = Number.NaN;
  y[40] = Infinity;
  return { x, y };
}

const frames = (n = 2) => new Promise<void>((done) => {
  const step = (left: number) => (left === 0 ? done() : requestAnimationFrame(() => step(left - 1)));
  step(n);
});

afterEach(() => {
  for (const c of charts.splice(0)) c.destroy();
  document.body.innerHTML = '';
});

/** The drawn lines, without the faint raw curves behind smoothed ones. */
const lines = (chart: MetricChart) => chart.chart.data.datasets.filter((d) => !d.label?.endsWith('(raw)'));

describe('MetricChart in a browser', () => {
  it('draws two 5,000-point runs decimated, switches to a log axis safely, and exports a PNG', async () => {
    const chart = createLossChart(mountCanvas());
    charts.push(chart);
    chart.setRuns([
      { id: 'a', name: 'SGD', colorIndex: 0 },
      { id: 'b', name: 'Adam', colorIndex: 1 },
    ]);
    chart.setSeries('a', 'train', lossCurve(2.3));
    chart.setSeries('b', 'train', lossCurve(1.5));
    const evalSteps = Array.from({ length: 50 }, (_, i) => i * 100);
    chart.setSeries('a', 'test', evalSteps.map((s) => ({ x: s, y: 2.3 * Math.exp(-s / 1500) })));
    chart.flush();

    const datasets = lines(chart);
    expect(datasets.map((d) => d.label)).toEqual(['SGD · train', 'SGD · test', 'Adam · train']);
    for (const d of chart.chart.data.datasets) {
      expect(Array.isArray(d.data)).toBe(true);
      expect(Object.getPrototypeOf(d.data)).toBe(Array.prototype); // a plain array, no proxy wrapper
      expect(d.data.length).toBeLessThanOrEqual(2000);
      expect(d.data.every((p) => Number.isFinite(p.y))).toBe(true);
    }
    const train = datasets[0].data;
    expect(train.length).toBeGreaterThan(0);
    expect(train.length).toBeLessThan(N / 2); // really decimated
    expect(train[0].x).toBe(0);
    expect(train[train.length - 1].x).toBe(N - 1);
    expect(train.some((p) => p.y <= 0)).toBe(true); // the linear axis shows the zero and the negative
    expect(datasets[0].borderColor).not.toBe(datasets[2].borderColor);
    expect(datasets[0].borderDash).toEqual([]);
    expect(datasets[1].borderDash?.length).toBeGreaterThan(0);
    // No legend or title inside the canvas: the plot has the canvas to itself, less the axes.
    expect(chart.chart.chartArea.height).toBeGreaterThan(400 - 70);

    chart.setYScale('logarithmic');
    expect(chart.chart.scales.y.type).toBe('logarithmic');
    for (const d of lines(chart)) {
      expect(d.data.length).toBeGreaterThan(0);
      expect(d.data.every((p) => p.y > 0 && Number.isFinite(p.y))).toBe(true);
    }
    expect(chart.chart.scales.y.min).toBeGreaterThan(0);

    chart.setYScale('linear');
    expect(chart.chart.scales.y.type).toBe('linear');
    expect(lines(chart)[0].data.some((p) => p.y <= 0)).toBe(true);

    const png = chart.toPNG();
    expect(png.startsWith('data:image/png;base64,')).toBe(true);
    expect(png.length).toBeGreaterThan(5000); // an image with content, not an empty canvas
  });

  it('coalesces a stream of appends into a few updates per second', async () => {
    const chart = createLossChart(mountCanvas(), { minUpdateIntervalMs: 250 });
    charts.push(chart);
    chart.setRuns([{ id: 'a', name: 'run', colorIndex: 0 }]);
    chart.flush();
    const update = vi.spyOn(chart.chart, 'update');
    const start = performance.now();
    let step = 0;
    while (performance.now() - start < 1000) {
      for (let i = 0; i < 50; i++, step++) chart.append('a', 'train', step, 1 / (step + 1));
      await frames(1);
    }
    await new Promise((r) => setTimeout(r, 400));
    await frames(2);
    // The ceiling below is the property; a loaded machine may draw less often.
    expect(update.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(update.mock.calls.length).toBeLessThanOrEqual(7);
    expect(update.mock.calls.every((c) => c[0] === 'none')).toBe(true);
    const data = lines(chart)[0].data;
    expect(data[data.length - 1].x).toBe(step - 1); // the last append was drawn
  });

  it('reads every visible line at a step, leaves out a line that ended, and hides a run', () => {
    const chart = createLossChart(mountCanvas());
    charts.push(chart);
    chart.setRuns([
      { id: 'a', name: 'SGD', colorIndex: 0 },
      { id: 'b', name: 'Adam', colorIndex: 1 },
    ]);
    chart.setSeries('a', 'train', lossCurve(2.3));
    chart.setSeries('b', 'train', { x: [0, 1000], y: [1, 0.5] }); // stopped early
    chart.flush();
    // The stray NaN and Infinity of lossCurve are left out; they do not end SGD's line.
    expect(lines(chart)[0].data.at(-1)!.x).toBe(N - 1);
    const { left, right } = chart.chart.chartArea;
    const at = (fraction: number) => chart.snapX(chart.xAtPixel(left + fraction * (right - left)));
    expect(chart.readoutRows(at(0.1)).map((r) => r.label).sort()).toEqual(['Adam · train', 'SGD · train']);
    expect(chart.readoutRows(at(0.9)).map((r) => r.label)).toEqual(['SGD · train']);
    expect(chart.xAtPixel(left - 50)).toBeNaN(); // off the plot
    const rows = chart.setReadout(at(0.5));
    expect(rows).toHaveLength(1);
    expect(chart.chart.scales.x.getPixelForValue(rows[0].x)).toBeCloseTo(left + 0.5 * (right - left), -1);

    chart.setHidden(['b']);
    expect(chart.chart.isDatasetVisible(chart.chart.data.datasets.findIndex((d) => d.label === 'Adam · train'))).toBe(false);
    expect(chart.readoutRows(at(0.1)).map((r) => r.label)).toEqual(['SGD · train']);
  });

  it('draws a layer chart on a log axis chosen from its data, dropping zero gradients of layers without any', () => {
    const chart = createLayerChart(mountCanvas(), 'gradNorm');
    charts.push(chart);
    chart.setRuns([1, 2, 3, 4, 5].map((layer) => ({ id: `L${layer}`, name: `hidden ${layer}`, colorIndex: layer })));
    for (let step = 0; step <= 1000; step += 10) {
      for (const layer of [1, 2, 3, 4, 5]) chart.append(`L${layer}`, 'value', step, layer === 3 && step < 500 ? 0 : 10 ** -layer);
    }
    chart.flush();
    expect(chart.yScale).toBe('logarithmic'); // 1e-1 to 1e-5: four decades
    const ds = lines(chart);
    expect(ds.map((d) => d.label)).toEqual([1, 2, 3, 4, 5].map((l) => `hidden ${l} · value`));
    expect(ds[2].data[0].x).toBe(500);
    expect(chart.toPNG().startsWith('data:image/png')).toBe(true);
  });

  it('fits its log axis to the smoothed lines of the zero-centred lesson, not to single batches at 1e-7', () => {
    const events = parseEvents(zeroCentred, 'zero-centred-inputs.jsonl').filter((e): e is MetricsEvent => e.type === 'metrics');
    const chart = createLossChart(mountCanvas());
    charts.push(chart);
    const runs = ['raw pixels', 'centred', 'standardised per pixel'];
    chart.setRuns(runs.map((name, i) => ({ id: name, name, colorIndex: i })));
    for (const run of runs) {
      const mine = events.filter((e) => e.run === run);
      chart.setSeries(run, 'train', { x: mine.map((e) => e.step), y: mine.map((e) => e.loss) });
    }
    chart.setSmoothing(DEFAULT_SMOOTHING); // as the page's charts start
    chart.setYScale('logarithmic');
    chart.flush();
    const smoothedMin = Math.min(...lines(chart).flatMap((d) => d.data.map((p) => p.y)));
    expect(smoothedMin).toBeGreaterThan(1e-2);
    expect(chart.chart.scales.y.min).toBeGreaterThanOrEqual(1e-4);
    expect(chart.chart.scales.y.min).toBeLessThanOrEqual(smoothedMin);
    // The control: unsmoothed, the raw losses are the bold lines, and the axis goes down to them.
    chart.setSmoothing(0);
    chart.flush();
    expect(chart.chart.scales.y.min).toBeLessThanOrEqual(1e-6);
  });

  it('shares one axis across the charts of a group, without the diverged run, and lets the user pick the scale', () => {
    const group = new ChartGroup({ preferred: 'auto' });
    const a = createLossChart(mountCanvas(), { group });
    const b = createLossChart(mountCanvas(), { group });
    charts.push(a, b);
    for (const c of [a, b]) c.setRuns([{ id: 'ok', name: 'ok', colorIndex: 0 }, { id: 'bad', name: 'bad', colorIndex: 1 }]);
    a.setSeries('ok', 'train', { x: [1, 2, 3], y: [2, 1.5, 1] });
    b.setSeries('ok', 'train', { x: [1, 2, 3], y: [0.5, 0.4, 0.3] });
    b.setSeries('bad', 'train', { x: [1, 2, 3, 4], y: [2, 400, 9e20, Number.NaN] });
    b.markDiverged('bad', 4);
    group.flush();
    expect([a.chart.scales.y.min, a.chart.scales.y.max]).toEqual([b.chart.scales.y.min, b.chart.scales.y.max]);
    expect(a.chart.scales.y.max).toBeLessThanOrEqual(2.5);
    expect(lines(b).find((d) => d.label === 'bad · train')!.data.map((p) => p.x)).toEqual([1, 2, 3]);
    expect(b.chart.canvas.dataset.diverged).toBe(JSON.stringify([{ run: 'bad', step: 4 }]));
    group.setConfigScale('logarithmic');
    group.flush();
    expect(a.yScale).toBe('logarithmic');
    expect(b.chart.scales.y.type).toBe('logarithmic');
    // Each canvas says the scale it was just drawn with, in the same draw (no later one needed).
    expect([a.chart.canvas.dataset.yScale, b.chart.canvas.dataset.yScale]).toEqual(['logarithmic', 'logarithmic']);
    a.setYScale('linear'); // the user's checkbox wins over the lesson
    expect(b.chart.scales.y.type).toBe('linear');
    expect([a.chart.canvas.dataset.yScale, b.chart.canvas.dataset.yScale]).toEqual(['linear', 'linear']);
  });

  it('redraws live charts with larger text for presentation mode, and back', async () => {
    const canvas = mountCanvas();
    const chart = createLossChart(canvas);
    charts.push(chart);
    chart.setRuns([{ id: 'a', name: 'SGD', colorIndex: 0 }]);
    chart.setSeries('a', 'train', lossCurve(2.3));
    await frames();
    const area = () => ({ ...Chart.getChart(canvas)!.chartArea });
    const normal = area();
    try {
      setChartFontSize(CHART_FONT_PX.presentation);
      // Larger tick labels push the plot right and up from the bottom.
      const large = area();
      expect(large.left).toBeGreaterThan(normal.left);
      expect(large.bottom).toBeLessThan(normal.bottom);
    } finally {
      setChartFontSize(CHART_FONT_PX.normal);
    }
    expect(area()).toEqual(normal);
  });
});
