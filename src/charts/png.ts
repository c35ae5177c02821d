// Chart canvases are transparent, so a PNG of one turns black or vanishes on a dark slide or in a
// dark-mode viewer. Export composites the chart onto an opaque background at the canvas's full
// device-pixel resolution (sharp on high-DPI screens and projectors). Titles and legends are HTML
// on the page, so an export draws them in itself: a PNG without its legend says nothing.
import type { LegendEntry } from './legend';

export function canvasToPNG(source: HTMLCanvasElement, background = '#ffffff'): string {
  const out = document.createElement('canvas');
  out.width = source.width;
  out.height = source.height;
  const ctx = out.getContext('2d');
  if (!ctx) return source.toDataURL('image/png');
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(source, 0, 0);
  return out.toDataURL('image/png');
}

export interface ExportPanel {
  canvas: HTMLCanvasElement;
  title?: string;
}

export interface ExportOptions {
  title?: string;
  legend?: readonly LegendEntry[];
  /** Panels per row (small multiples); default: as many as make a roughly square grid. */
  columns?: number;
  background?: string;
}

const INK = '#1c2833';

/**
 * One PNG of one or more charts: a title, the panels in a grid each under its own title, and the
 * legend's visible entries (wrapped to the width), all at the panels' device-pixel scale.
 */
export function chartsToPNG(panels: readonly ExportPanel[], options: ExportOptions = {}): string {
  if (panels.length === 0) throw new Error('chartsToPNG needs at least one chart');
  const first = panels[0].canvas;
  const scale = first.clientWidth > 0 ? first.width / first.clientWidth : 1;
  const columns = Math.max(1, Math.min(panels.length, options.columns ?? Math.ceil(Math.sqrt(panels.length))));
  const cellW = Math.max(1, ...panels.map((p) => p.canvas.width));
  const cellH = Math.max(1, ...panels.map((p) => p.canvas.height));
  const font = 13 * scale;
  const line = Math.round(font * 1.6);
  const pad = Math.round(8 * scale);
  const panelTitle = panels.some((p) => p.title) ? line : 0;
  const rows = Math.ceil(panels.length / columns);
  const width = columns * cellW + (columns + 1) * pad;

  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  if (!ctx) return canvasToPNG(first, options.background);
  // The legend's rows are measured before the canvas is sized (sizing resets the context).
  ctx.font = `${font}px sans-serif`;
  const items: { e: LegendEntry; text: string; x: number; row: number }[] = [];
  let lx = pad;
  let row = 0;
  for (const e of options.legend?.filter((entry) => entry.shown) ?? []) {
    const text = e.note ? `${e.text} (${e.note})` : e.text;
    const w = 30 * scale + ctx.measureText(text).width + 18 * scale;
    if (lx > pad && lx + w > width) {
      lx = pad;
      row++;
    }
    items.push({ e, text, x: lx, row });
    lx += w;
  }
  const legendRows = items.length ? row + 1 : 0;
  out.width = width;
  out.height = pad + (options.title ? line : 0) + rows * (cellH + panelTitle + pad) + legendRows * line + (legendRows ? pad : 0);

  ctx.fillStyle = options.background ?? '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.textBaseline = 'middle';
  let y = pad;
  if (options.title) {
    ctx.fillStyle = INK;
    ctx.font = `bold ${font * 1.1}px sans-serif`;
    ctx.fillText(options.title, pad, y + line / 2);
    y += line;
  }
  ctx.font = `${font}px sans-serif`;
  panels.forEach((p, i) => {
    const x = pad + (i % columns) * (cellW + pad);
    const top = y + Math.floor(i / columns) * (cellH + panelTitle + pad);
    if (p.title) {
      ctx.fillStyle = INK;
      ctx.fillText(p.title, x, top + line / 2, cellW);
    }
    ctx.drawImage(p.canvas, x, top + panelTitle);
  });
  y += rows * (cellH + panelTitle + pad);
  for (const { e, text, x, row: r } of items) {
    const cy = y + r * line + line / 2;
    ctx.strokeStyle = e.color;
    ctx.lineWidth = 3 * scale;
    ctx.setLineDash(e.dash.map((d) => d * scale));
    ctx.beginPath();
    ctx.moveTo(x, cy);
    ctx.lineTo(x + 24 * scale, cy);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = INK;
    ctx.fillText(text, x + 30 * scale, cy);
  }
  return out.toDataURL('image/png');
}
