// The Chart.js configuration every metric chart shares: no animation, no parsing (data is already
// {x, y} in x order), a linear step axis, our legend and a tooltip that reads one value per line.
import { Ticks, type ChartConfiguration, type LegendItem, type Scale, type TooltipItem } from 'chart.js';
import { formatStep, formatTick } from './format';
import { isTaggedItem, type LegendTarget } from './legend';
import type { Point } from './series';

export type YScale = 'linear' | 'logarithmic';

export interface YAxisSpec {
  scale: YScale;
  label: string;
  /** Bounds of a linear axis; a log axis always fits its data. */
  min?: number;
  max?: number;
}

export interface ChartHooks {
  title?: string;
  xLabel: string;
  y: YAxisSpec;
  formatValue: (v: number) => string;
  legendItems: () => LegendItem[];
  onLegendClick: (target: LegendTarget) => void;
  /** Steps in one epoch, when every run has the same: the tooltip names the epoch beside the step. */
  stepsPerEpoch?: () => number | null;
}

/** The step axis's title: "step", or "step (1 epoch = 938 steps)". */
export function stepAxisTitle(xLabel: string, stepsPerEpoch: number | null): string {
  return stepsPerEpoch ? `${xLabel} (1 epoch = ${stepsPerEpoch.toLocaleString('en-US')} step${stepsPerEpoch === 1 ? '' : 's'})` : xLabel;
}

function logTick(this: Scale, value: string | number, index: number, ticks: { value: number }[]): string {
  // Chart.js picks which log ticks get a label (1, 2, 5...) but pads them all to the smallest one's
  // decimals (0.4000); keep its choice and shorten the text.
  return Ticks.formatters.logarithmic.call(this, Number(value), index, ticks) === '' ? '' : formatTick(Number(value));
}

export function yAxisOptions(y: YAxisSpec) {
  const linear = y.scale === 'linear';
  return {
    type: y.scale,
    title: { display: true, text: y.label },
    min: linear ? y.min : undefined,
    max: linear ? y.max : undefined,
    ticks: linear ? {} : { callback: logTick },
  } as const;
}

export function lineChartConfig(hooks: ChartHooks): ChartConfiguration<'line', Point[]> {
  const { xLabel } = hooks;
  let titleX = Number.NaN; // the step in the tooltip's title; labels name their own step if it differs
  return {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      spanGaps: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearestPerDataset', intersect: false },
      scales: {
        x: { type: 'linear', title: { display: true, text: xLabel }, ticks: { precision: 0 } },
        y: yAxisOptions(hooks.y),
      },
      plugins: {
        title: { display: Boolean(hooks.title), text: hooks.title ?? '' },
        legend: {
          labels: { usePointStyle: true, pointStyleWidth: 28, generateLabels: () => hooks.legendItems() },
          onClick: (_event, item) => {
            if (isTaggedItem(item)) hooks.onLegendClick(item.target);
          },
        },
        tooltip: {
          // Highest value first, so the order of the lines in the tooltip matches the plot.
          itemSort: (a, b) => (b.parsed.y ?? -Infinity) - (a.parsed.y ?? -Infinity),
          callbacks: {
            title: (items) => {
              titleX = items[0]?.parsed.x ?? Number.NaN;
              const perEpoch = hooks.stepsPerEpoch?.() ?? null;
              const epoch = perEpoch ? ` · epoch ${(titleX / perEpoch).toLocaleString('en-US', { maximumFractionDigits: 2 })}` : '';
              return items.length ? `${xLabel} ${formatStep(titleX)}${epoch}` : '';
            },
            label: (item: TooltipItem<'line'>) => {
              const { x, y } = item.parsed;
              // Decimated lines have points a few steps apart: name a line's own step only when it
              // is visibly elsewhere (a sparse test curve), not for every 1-step difference.
              const axis = item.chart.scales.x;
              const near = x === null || Math.abs(x - titleX) <= 0.01 * (axis.max - axis.min);
              const at = near ? '' : ` (${xLabel} ${formatStep(x)})`;
              return `${item.dataset.label ?? ''}: ${y === null ? '–' : hooks.formatValue(y)}${at}`;
            },
          },
        },
      },
    },
  };
}
