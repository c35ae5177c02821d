import { allOf, check, type Lesson } from './lesson';
import { num, pct } from './outcome';

/** The lowest cross-entropy a logistic unit can reach on the XOR table: ln 2, by predicting 0.5 everywhere. */
const LN2 = Math.log(2);
const PERCEPTRON = 'INPUT 2, FC-1 SIGMOID';
const HIDDEN = 'INPUT 2, FC-4 TANH, FC-1 SIGMOID';

const run = (name: string, model: string) => ({
  name,
  seed: 4,
  model,
  optimizer: { name: 'adam', learningRate: 0.05 },
  training: { batchSize: 4, steps: 600, evalEvery: 50 },
});
const doc = (first: string) => ({
  version: 1,
  title: 'XOR needs a hidden layer',
  task: 'xor',
  data: { xorPoints: 'table' },
  runs: [run('perceptron', first), run('one hidden layer', HIDDEN)],
});

export const xorHiddenLayer: Lesson = {
  id: 'xor-hidden-layer',
  title: 'XOR needs a hidden layer',
  question: 'Why can a perceptron not learn XOR, and what does one hidden layer change?',
  claimInWords: 'The perceptron\'s loss stays at ln 2 (predicting 0.5 everywhere) and it gets at most 3 of 4 points; one hidden layer of 4 tanh units gets all 4 with a loss below 0.05.',
  explanation: [
    'XOR is 1 when exactly one input is 1. No single straight line separates (0,1) and (1,0) from (0,0) and (1,1), and a perceptron (inputs straight to one logistic output) can only draw a straight line.',
    'Trained on the four points, the perceptron does not even settle on one of the lines that get 3 of 4 right: the four points pull its weights in opposite directions, and its cross-entropy is lowest, ln 2 ≈ 0.693, with both weights and the bias at 0. It ends predicting 0.5 for every input: its map is one flat colour, and its loss stays at ln 2. (Which points count as right is then decided by rounding noise, so its accuracy means little.)',
    'One hidden layer bends the boundary: each hidden unit draws a line, and the output combines them into a band around one diagonal. Four tanh units are plenty; the loss goes to nearly 0.',
  ],
  lookAt: [
    'The loss curves: the perceptron levels off at 0.693, the hidden-layer net goes to zero.',
    'The decision maps: uniform 0.5 for the perceptron, a band around the diagonal for the hidden-layer net.',
  ],
  experiment: doc(PERCEPTRON),
  claim(outcome) {
    const perceptron = outcome.finalLoss('perceptron');
    const hidden = outcome.finalLoss('one hidden layer');
    return allOf(
      check(
        'perceptron-stuck',
        perceptron > LN2 - 0.01 && outcome.done('perceptron').testAccuracy <= 0.75,
        `the perceptron classifies ${pct(outcome.done('perceptron').testAccuracy)} of the XOR table correctly (at most 75% is possible with a line), with its loss at ${num(perceptron)} (ln 2 = ${num(LN2)}: a flat 0.5 everywhere)`,
      ),
      check('hidden-solves', hidden < 0.05 && outcome.done('one hidden layer').testAccuracy === 1, `one hidden layer of 4 tanh units reaches ${pct(outcome.done('one hidden layer').testAccuracy)} with a loss of ${num(hidden)}`),
    );
  },
  controls: [
    {
      id: 'perceptron-with-hidden-layer',
      describe: 'The first run given the same hidden layer of 4 tanh units (it keeps the name "perceptron"): XOR is no longer out of its reach.',
      experiment: doc(HIDDEN),
      breaks: ['perceptron-stuck'],
    },
  ],
};
