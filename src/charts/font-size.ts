// Chart text follows the page's presentation mode. Chart.js draws its labels on a canvas, so the
// page's CSS font size never reaches them: the default font size is set here and every live chart
// redrawn with it. A page-wide setting, so the global default is the right place for it.
import { Chart } from 'chart.js';

export const CHART_FONT_PX = { normal: 12, presentation: 17 } as const;

export function setChartFontSize(px: number): void {
  if (Chart.defaults.font.size === px) return;
  Chart.defaults.font.size = px;
  for (const chart of Object.values(Chart.instances)) chart.update('none');
}
