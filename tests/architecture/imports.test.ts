// The folder rules of shared/design/architecture.md as a test, so the architecture holds without
// anyone remembering it: the UI never loads tfjs or talks to the worker, charts know no Svelte, only
// src/state reaches the worker's host, and core and data stay free of the page.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkArchitecture, importsOf, readGraph, type ImportGraph } from '../support/import-graph';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the import graph', () => {
  it('keeps every folder rule', () => {
    const graph = readGraph(root);
    expect(graph.size).toBeGreaterThan(100);
    expect(checkArchitecture(graph)).toEqual([]);
  });

  it('reads static, type-only and dynamic imports', () => {
    const source = `
      import * as tf from '@tensorflow/tfjs';
      import type { A } from './a';
      import { type B, type C } from './b';
      import { d, type E } from './d';
      export { f } from './f';
      const g = await import('./g');
    `;
    expect(importsOf(source)).toEqual([
      { specifier: '@tensorflow/tfjs', typeOnly: false, dynamic: false },
      { specifier: './a', typeOnly: true, dynamic: false },
      { specifier: './b', typeOnly: true, dynamic: false },
      { specifier: './d', typeOnly: false, dynamic: false },
      { specifier: './f', typeOnly: false, dynamic: false },
      { specifier: './g', typeOnly: false, dynamic: true },
    ]);
  });

  // The control: a graph with each kind of violation must be caught, or the check above proves nothing.
  it('catches a UI file that reaches tfjs through a pure-looking module, and the other rules', () => {
    const edge = (to: string, typeOnly = false) => ({ to, typeOnly, dynamic: false });
    const graph: ImportGraph = new Map([
      ['src/ui/View.svelte', [edge('src/core/layers/registry.ts'), edge('src/worker/protocol.ts', true)]],
      ['src/core/layers/registry.ts', [edge('src/core/layers/dense.engine.ts')]],
      ['src/core/layers/dense.engine.ts', [edge('@tensorflow/tfjs')]],
      ['src/charts/chart.ts', [edge('svelte')]],
      ['src/ui/Other.svelte', [edge('src/worker/host.ts')]],
      ['src/data/loader.ts', [edge('src/state/editor.svelte.ts')]],
    ]);
    const rules = checkArchitecture(graph).map((v) => `${v.file}: ${v.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'src/ui/View.svelte: ui never loads tfjs',
        'src/core/layers/registry.ts: the pure core never loads tfjs',
        'src/charts/chart.ts: charts import no svelte',
        'src/ui/Other.svelte: ui imports no worker module',
        'src/ui/Other.svelte: only src/state imports src/worker/host',
        'src/data/loader.ts: core and data stay free of the page',
      ]),
    );
    expect(rules.some((r) => r.startsWith('src/ui/View.svelte: ui imports no worker'))).toBe(false); // type-only is fine
  });
});
