// What the chart draws over its lines (a Chart.js plugin hook calls drawOverlay after the datasets):
// the readout's vertical line and a dot on each line, the marker of each diverged run at its last
// finite point ("diverged at step 13"), and a small caret on the plot's edge where a line leaves a
// range that was chosen without it (an isolated spike, a run climbing towards infinity).
import type { Chart } from 'chart.js';

export interface DivergenceMarker {
  /** Data coordinates of the run's last finite point. */
  x: number;
  y: number;
  color: string;
  label: string;
}

export interface Overlay {
  readoutX: number | null;
  readoutPoints: readonly { x: number; y: number; color: string }[];
  markers: readonly DivergenceMarker[];
  /** Points beyond the axis: a caret at the top (or bottom) edge at their step. */
  clipped: readonly { x: number; above: boolean; color: string }[];
  fontPx: number;
}

export const EMPTY_OVERLAY: Overlay = { readoutX: null, readoutPoints: [], markers: [], clipped: [], fontPx: 12 };

function triangle(ctx: CanvasRenderingContext2D, x: number, y: number, size: number, up: boolean): void {
  const d = up ? -1 : 1;
  ctx.beginPath();
  ctx.moveTo(x, y + d * size);
  ctx.lineTo(x - size * 0.8, y - d * size * 0.4);
  ctx.lineTo(x + size * 0.8, y - d * size * 0.4);
  ctx.closePath();
  ctx.fill();
}

export function drawOverlay(chart: Chart, overlay: Overlay): void {
  const area = chart.chartArea;
  const xs = chart.scales.x;
  const ys = chart.scales.y;
  if (!area || !xs || !ys) return;
  const ctx = chart.ctx;
  const inX = (px: number) => px >= area.left - 0.5 && px <= area.right + 0.5;
  ctx.save();

  for (const c of overlay.clipped) {
    const px = xs.getPixelForValue(c.x);
    if (!inX(px)) continue;
    ctx.fillStyle = c.color;
    triangle(ctx, px, c.above ? area.top + 4 : area.bottom - 4, 4, c.above);
  }

  if (overlay.readoutX !== null) {
    const px = xs.getPixelForValue(overlay.readoutX);
    if (inX(px)) {
      ctx.strokeStyle = 'rgba(40, 40, 40, 0.55)';
      ctx.lineWidth = 1;
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.moveTo(Math.round(px) + 0.5, area.top);
      ctx.lineTo(Math.round(px) + 0.5, area.bottom);
      ctx.stroke();
      for (const p of overlay.readoutPoints) {
        const x = xs.getPixelForValue(p.x);
        const y = Math.min(area.bottom, Math.max(area.top, ys.getPixelForValue(p.y)));
        if (!Number.isFinite(y) || !inX(x)) continue;
        ctx.fillStyle = 'white';
        ctx.beginPath();
        ctx.arc(x, y, 4.5, 0, 2 * Math.PI);
        ctx.fill();
        ctx.fillStyle = p.color;
        ctx.beginPath();
        ctx.arc(x, y, 3.2, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }

  // Labels are stacked downwards where they would overlap (several runs diverging close together).
  const placed: { x: number; y: number; w: number; h: number }[] = [];
  const labelled = new Set<string>();
  ctx.font = `${overlay.fontPx}px ${chart.options.font?.family ?? 'sans-serif'}`;
  ctx.textBaseline = 'middle';
  for (const m of overlay.markers) {
    const px = xs.getPixelForValue(m.x);
    if (!inX(px)) continue;
    const raw = ys.getPixelForValue(m.y);
    const above = !(raw >= area.top); // NaN (log of a huge value) reads as off the top
    const below = raw > area.bottom;
    const py = above ? area.top + 6 : below ? area.bottom - 6 : raw;
    ctx.fillStyle = m.color;
    ctx.strokeStyle = m.color;
    if (above || below) triangle(ctx, px, py, 6, above);
    else {
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(px - 5, py - 5);
      ctx.lineTo(px + 5, py + 5);
      ctx.moveTo(px + 5, py - 5);
      ctx.lineTo(px - 5, py + 5);
      ctx.stroke();
    }
    // Several lines of one diverged run (its layers) share one label.
    if (labelled.has(m.label)) continue;
    labelled.add(m.label);
    const w = ctx.measureText(m.label).width;
    const h = overlay.fontPx * 1.3;
    let lx = px + 9;
    if (lx + w > area.right) lx = Math.max(area.left + 2, px - 9 - w);
    // Beside the marker but off its line's height: the other runs' lines often pass right there.
    const offset = above ? h * 0.6 : py - h * 1.4 > area.top ? -h * 0.8 : h * 0.8;
    let ly = Math.min(area.bottom - h / 2, Math.max(area.top + h / 2, py + offset));
    while (placed.some((r) => lx < r.x + r.w && lx + w > r.x && Math.abs(ly - r.y) < h)) ly += h;
    placed.push({ x: lx, y: ly, w, h });
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.lineJoin = 'round';
    ctx.strokeText(m.label, lx, ly);
    // Dark text: several run colours (sky blue, orange, grey) are too light for small type.
    ctx.fillStyle = '#1c2833';
    ctx.fillText(m.label, lx, ly);
  }
  ctx.restore();
}
