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
