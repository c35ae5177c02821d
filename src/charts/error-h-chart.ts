// The gradient check's picture: relative error against the step size h, log–log, one line per layer
// and difference (centred solid, one-sided dashed). A finished measurement, drawn once: no feed, no
// readout. As every chart here, the canvas holds only the axes and lines; title and legend are HTML.
import { Chart, type ChartConfiguration } from 'chart.js';
import { yAxisOptions } from './chart-config';
import { registerChartParts } from './register';
import type { Point } from './series';

export interface ErrorLine {
  label: string;
  color: string;
  dash: readonly number[];
  /** Relative error at each h (h > 0); errors that are 0 or not finite cannot sit on a log axis and are left out. */
  points: readonly Point[];
}

/** Draws the lines on the canvas (plain arrays, never Svelte state); returns how to remove the chart. */
export function createErrorChart(canvas: HTMLCanvasElement, lines: readonly ErrorLine[], fontScale = 1): () => void {
  registerChartParts();
  const font = () => ({ size: Math.round((Chart.defaults.font.size ?? 12) * fontScale) });
  const y = yAxisOptions({ scale: 'logarithmic', yLabel: 'relative error', fontScale });
  const config: ChartConfiguration<'line', Point[]> = {
    type: 'line',
    data: {
      datasets: lines.map((l) => ({
        label: l.label,
        data: l.points.filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.y)).map((p) => ({ x: p.x, y: p.y })),
        borderColor: l.color,
        backgroundColor: l.color,
        borderDash: [...l.dash],
        borderWidth: 2,
        pointRadius: 3,
      })),
    },
    options: {
      animation: false,
      parsing: false,
      responsive: true,
      maintainAspectRatio: false,
      events: [],
      scales: {
        x: { type: 'logarithmic', title: { display: true, text: 'step size h', font }, ticks: { font, maxRotation: 0, autoSkip: false, callback: (v) => powerOfTen(Number(v)) } },
        y: { ...y, ticks: { ...y.ticks, callback: (v) => powerOfTen(Number(v)) } },
      },
      plugins: { legend: { display: false }, title: { display: false }, tooltip: { enabled: false } },
    },
  };
  const chart = new Chart<'line', Point[]>(canvas, config);
  return () => chart.destroy();
}

/** Only the decades are labelled ("1e-4"): minor ticks of a log axis would crowd it. */
function powerOfTen(v: number): string {
  const exponent = Math.round(Math.log10(v));
  return Math.abs(v / 10 ** exponent - 1) < 1e-6 ? `1e${exponent}` : '';
}
