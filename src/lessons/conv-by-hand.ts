// Convolution and pooling by hand: the calculator (src/ui/lessons/ConvCalculator.svelte) works
// small examples; the claim works the runs' real first convolution the same way. The hand check
// needs tfjs and is loaded only when the compute step runs, so that the page's main bundle (which
// lists the lessons) stays free of it.
import type { HandCheck } from './conv-by-hand-compute';
import { allOf, check, type Lesson } from './lesson';
import type { Outcome } from './outcome';

/** float32 sums of 25 products against the same sums in doubles: far below this, whatever the backend. */
const MATCHES = 1e-4;
/** A textbook convolution of a filter that is not symmetric gives other numbers: off by more than this. */
const DIFFERS = 0.05;

const SAME_RUN = 'CONV5, same padding';
const STRIDED_RUN = 'CONV4, stride 2, pad 1';

const run = (name: string, model: string) => ({
  name,
  seed: 4,
  model,
  optimizer: { name: 'adam', learningRate: 0.003 },
  training: { batchSize: 16, steps: 40, evalEvery: 40 },
});
/** `init` is the first layers' kernel initializer token ('' for the default). */
const doc = (init: string) => ({
  version: 1,
  title: 'Convolution and pooling by hand',
  task: 'mnist',
  data: { trainSize: 200, testSize: 100 },
  runs: [
    run(SAME_RUN, `INPUT 28x28x1, CONV5-4 LINEAR${init}, POOL2, FC-10`),
    run(STRIDED_RUN, `INPUT 28x28x1, CONV4-4 LINEAR S2 P1${init}, FC-10`),
  ],
});

function handChecks(outcome: Outcome): HandCheck[] {
  const all = outcome.computed as HandCheck[] | null;
  if (!all?.length) throw new Error("no hand check (the lesson's compute step has not run)");
  for (const name of [SAME_RUN, STRIDED_RUN]) if (!all.some((c) => c.run === name)) throw new Error(`no hand check for run ${JSON.stringify(name)}`);
  return all;
}

const sci = (x: number) => x.toExponential(1);
const relative = (c: HandCheck, difference: number) => difference / Math.max(c.scale, 1e-12);

export const convByHand: Lesson = {
  id: 'conv-by-hand',
  title: 'Convolution and pooling by hand',
  question: 'What number does one output cell of a convolution hold, and how big is the output?',
  claimInWords:
    'The sums of products worked out by hand with each run\'s first-layer filters over a real test digit (with the run\'s stride and padding) equal the engine\'s activation maps to a relative 1e-4, the output size is (W − K + 2P)/S + 1, and the same sums with every filter turned 180° (a textbook convolution) are off by more than 5%: deep-learning "convolution" is cross-correlation.',
  explanation: [
    'A convolution layer slides each filter over the input. At every position it multiplies the filter\'s weights with the input values under them, adds the products, adds the bias, and writes that one number into the output. With stride S the filter jumps S cells at a time; padding P adds P rings of zeros around the input first, so that the filter can also sit over the border.',
    'Along each side the filter fits (W − K + 2P)/S + 1 times, for an input of side W and a filter of side K: (28 − 4 + 2·1)/2 + 1 = 14. "Same" padding at stride 1 adds (K − 1)/2 zeros on every side, so that the output keeps the input\'s size.',
    'Pooling slides a window the same way but has no weights: max pooling keeps the largest value in each window, average pooling their mean. POOL2 is a 2x2 window with stride 2, which halves each side.',
    'Textbooks define convolution with the filter turned 180° (flipped in both directions) before it slides. Deep-learning libraries skip the flip, which is cross-correlation; since the filters are learnt, nothing is lost. The check below shows which one the engine computes.',
    'Use the calculator: type a small input and a filter, pick a stride and padding, and focus an output cell to see its window and every product. The claim does the same sums by hand for the runs\' real first-layer filters (at their initial weights) over a test digit and compares them with the engine\'s activation maps.',
  ],
  lookAt: [
    'The calculator: the window on the padded input under each output cell, its products, and the output-size formula with the numbers filled in.',
    'The verdict: how closely the hand sums match the engine, and how far off the flipped filters are.',
    'After training, the first-layer filters and the activation maps below: each map cell is one sum of products.',
  ],
  experiment: doc(''),
  headline: [{ view: 'convCalculator' }],
  compute: async (d, dataset) => (await import('./conv-by-hand-compute')).computeHandChecks(d, dataset),
  claim(outcome) {
    const checks = handChecks(outcome);
    const sized = checks.every((c) => c.engineShape[0] === c.formula.rows && c.engineShape[1] === c.formula.columns);
    const matches = sized && checks.every((c) => relative(c, c.difference) < MATCHES);
    const differs = sized && checks.every((c) => relative(c, c.flippedDifference) > DIFFERS);
    const each = (text: (c: HandCheck) => string) => checks.map((c) => `${text(c)} (${c.run})`).join(', ');
    return allOf(
      check(
        'output-size',
        sized,
        `the output sizes follow (W − K + 2P)/S + 1: ${each((c) => `${c.formula.text}, and the engine's maps are ${c.engineShape[0]}x${c.engineShape[1]}`)}`,
      ),
      check(
        'cross-correlation',
        matches,
        `on ${checks[0].backend}, the hand sums of products over test digit ${checks[0].example + 1} (a ${checks[0].label}) match the engine's maps to a relative ${each((c) => sci(relative(c, c.difference)))}`,
      ),
      check('flip-differs', differs, `with every filter turned 180° (a textbook convolution) they are off by ${each((c) => sci(relative(c, c.flippedDifference)))}`),
    );
  },
  controls: [
    {
      id: 'symmetric-filters',
      describe:
        'Every first-layer weight starts at the same value (CONST0.1), so each filter is the same turned 180°: cross-correlation and textbook convolution give the same numbers, and the check can no longer tell which one the engine computes.',
      experiment: doc(' CONST0.1'),
      breaks: ['flip-differs'],
    },
  ],
};
