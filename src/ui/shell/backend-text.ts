// The measured backend choice in words: "fastest here: wasm 0.42 ms/step (cpu 0.61, webgl 13)".
import type { Measured } from '../../worker/backend-choice';

/** Two significant digits or so: the figures rank backends; they are not a benchmark. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

/** The chosen (fastest) backend first, the others after it; "≥" where only the warm-up was timed. */
export function measuredText(measured: readonly Measured[]): string {
  if (!measured.length) return '';
  const [best, ...others] = measured;
  const rest = others.map((m) => `${m.backend} ${m.cutShort ? '≥ ' : ''}${formatMs(m.msPerStep)}`).join(', ');
  return `fastest here: ${best.backend} ${formatMs(best.msPerStep)} ms/step${rest ? ` (${rest})` : ''}`;
}

/**
 * The renderer's gist ("SwiftShader", "NVIDIA GeForce RTX 3060"); the whole string is the tooltip.
 * ANGLE names it "ANGLE (vendor, device, driver)", where the device may itself be wrapped in the
 * graphics API: "Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE))".
 */
export function shortRenderer(renderer: string): string {
  const field = /ANGLE \([^,]*,\s*([^,]+)/.exec(renderer)?.[1]?.trim();
  let device = field ?? renderer;
  const wrapped = /^(?:Vulkan|OpenGL(?: ES)?|Metal|Direct3D\S*)[\s\d.]*\((.+)$/.exec(device);
  if (wrapped) device = wrapped[1];
  device = device.replace(/\s*\(0x[0-9a-fA-F]+\).*$/, '').replace(/\s+(?:Direct3D|vs_|ps_).*$/, '').replace(/\s+Device\b.*$/, '').trim();
  return device.length > 32 ? `${device.slice(0, 31)}…` : device;
}
