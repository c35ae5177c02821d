// The project's import graph, read from the source text: every static and dynamic import of every
// .ts and .svelte file under a folder, resolved to files where relative, with type-only imports
// marked (they vanish at run time). Enough to check the architecture's folder rules.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface ImportEdge {
  /** A repository-relative file (src/ui/App.svelte) or a package name (@tensorflow/tfjs). */
  to: string;
  typeOnly: boolean;
  dynamic: boolean;
}

export type ImportGraph = Map<string, ImportEdge[]>;

const IMPORT = /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Imports of one file's source text (for .svelte, the whole file: its scripts hold the imports). */
export function importsOf(source: string): { specifier: string; typeOnly: boolean; dynamic: boolean }[] {
  const found: { specifier: string; typeOnly: boolean; dynamic: boolean }[] = [];
  for (const m of source.matchAll(IMPORT)) {
    // `import { type A, type B } from` is type-only too.
    const clause = m[0];
    const braces = /\{([^}]*)\}/.exec(clause)?.[1];
    const allTypes = braces !== undefined && !/\bfrom\b[^{]*\w+\s*,?\s*\{/.test(clause) && braces.split(',').every((p) => p.trim() === '' || /^type\s/.test(p.trim())) && !/import\s+\w+\s*,/.test(clause);
    found.push({ specifier: m[3], typeOnly: Boolean(m[2]) || allTypes, dynamic: false });
  }
  for (const m of source.matchAll(DYNAMIC)) found.push({ specifier: m[1], typeOnly: false, dynamic: true });
  return found;
}

function resolveFile(fromFile: string, specifier: string, root: string): string {
  if (!specifier.startsWith('.')) return specifier.replace(/\?.*$/, '');
  const base = resolve(dirname(fromFile), specifier.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(root, candidate);
  }
  return relative(root, base);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

export function readGraph(root: string, folder = 'src'): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of filesUnder(join(root, folder))) {
    const edges = importsOf(readFileSync(file, 'utf8')).map(({ specifier, typeOnly, dynamic }) => ({ to: resolveFile(file, specifier, root), typeOnly, dynamic }));
    graph.set(relative(root, file), edges);
  }
  return graph;
}

/** Everything `file` loads at run time through static imports (type-only and dynamic imports left out). */
export function staticClosure(graph: ImportGraph, file: string): Set<string> {
  const seen = new Set<string>();
  const stack = [file];
  while (stack.length) {
    const current = stack.pop()!;
    for (const edge of graph.get(current) ?? []) {
      if (edge.typeOnly || edge.dynamic || seen.has(edge.to)) continue;
      seen.add(edge.to);
      stack.push(edge.to);
    }
  }
  return seen;
}

export interface Violation {
  file: string;
  rule: string;
  detail: string;
}

const isTf = (to: string) => to.startsWith('@tensorflow/');

/** The folder rules of shared/design/architecture.md, checked over a graph. */
export function checkArchitecture(graph: ImportGraph): Violation[] {
  const violations: Violation[] = [];
  const add = (file: string, rule: string, detail: string) => violations.push({ file, rule, detail });
  for (const [file, edges] of graph) {
    const runtime = edges.filter((e) => !e.typeOnly);
    if (file.startsWith('src/ui/')) {
      for (const e of runtime) if (e.to.startsWith('src/worker/')) add(file, 'ui imports no worker module', e.to);
      const tf = [...staticClosure(graph, file)].find(isTf);
      if (tf) add(file, 'ui never loads tfjs', tf);
    }
    if (file.startsWith('src/charts/')) {
      for (const e of runtime) {
        if (e.to === 'svelte' || e.to.startsWith('svelte/') || e.to.endsWith('.svelte')) add(file, 'charts import no svelte', e.to);
        if (isTf(e.to)) add(file, 'charts import no tfjs', e.to);
      }
    }
    if (!file.startsWith('src/state/') && file !== 'src/worker/host.ts') {
      for (const e of edges) if (e.to === 'src/worker/host.ts') add(file, 'only src/state imports src/worker/host', e.to);
    }
    if (file.startsWith('src/core/') || file.startsWith('src/data/')) {
      for (const e of runtime) {
        if (e.to === 'svelte' || e.to.startsWith('svelte/') || e.to === 'chart.js' || /^src\/(ui|state|charts|worker)\//.test(e.to)) {
          add(file, 'core and data stay free of the page', e.to);
        }
      }
    }
    // The pure half of the layer registry: the page parses and summarises models with it.
    if (/^src\/core\/(layers\/(?!.*\.engine\.ts$|engine\.ts$|activation-ops\.ts$|engines\.ts$)|notation(-tokens|-format|-words)?\.ts$|summary\.ts$|experiment(-schema|-types)?\.ts$|fields\.ts$|schema-kit\.ts$|initializers\.ts$)/.test(file)) {
      const tf = [...staticClosure(graph, file)].find(isTf);
      if (tf) add(file, 'the pure core never loads tfjs', tf);
    }
  }
  return violations;
}
