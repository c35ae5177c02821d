// One field table (src/core/fields.ts) behind the schema, the editor and docs/experiment.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/core/experiment';
import { optimizerSchema, trainingSchema } from '../../src/core/experiment-schema';
import { HYPERPARAMETERS, hyperparameterKeys, OPTIMIZERS, TRAINING_FIELDS, type OptimizerName } from '../../src/core/fields';
import { withGeneratedTables } from '../../src/core/fields-docs';
import type { NumberRange } from '../../src/core/schema-kit';

const docsPath = new URL('../../docs/experiment.md', import.meta.url);

describe('the field table', () => {
  it('is what docs/experiment.md says (run `npm run docs` after changing either)', () => {
    const docs = readFileSync(docsPath, 'utf8');
    expect(withGeneratedTables(docs)).toBe(docs);
  });

  it('catches a docs table that drifted from the code (the control of the test above)', () => {
    const docs = readFileSync(docsPath, 'utf8');
    const edited = docs.replace('| `steps` | integer from 1 to 1,000,000 | `500` |', '| `steps` | integer from 1 to 1,000,000 | `400` |');
    expect(edited).not.toBe(docs);
    expect(withGeneratedTables(edited)).not.toBe(edited);
  });

  it('catches a memory limit, an optimizer\'s slots or a layer cap that drifted in the docs (controls)', () => {
    const docs = readFileSync(docsPath, 'utf8');
    for (const [from, to] of [
      ['| `webgl` | 1 GB |', '| `webgl` | 2 GB |'],
      ['| `adam` | 2 | 13 |', '| `adam` | 2 | 11 |'],
      ['| `dense` | `units` | integer from 1 to 4,096 |', '| `dense` | `units` | integer from 1 to 8,192 |'],
    ]) {
      const edited = docs.replace(from, to);
      expect(edited, from).not.toBe(docs);
      expect(withGeneratedTables(edited), from).toBe(docs);
    }
  });

  it('gives the schema its defaults and ranges, for every training field', () => {
    const defaults = trainingSchema.parse({});
    for (const [key, field] of Object.entries(TRAINING_FIELDS)) {
      if ('defaultText' in field) expect((defaults as Record<string, unknown>)[key], key).toBeUndefined();
      else expect((defaults as Record<string, unknown>)[key], key).toEqual(field.default);
      if (field.type !== 'number') continue;
      const { min, max, minOpen, integer } = field.range as NumberRange;
      const below = minOpen ? min : min - (integer ? 1 : 1e-9);
      expect(trainingSchema.safeParse({ [key]: below }).success, `${key} = ${below}`).toBe(false);
      if (Number.isFinite(max)) expect(trainingSchema.safeParse({ [key]: max + 1 }).success, `${key} = ${max + 1}`).toBe(false);
      if (integer) expect(trainingSchema.safeParse({ [key]: min + 0.5 }).success, `${key} = ${min + 0.5}`).toBe(false);
      expect(trainingSchema.safeParse({ [key]: minOpen ? min + 1 : min }).success, `${key} = ${min}`).toBe(true);
    }
  });

  it('gives each optimizer exactly its own fields, with the table defaults and ranges', () => {
    for (const name of Object.keys(OPTIMIZERS) as OptimizerName[]) {
      const parsed = optimizerSchema.parse({ name });
      expect(parsed).toEqual({ name, ...OPTIMIZERS[name].defaults });
      for (const key of hyperparameterKeys(name)) {
        const { range } = HYPERPARAMETERS[key];
        const bad = range.minOpen ? range.min : range.min - 1;
        expect(optimizerSchema.safeParse({ name, [key]: bad }).success, `${name}.${key} = ${bad}`).toBe(false);
      }
      const foreign = Object.keys(HYPERPARAMETERS).find((key) => !hyperparameterKeys(name).includes(key as never))!;
      expect(optimizerSchema.safeParse({ name, [foreign]: 0.5 }).success, `${name} refuses ${foreign}`).toBe(false);
    }
  });

  it('reports a range error in the words the docs use for the field', () => {
    const result = parseExperiment({ task: 'xor', runs: [{ training: { evalEvery: 0 } }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual(['runs[0].training.evalEvery must be an integer from 1 to 1000000, got 0']);
  });
});
