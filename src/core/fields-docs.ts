// docs/experiment.md's optimizer and training tables, written from the field table (fields.ts), so
// that the docs say what the schema checks. `npm run docs` writes them between their markers; a test
// fails when the file and the table disagree.
import { HYPERPARAMETERS, OPTIMIZERS, TRAINING_FIELDS, type FieldSpec, type OptimizerName } from './fields';
import { describeRange } from './schema-kit';
import { DATA_FIELDS, type DataField } from './data-fields';
import { LAYER_KINDS } from './layers/registry';
import { formatBytes, MEMORY_LIMITS, OPTIMIZER_MEMORY, type BudgetBackend } from './budget';

const code = (value: unknown) => `\`${typeof value === 'string' ? JSON.stringify(value) : String(value)}\``;

function typeText(field: FieldSpec): string {
  if (field.type === 'choice') return field.choices.map((c) => code(c.value)).join(', ');
  const range = describeRange(field.range);
  return [field.nullable ? `${range} or \`null\`` : range, field.note].filter(Boolean).join(', ');
}

function defaultText(field: FieldSpec): string {
  if (field.type === 'number' && field.defaultText) return field.defaultText;
  return code(field.default);
}

export function trainingTable(): string {
  const rows = Object.entries(TRAINING_FIELDS).map(([key, field]) => `| \`${key}\` | ${typeText(field)} | ${defaultText(field)} | ${field.help} |`);
  return ['| field | type | default | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function optimizerTable(): string {
  const rows = (Object.keys(OPTIMIZERS) as OptimizerName[]).map((name) => {
    const { defaults, update } = OPTIMIZERS[name];
    const fields = Object.entries(defaults)
      .map(([key, value]) => `\`${key}\` (${value}; ${describeRange(HYPERPARAMETERS[key as keyof typeof HYPERPARAMETERS].range)})`)
      .join(', ');
    return `| \`${name}\` | ${fields} | ${update} |`;
  });
  return ['| `name` | fields (default; range) | update |', '| --- | --- | --- |', ...rows].join('\n');
}

export function hyperparameterTable(): string {
  const rows = Object.entries(HYPERPARAMETERS).map(([key, field]) => `| \`${key}\` | ${field.label} | ${field.help} |`);
  return ['| field | label | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

function dataTypeText(field: DataField): string {
  switch (field.type) {
    case 'number':
      return [describeRange(field.range), field.note].filter(Boolean).join(', ');
    case 'choice':
      return [field.choices.map((c) => code(c.value)).join(', '), field.note].filter(Boolean).join(', ');
    case 'boolean':
      return '`true` or `false`';
    case 'column':
      return `string or \`null\``;
    case 'points':
      return `array, ${field.note}`;
    case 'source':
      return 'object (below)';
  }
}

/** The data fields, with the tasks each applies to (a field of another task is refused). */
export function dataTable(): string {
  const rows = Object.entries(DATA_FIELDS).map(([key, f]) => {
    const field = f as DataField;
    const tasks = field.tasks === 'all' ? 'all' : field.tasks.map((t) => `\`${t}\``).join(', ');
    const fallback = field.defaultText ?? ('default' in field ? code(Array.isArray(field.default) ? '[]' : field.default).replace('`"[]"`', '`[]`') : '');
    return `| \`${key}\` | ${tasks} | ${dataTypeText(field)} | ${fallback} | ${field.help} |`;
  });
  return ['| field | tasks | type | default | meaning |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Why each backend's memory limit is what budget.ts says. */
const LIMIT_REASONS: Record<BudgetBackend, string> = {
  webgl: 'textures share the GPU (often the computer\'s own memory) with the page and the desktop',
  webgpu: 'buffers share the GPU with the page and the desktop, as webgl\'s textures do',
  wasm: 'its heap cannot pass 4 GiB (32-bit addresses), and growing it near that aborts',
  cpu: "typed arrays in the page's (or Node's) JavaScript heap",
};

/** The memory limit per backend, from MEMORY_LIMITS. */
export function memoryLimitTable(): string {
  const rows = (Object.keys(MEMORY_LIMITS) as BudgetBackend[]).map((b) => `| \`${b}\` | ${formatBytes(MEMORY_LIMITS[b])} | ${LIMIT_REASONS[b]} |`);
  return ['| backend | limit | why |', '| --- | --- | --- |', ...rows].join('\n');
}

/** What each optimizer keeps and makes per parameter, from OPTIMIZER_MEMORY. */
export function optimizerMemoryTable(): string {
  const rows = (Object.keys(OPTIMIZER_MEMORY) as OptimizerName[]).map((name) => {
    const { slots, temporaries } = OPTIMIZER_MEMORY[name];
    return `| \`${name}\` | ${slots} | ${temporaries} |`;
  });
  return ['| optimizer | slots (held throughout) | update temporaries (per step) |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Every layer kind's per-layer caps (the same ranges its schema and its notation check). */
export function layerCapsTable(): string {
  const rows = LAYER_KINDS.flatMap((kind) => Object.entries(kind.limits ?? {}).map(([field, range]) => `| \`${kind.type}\` | \`${field}\` | ${describeRange(range)} |`));
  return ['| layer `type` | field | range |', '| --- | --- | --- |', ...rows].join('\n');
}

export const GENERATED_TABLES: Record<string, () => string> = {
  'layer-caps': layerCapsTable,
  'memory-limits': memoryLimitTable,
  'optimizer-memory': optimizerMemoryTable,
  data: dataTable,
  optimizers: optimizerTable,
  hyperparameters: hyperparameterTable,
  training: trainingTable,
};

/** The file with every generated table replaced by the table as the code has it now. */
export function withGeneratedTables(markdown: string): string {
  return markdown.replace(/(<!-- generated: ([\w-]+) -->)[\s\S]*?(<!-- \/generated -->)/g, (whole, open: string, name: string, close: string) => {
    const table = GENERATED_TABLES[name];
    return table ? `${open}\n${table()}\n${close}` : whole;
  });
}
