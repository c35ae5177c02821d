// Registers the Chart.js parts the charts use, once, so the bundle only carries those (tree-shaking).
// Not registered on purpose: Decimation (series.ts decimates), Filler (no filled areas), and Legend,
// Title and Tooltip: legends, titles and the readout are HTML beside the canvas (see chart-config.ts).
import { Chart, LinearScale, LineController, LineElement, LogarithmicScale, PointElement } from 'chart.js';

let registered = false;

export function registerChartParts(): void {
  if (registered) return;
  Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale);
  registered = true;
}
