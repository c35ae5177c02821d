// What a finished (or stopped, or still running) training is saved as, built from the controller's
// plain event history. Pure functions over plain data, so Node tests check the exact bytes.
//
// Two CSV files rather than one: a metrics row is (run, step), a layer row is (run, step, layer), and
// mixing them would leave most cells of every row empty.
// - metrics CSV: run, step, loss, accuracy, testLoss, testAccuracy. One row per step that has a
//   training metric or an evaluation; test cells are empty at steps without an evaluation (and train
//   cells at an evaluation without a training step, should the engine ever send one).
// - layers CSV: run, step, layer, label, units and every numeric LayerStats field, one row per layer
//   per diagnostics step.
// Rows are grouped by run (in order of first appearance), steps ascending. Numbers are written as
// JavaScript prints them (full precision; NaN, Infinity and -Infinity as such, which pandas and R
// read as floats). Lines end with \n; the file ends with one.
// The JSON export is { format, version, experiment, events }: the document as it was trained plus
// every event, which is enough to redraw every chart.
import type { EvalEvent, LayersEvent, MetricsEvent, TrainEvent } from '../core/events';
import type { ExperimentDoc } from '../core/experiment-types';

export const METRICS_COLUMNS = ['run', 'step', 'loss', 'accuracy', 'testLoss', 'testAccuracy'] as const;

const LAYER_NUMBERS = ['gradNorm', 'weightNorm', 'activationMean', 'activationStd', 'deadFraction', 'distinctUnits'] as const;
export const LAYERS_COLUMNS = ['run', 'step', 'layer', 'label', 'units', ...LAYER_NUMBERS] as const;

export const EXPORT_FORMAT = 'gradient-lab-training';
export const EXPORT_VERSION = 1;

export interface TrainingExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** The document the events came from, as it was started (null if it is not known). */
  experiment: ExperimentDoc | null;
  events: TrainEvent[];
}

type Cell = string | number | null | undefined;

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, a comma or a line break (quotes doubled).
 * Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe: run
 * names come from share links, which anyone can write. Numbers are never altered (-0.5 stays).
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(header: readonly string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/** Runs in order of first appearance, each with its events in history order. */
function byRun<E extends TrainEvent>(history: readonly TrainEvent[], keep: (e: TrainEvent) => e is E): Map<string, E[]> {
  const runs = new Map<string, E[]>();
  for (const e of history) {
    if (!keep(e)) continue;
    let list = runs.get(e.run);
    if (!list) runs.set(e.run, (list = []));
    list.push(e);
  }
  return runs;
}

const isStepEvent = (e: TrainEvent): e is MetricsEvent | EvalEvent => e.type === 'metrics' || e.type === 'eval';

export function metricsCSV(history: readonly TrainEvent[]): string {
  const rows: Cell[][] = [];
  for (const [run, events] of byRun(history, isStepEvent)) {
    const steps = new Map<number, { metrics?: MetricsEvent; evaluation?: EvalEvent }>();
    for (const e of events) {
      const row = steps.get(e.step) ?? {};
      if (e.type === 'metrics') row.metrics = e;
      else row.evaluation = e;
      steps.set(e.step, row);
    }
    for (const step of [...steps.keys()].sort((a, b) => a - b)) {
      const { metrics, evaluation } = steps.get(step)!;
      rows.push([run, step, metrics?.loss, metrics?.accuracy, evaluation?.testLoss, evaluation?.testAccuracy]);
    }
  }
  return csv(METRICS_COLUMNS, rows);
}

export function layersCSV(history: readonly TrainEvent[]): string {
  const rows: Cell[][] = [];
  for (const [run, events] of byRun(history, (e): e is LayersEvent => e.type === 'layers')) {
    for (const e of [...events].sort((a, b) => a.step - b.step)) {
      for (const s of e.layers) rows.push([run, e.step, s.layer, s.label, s.units, ...LAYER_NUMBERS.map((k) => s[k])]);
    }
  }
  return csv(LAYERS_COLUMNS, rows);
}

/** A deep copy: the export never shares objects with the live history or the caller's document. */
export function trainingExport(experiment: ExperimentDoc | null, history: readonly TrainEvent[]): TrainingExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    // Documents are JSON by design; the round trip also sheds a Svelte proxy, which structuredClone refuses.
    experiment: experiment === null ? null : (JSON.parse(JSON.stringify(experiment)) as ExperimentDoc),
    events: structuredClone([...history]),
  };
}

/** The experiment a file holds: the document itself, or the one a training export was made from. */
export function experimentOf(value: unknown): unknown {
  const wrapped = value as Partial<TrainingExport> | null;
  if (typeof wrapped === 'object' && wrapped !== null && wrapped.format === EXPORT_FORMAT && 'experiment' in wrapped) return wrapped.experiment;
  return value;
}

export function exportJSON(experiment: ExperimentDoc | null, history: readonly TrainEvent[]): string {
  // NaN and Infinity have no JSON form; null says "no number here" (a diverged loss) without breaking parsers.
  return JSON.stringify(trainingExport(experiment, history), null, 1) + '\n';
}

/** A file name from the experiment's title: `xor-with-one-hidden-layer-metrics.csv`. */
export function exportFileName(title: string | null | undefined, what: string, extension: string): string {
  const slug = (title ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'gradient-lab'}-${what}.${extension}`;
}
