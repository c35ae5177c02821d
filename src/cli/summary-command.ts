// `lab summary "<notation>" [--json]`: output shapes, parameters and receptive fields per layer.
import { parseNotation } from '../core/notation';
import { summarize } from '../core/summary';
import { parseOptions } from './args';
import { formatTable } from './format';
import { UsageError, type Io } from './io';

export function summaryCommand(args: string[], io: Io): number {
  const { values, positionals: rest } = parseOptions(args, { json: { type: 'boolean', default: false } }, true);
  const json = values.json;
  if (rest.length !== 1) throw new UsageError('lab summary takes one architecture in quotes, e.g. lab summary "INPUT 28x28x1, CONV5-8, POOL2, FC-10"');
  const parsed = parseNotation(rest[0]);
  if (!parsed.ok) {
    for (const e of parsed.errors) io.err(`error: ${e.message}`);
    return 2;
  }
  const summary = summarize(parsed.model);
  if (json) {
    const layers = summary.layers.map(({ notation, outputShape, params, receptiveField }) => ({ notation, outputShape, params, receptiveField }));
    io.out(JSON.stringify({ layers, totalParams: summary.totalParams }));
    return 0;
  }
  const rows = summary.layers.map((l) => [l.notation, l.outputShape.join('x'), l.params.toLocaleString('en-US'), String(l.receptiveField)]);
  io.out(formatTable(['layer', 'output', 'params', 'receptive field'], rows));
  io.out(`total parameters: ${summary.totalParams.toLocaleString('en-US')}`);
  return 0;
}
