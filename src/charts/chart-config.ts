// The Chart.js configuration every metric chart shares: no animation, no parsing (data is already
// {x, y} in x order), a linear step axis and an overlay for markers and the readout line.
// The canvas holds the axes and the plot only: titles, legends and the readout box are HTML beside
// it (src/ui/charts), so that no number of runs or layers can shrink the plot, and so that the
// legend is made of buttons a keyboard reaches. Chart.js handles no pointer events (events: []):
// the readout reads the pointer itself, which also spares a hit test per mouse move on dense lines.
import { Chart, type ChartConfiguration, type Scale } from 'chart.js';
import type { AxisBounds, Scale as YScale } from './axis-range';
import { drawOverlay, type Overlay } from './overlay';
import { uniqueTickLabels } from './format';
import type { Point } from './series';

export type { YScale };

export interface ChartHooks {
  xLabel?: string;
  yLabel?: string;
  scale: YScale;
  /** Text size relative to the page's chart font (src/charts/font-size.ts): 1, or more when large. */
  fontScale: number;
  overlay: () => Overlay;
}

const fontOf = (scale: number) => () => ({ size: Math.round((Chart.defaults.font.size ?? 12) * scale) });

/**
 * Rewrites the labels of a scale's ticks so that no two read the same. Chart.js's own formatter has
 * already run: on a log axis it leaves minor ticks unlabelled (only 1, 2, 3, 5... get text), and
 * those stay so; the others get our shorter text.
 */
function relabel(scale: Scale): void {
  const ticks = scale.ticks;
  const labels = uniqueTickLabels(
    ticks.map((t) => t.value),
    (i) => ticks[i].label !== '',
  );
  ticks.forEach((t, i) => (t.label = labels[i]));
}

export function yAxisOptions(hooks: Pick<ChartHooks, 'scale' | 'yLabel' | 'fontScale'>, bounds?: AxisBounds | null) {
  const font = fontOf(hooks.fontScale);
  return {
    type: hooks.scale,
    title: { display: Boolean(hooks.yLabel), text: hooks.yLabel ?? '', font },
    min: bounds?.min,
    max: bounds?.max,
    ticks: { font, stepSize: hooks.scale === 'linear' ? bounds?.stepSize : undefined, maxTicksLimit: 8 },
    afterTickToLabelConversion: relabel,
  } as const;
}

export function lineChartConfig(hooks: ChartHooks): ChartConfiguration<'line', Point[]> {
  const font = fontOf(hooks.fontScale);
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
      events: [],
      scales: {
        x: {
          type: 'linear',
          title: { display: Boolean(hooks.xLabel), text: hooks.xLabel ?? '', font },
          ticks: { precision: 0, font, maxTicksLimit: 8 },
          afterTickToLabelConversion: relabel,
        },
        y: yAxisOptions(hooks),
      },
      plugins: { legend: { display: false }, title: { display: false }, tooltip: { enabled: false } },
    },
    plugins: [{ id: 'gradientLabOverlay', afterDatasetsDraw: (chart) => drawOverlay(chart as Chart, hooks.overlay()) }],
  };
}
