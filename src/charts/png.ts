// Chart canvases are transparent, so a PNG of one turns black or vanishes on a dark slide or in a
// dark-mode viewer. Export composites the chart onto an opaque background at the canvas's full
// device-pixel resolution (sharp on high-DPI screens and projectors).

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
