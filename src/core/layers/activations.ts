// Every activation once: its document name, the words the notation reads and writes, the label the
// editor shows, and the parameter it takes. Pure data; the tfjs functions are in activation-ops.ts.

export interface ActivationInfo {
  /** What the notation writes (the first word) and also reads. */
  words: readonly string[];
  label: string;
  /** Leaky ReLU's negative slope and ELU's alpha: the default, and what the parameter is called. */
  alpha?: { default: number; label: string };
}

export const ACTIVATION_TABLE = {
  relu: { words: ['RELU'], label: 'ReLU' },
  'leaky-relu': { words: ['LRELU', 'LEAKYRELU'], label: 'leaky ReLU', alpha: { default: 0.01, label: 'Negative slope' } },
  elu: { words: ['ELU'], label: 'ELU', alpha: { default: 1, label: 'ELU alpha' } },
  tanh: { words: ['TANH'], label: 'tanh' },
  sigmoid: { words: ['SIGMOID', 'LOGISTIC'], label: 'sigmoid' },
  softmax: { words: ['SOFTMAX'], label: 'softmax' },
  linear: { words: ['LINEAR'], label: 'linear' },
} as const satisfies Record<string, ActivationInfo>;

export type ActivationName = keyof typeof ACTIVATION_TABLE;
export const ACTIVATIONS = Object.keys(ACTIVATION_TABLE) as [ActivationName, ...ActivationName[]];

export function activationInfo(name: ActivationName): ActivationInfo {
  return ACTIVATION_TABLE[name];
}

/** The alpha a layer with this activation uses when it names none; undefined if it takes none. */
export function defaultAlpha(name: ActivationName): number | undefined {
  return activationInfo(name).alpha?.default;
}
