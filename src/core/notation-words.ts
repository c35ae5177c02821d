// The notation's small words that layer kinds write: numbers and initializers. A leaf module, so that
// the kinds can format themselves without importing the parser or the formatter that loop over them.
import { FORMULA_INITIALIZERS, PARAMETRIC_INITIALIZERS, type InitializerSpec } from './initializers';

/** JavaScript's shortest text that reads back as the same number (0.1, 1e-7, -0.5). */
export function formatNumber(value: number): string {
  return String(value);
}

export function initializerToken(init: InitializerSpec): string {
  switch (init.name) {
    case 'zeros':
      return 'ZEROS';
    case 'constant':
    case 'uniform':
    case 'normal': {
      const info = PARAMETRIC_INITIALIZERS[init.name];
      return `${info.word}${formatNumber((init as unknown as Record<string, number>)[info.param])}`;
    }
    default:
      return FORMULA_INITIALIZERS[init.name].words[0];
  }
}

export function inputToNotation(input: readonly number[]): string {
  return `INPUT ${input.join('x')}`;
}
