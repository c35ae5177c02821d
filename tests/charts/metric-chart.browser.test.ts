// Runs in real Chromium (vitest browser mode): Chart.js needs a canvas with a 2D context and layout.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLayerChart, createLossChart } from '../../src/charts/factories';
import { feedLayers } from '../../src/charts/feed';
import type { MetricChart } from '../../src/charts/metric-chart';
import { CHART_FONT_PX, setChartFontSize } from '../../src/charts/font-size';
import { Chart } from 'chart.js';

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

    const datasets = chart.chart.data.datasets;
    expect(datasets.map((d) => d.label)).toEqual(['SGD · train', 'SGD · test', 'Adam · train']);
    for (const d of datasets) {
      expect(Array.isArray(d.data)).toBe(true);
      expect(Object.getPrototypeOf(d.data)).toBe(Array.prototype); // a plain array, no proxy wrapper
      expect(d.data.length).toBeGreaterThan(0);
      expect(d.data.length).toBeLessThanOrEqual(2000);
      expect(d.data.every((p) => Number.isFinite(p.y))).toBe(true);
    }
    const train = datasets[0].data;
    expect(train.length).toBeLessThan(N / 2); // really decimated
    expect(train[0].x).toBe(0);
    expect(train[train.length - 1].x).toBe(N - 1);
    expect(train.some((p) => p.y <= 0)).toBe(true); // the linear axis shows the zero and the negative
    expect(datasets[0].borderColor).not.toBe(datasets[2].borderColor);
    expect(datasets[0].borderDash).toEqual([]);
    expect(datasets[1].borderDash?.length).toBeGreaterThan(0);

    // Legend: colour per run, line style per kind.
    expect(chart.chart.legend?.legendItems?.map((i) => i.text)).toEqual(['SGD', 'Adam', 'train', 'test']);

    chart.setYScale('logarithmic');
    expect(chart.chart.scales.y.type).toBe('logarithmic');
    for (const d of chart.chart.data.datasets) {
      expect(d.data.length).toBeGreaterThan(0);
      expect(d.data.every((p) => p.y > 0 && Number.isFinite(p.y))).toBe(true);
    }
    expect(chart.chart.scales.y.min).toBeGreaterThan(0);

    chart.setYScale('linear');
    expect(chart.chart.scales.y.type).toBe('linear');
    expect(chart.chart.data.datasets[0].data.some((p) => p.y <= 0)).toBe(true);

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
    const data = chart.chart.data.datasets[0].data;
    expect(data[data.length - 1].x).toBe(step - 1); // the last append was drawn
  });

  it('shows each visible line in the tooltip at the pointer, and hides a run from its legend entry', async () => {
    const canvas = mountCanvas();
    const chart = createLossChart(canvas);
    charts.push(chart);
    chart.setRuns([
      { id: 'a', name: 'SGD', colorIndex: 0 },
      { id: 'b', name: 'Adam', colorIndex: 1 },
    ]);
    chart.setSeries('a', 'train', lossCurve(2.3));
    chart.setSeries('b', 'train', { x: [0, 1000], y: [1, 0.5] }); // stopped early
    chart.flush();
    const { left, right, top, bottom } = chart.chart.chartArea;
    const at = (fraction: number) => {
      const rect = canvas.getBoundingClientRect();
      const x = rect.left + left + fraction * (right - left);
      const y = rect.top + (top + bottom) / 2;
      return new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true });
    };
    const early = chart.chart.getElementsAtEventForMode(at(0.1), 'nearestPerDataset', { intersect: false }, false);
    expect(early.map((i) => i.datasetIndex).sort()).toEqual([0, 1]);
    const late = chart.chart.getElementsAtEventForMode(at(0.9), 'nearestPerDataset', { intersect: false }, false);
    expect(late.map((i) => i.datasetIndex)).toEqual([0]); // Adam's line ends at step 1000

    canvas.dispatchEvent(at(0.1));
    await frames(2);
    expect(chart.chart.tooltip?.getActiveElements().length).toBe(2);

    const adam = chart.chart.legend?.legendItems?.find((i) => i.text === 'Adam');
    expect(adam).toBeDefined();
    chart.chart.options.plugins?.legend?.onClick?.call(chart.chart.legend as never, {} as never, adam!, chart.chart.legend as never);
    expect(chart.chart.isDatasetVisible(1)).toBe(false);
    expect(chart.chart.legend?.legendItems?.find((i) => i.text === 'Adam')?.hidden).toBe(true);
  });

  it('draws a layer chart on a log axis, dropping zero gradients of layers without any', () => {
    const chart = createLayerChart(mountCanvas(), 'gradNorm');
    charts.push(chart);
    chart.setRuns([{ id: 'r', name: 'deep sigmoid', colorIndex: 2 }]);
    for (let step = 0; step <= 1000; step += 10) {
      const layers = [1, 2, 3].map((layer) => ({
        layer, label: `FC-${layer}`, units: 8, weightNorm: 1, activationMean: 0, activationStd: 1, deadFraction: 0, distinctUnits: 8,
        gradNorm: layer === 3 && step < 500 ? 0 : 10 ** -layer,
      }));
      feedLayers(chart, { type: 'layers', run: 'r', step, layers }, 'gradNorm');
    }
    chart.flush();
    expect(chart.yScale).toBe('logarithmic');
    const ds = chart.chart.data.datasets;
    expect(ds.map((d) => d.label)).toEqual(['deep sigmoid · L1 FC-1', 'deep sigmoid · L2 FC-2', 'deep sigmoid · L3 FC-3']);
    expect(ds[2].data[0].x).toBe(500);
    expect(new Set(ds.map((d) => JSON.stringify(d.borderDash))).size).toBe(3);
    expect(chart.toPNG().startsWith('data:image/png')).toBe(true);
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
      // Larger tick labels push the plot right; a larger title and legend push it down.
      const large = area();
      expect(large.left).toBeGreaterThan(normal.left);
      expect(large.top).toBeGreaterThan(normal.top);
    } finally {
      setChartFontSize(CHART_FONT_PX.normal);
    }
    expect(area()).toEqual(normal);
  });
});
