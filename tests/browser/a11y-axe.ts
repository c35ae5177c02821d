// axe-core in the page the browser tests run in: loaded once from its own source (a script
// element, as a bookmarklet would), run over the whole document, and its violations turned into
// lines that name the rule, how many nodes break it and where, so a failure reads on its own.
import axeSource from 'axe-core/axe.min.js?raw';
import type { AxeResults, RunOptions } from 'axe-core';

type Axe = { run: (context: Document | Element, options: RunOptions) => Promise<AxeResults> };

function axe(): Axe {
  const w = window as unknown as { axe?: Axe };
  if (!w.axe) {
    const script = document.createElement('script');
    script.textContent = axeSource;
    document.head.append(script);
  }
  if (!w.axe) throw new Error('axe-core did not load');
  return w.axe;
}

/** WCAG 2.2 A and AA plus axe's best practices (landmarks, heading order, region). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Each violation as `rule-id (n nodes): selector; selector`. Empty when the page passes. */
export async function axeViolations(context: Document | Element = document): Promise<string[]> {
  const results = await axe().run(context, { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] });
  return results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}
