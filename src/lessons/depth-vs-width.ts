import type { RunSpec } from '../core/experiment-types';
import { parseNotation } from '../core/notation';
import { summarize } from '../core/summary';
import { allOf, check, type Lesson } from './lesson';
import { num, pct, type Outcome } from './outcome';

/** A wider (or deeper) net counts as better when its test loss is at least this much lower. */
const MARGIN = 0.05;
/** Nets "match" in size when their parameter counts differ by at most this fraction. */
const MATCHED = 0.15;

/**
 * The claim reads the runs' shapes from their models, not their names: a bigger document (more
 * widths, all of MNIST, more steps) is judged by the same claim without changes.
 */
const NETS = (activation: string) =>
  [
    ['linear', 'INPUT 784, FC-10'],
    ['1 x 25', `INPUT 784, FC-25 ${activation} HE, FC-10`],
    ['1 x 100', `INPUT 784, FC-100 ${activation} HE, FC-10`],
    ['1 x 200', `INPUT 784, FC-200 ${activation} HE, FC-10`],
    ['3 x 82', `INPUT 784, FC-82 ${activation} HE, FC-82 ${activation} HE, FC-82 ${activation} HE, FC-10`],
  ] as const;
const doc = (activation: string) => ({
  version: 1,
  title: 'Depth versus width',
  task: 'mnist',
  data: { trainSize: 8000, testSize: 2000 },
  runs: NETS(activation).map(([name, model]) => ({
    name,
    seed: 16,
    model,
    optimizer: { name: 'adam', learningRate: 0.001 },
    training: { batchSize: 32, steps: 400, evalEvery: 200 },
  })),
});

export function parameterCount(notation: string): number {
  const parsed = parseNotation(notation);
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  return summarize(parsed.model).totalParams;
}

interface Net {
  run: string;
  hidden: number[];
  params: number;
  testLoss: number;
  testAccuracy: number;
}

function netsOf(outcome: Outcome): Net[] {
  return outcome.doc.runs.map((r: RunSpec) => {
    const dense = r.model.layers.filter((l) => l.type === 'dense');
    const done = outcome.done(r.name);
    return {
      run: r.name,
      hidden: dense.slice(0, -1).map((l) => (l.type === 'dense' ? l.units : 0)),
      params: summarize(r.model).totalParams,
      testLoss: done.testLoss,
      testAccuracy: done.testAccuracy,
    };
  });
}

const better = (a: Net, b: Net) => a.testLoss <= (1 - MARGIN) * b.testLoss;
const describe = (n: Net) => `${n.run} (${n.params.toLocaleString('en-US')} parameters) ${num(n.testLoss)} (${pct(n.testAccuracy)})`;

export const depthVsWidth: Lesson = {
  id: 'depth-vs-width',
  title: 'Depth versus width on MNIST',
  question: 'Do wider and deeper nets do better on MNIST, and at what cost?',
  claimInWords: 'The test loss falls by at least 5% from the linear classifier to each wider one-hidden-layer net in turn, and a deeper net with about the same number of parameters as one of them does at least as well.',
  explanation: [
    'A linear classifier (no hidden layer) draws one straight boundary per class. One hidden layer of enough units can approximate any function, and here each wider layer does better: 25, 100, then 200 ReLU units, each step lowering the test loss, with diminishing returns per parameter (from 100 to 200 units the parameters double and the test loss falls by a tenth).',
    'A deeper, thinner net spends about the same number of parameters on several layers, each building on the features of the one before. Here three layers of 82 units have 79,000 parameters, like one layer of 100, and do at least as well.',
    'The nets are compared by their test loss (cross-entropy on 2,000 held-out digits), which separates them more finely than accuracy does; both are shown.',
  ],
  lookAt: ['The test loss and accuracy of each run, with its parameter count.', 'Time per step: the widest net costs about twice as much per step as the 100-unit one.'],
  fullVersion: 'With all 60,000 MNIST training digits and a few epochs the same ordering holds with wider nets (100, 200, 1,000 units) and the gaps shrink to about a point of accuracy; the claim reads each run\'s shape from its model, so only the document changes.',
  experiment: doc('RELU'),
  claim(outcome) {
    const nets = netsOf(outcome);
    const linear = nets.filter((n) => n.hidden.length === 0);
    const wide = nets.filter((n) => n.hidden.length === 1).sort((a, b) => a.hidden[0] - b.hidden[0]);
    const deep = nets.filter((n) => n.hidden.length >= 2);
    const chain = [...linear, ...wide];
    const ordered = chain.length >= 3 && chain.every((n, i) => i === 0 || better(n, chain[i - 1]));
    const matches = deep.map((d) => {
      const twin = wide.reduce((best, w) => (Math.abs(w.params - d.params) < Math.abs(best.params - d.params) ? w : best), wide[0]);
      return { d, twin, matched: twin !== undefined && Math.abs(twin.params - d.params) <= MATCHED * twin.params };
    });
    return allOf(
      check('width-order', ordered, `test loss, narrowest first: ${chain.map(describe).join(', ')}`),
      check(
        'depth-matched',
        matches.length > 0 && matches.every((m) => m.matched && m.d.testLoss <= m.twin.testLoss),
        matches.map((m) => `${describe(m.d)} against ${m.twin ? describe(m.twin) : 'no one-layer net'}${m.matched ? '' : ' (not a matched size)'}`).join('; ') ||
          'no deeper net to compare',
      ),
    );
  },
  controls: [
    {
      id: 'linear-activations',
      describe: 'The same shapes with linear hidden units (the runs keep their names): a stack of linear layers is one linear map, the kind the linear classifier already is. Extra parameters change how fast it is found, not what can be found, so the test loss stops falling with width.',
      experiment: doc('LINEAR'),
      breaks: ['width-order'],
    },
  ],
};
