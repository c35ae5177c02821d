// Registers the Chart.js parts the charts use, once, so the bundle only carries those (tree-shaking).
// Not registered on purpose: Decimation (series.ts decimates) and Filler (no filled areas).
import {
  Chart,
  Interaction,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Title,
  Tooltip,
  type InteractionItem,
  type InteractionModeFunction,
} from 'chart.js';
import { getRelativePosition } from 'chart.js/helpers';

declare module 'chart.js' {
  interface InteractionModeMap {
    /** For each visible dataset, its point nearest the pointer along x. */
    nearestPerDataset: InteractionModeFunction;
  }
}

// Why a custom mode: Chart.js's 'index' mode pairs points by array index, which is wrong here
// (train has a point per step, test one per evaluation, decimated views differ per run), and
// 'nearest' shows a single line. This shows each visible line's value nearest the pointer's step,
// and leaves out lines that do not reach that far (a run that stopped or diverged earlier).
const EDGE_SLACK_PX = 8;

export const nearestPerDataset: InteractionModeFunction = (chart, e) => {
  const area = chart.chartArea;
  // Chart.js hands its own events (canvas-relative x, y), while getElementsAtEventForMode callers may
  // pass a DOM event (client coordinates): the helper resolves both.
  const { x: px, y: py } = getRelativePosition(e, chart) as { x: number | null; y: number | null };
  if (px === null || py === null || !area) return [];
  if (px < area.left || px > area.right || py < area.top || py > area.bottom) return [];
  const items: InteractionItem[] = [];
  chart.data.datasets.forEach((_, datasetIndex) => {
    if (!chart.isDatasetVisible(datasetIndex)) return;
    const elements = chart.getDatasetMeta(datasetIndex).data;
    const index = nearestByX(elements, px);
    if (index < 0) return;
    const first = elements[0].x;
    const last = elements[elements.length - 1].x;
    if (px < first - EDGE_SLACK_PX || px > last + EDGE_SLACK_PX) return;
    items.push({ element: elements[index], datasetIndex, index });
  });
  return items;
};

/** Binary search over elements sorted by pixel x; -1 when there are none. */
export function nearestByX(elements: readonly { x: number }[], px: number): number {
  if (elements.length === 0) return -1;
  let lo = 0;
  let hi = elements.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (elements[mid].x <= px) lo = mid;
    else hi = mid;
  }
  return Math.abs(elements[lo].x - px) <= Math.abs(elements[hi].x - px) ? lo : hi;
}

let registered = false;

export function registerChartParts(): void {
  if (registered) return;
  Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Title, Tooltip);
  Interaction.modes.nearestPerDataset = nearestPerDataset;
  registered = true;
}
