// FLATTEN: H×W×C becomes H·W·C features. Optional in the notation: FC flattens by itself.
import { z } from 'zod';
import type { LayerKind } from './kind';
import { sizeOf } from './shapes';

export interface FlattenSpec {
  type: 'flatten';
}

export const flatten: LayerKind<FlattenSpec> = {
  type: 'flatten',
  word: 'FLATTEN',
  label: 'FLATTEN',
  syntax: 'FLATTEN',
  // A reshape shares its input's data.
  outputCopies: 0,
  schema: z.strictObject({ type: z.literal('flatten') }),
  perRunFields: [],
  defaultedFields: [],
  create: () => ({ type: 'flatten' }),
  complete: (layer) => layer,
  followsDefaults: () => true,
  resetDefaults: () => {},
  counts: () => ({}),
  shape: (_layer, input) => ({ shape: [sizeOf(input)] }),
  params: () => 0,
  // A flattened value is still one unit of the map before it, with that unit's field.
  receptiveField: (_layer, field) => field,
  notation: {
    readHead: (upper) => (upper === 'FLATTEN' ? { type: 'flatten' } : null),
    options: [],
    apply: () => {},
    format: () => 'FLATTEN',
  },
  editor: [{ kind: 'note', text: 'H×W×C image → H·W·C features' }],
};
