import { eluNegativeShare, reluDies } from './dying-relu';
import { allOf, check, type Lesson } from './lesson';
import { atLeastPct, pct } from './outcome';

const HIGH = 2;
const SANE = 0.5;
const run = (name: string, activation: string, learningRate: number) => ({
  name,
  seed: 9,
  model: `INPUT 784, FC-64 ${activation} HE, FC-10`,
  optimizer: { name: 'sgd', learningRate },
  training: { batchSize: 32, steps: 200, evalEvery: 50 },
});
const doc = (rate: number) => ({
  version: 1,
  title: 'Dying ReLU: too high a learning rate',
  task: 'mnist',
  data: { trainSize: 2000, testSize: 500 },
  runs: [run('relu', 'RELU', rate), run('leaky relu', 'LRELU0.1', rate), run('elu', 'ELU', rate), run(`relu at ${SANE}`, 'RELU', SANE)],
});

export const dyingReluRate: Lesson = {
  id: 'dying-relu-rate',
  title: 'Dying ReLU units: too high a learning rate',
  question: 'Can too high a learning rate kill ReLU units, and does another activation save the run?',
  claimInWords: 'At learning rate 2 on shuffled digits at least 90% of the ReLU units die and stay dead while the same net at 0.5 loses none; at rate 2 leaky ReLU diverges and ELU\'s outputs sit at −1: no activation rescues the rate.',
  explanation: [
    `The other classic way to kill ReLU units: a learning rate that is too high. Here the digits are shuffled, and the rate is ${HIGH}. The first steps are so large that they throw the first layer's weights and biases far into negative territory; from then on most units output 0 for every digit, get no gradient and never come back. The same net at ${SANE} (the last run) loses none.`,
    'Leaky ReLU cannot die (its negative side keeps a slope of 0.1), but at this rate nothing holds its weights back: they grow until the loss overflows and the run diverges. ELU cannot output exactly 0 either, yet its negative side flattens out at −1: its units are driven there and stay, as stuck as dead ReLUs.',
    'So a different activation does not rescue a learning rate that is far too high; a lower rate does (the control trains all four at the sane rate).',
  ],
  lookAt: [
    'The dead-unit fraction of hidden layer 1: the ReLU run at the high rate goes to 100%, the one at the sane rate stays at 0.',
    'The leaky ReLU run ends early, diverged; the ELU run\'s activation mean sits at −1.',
  ],
  headline: [{ view: 'layer', metric: 'deadFraction', layer: 'first hidden' }, { view: 'metric', kind: 'loss' }],
  experiment: doc(HIGH),
  claim(outcome) {
    const sane = outcome.layers(`relu at ${SANE}`)[0].deadFraction;
    const elu = eluNegativeShare(outcome, 'elu');
    const leakyDiverged = outcome.diverged('leaky relu');
    return allOf(
      ...reluDies(outcome, 'relu', 0.9, `at learning rate ${HIGH} on shuffled digits`),
      check('sane-rate-lives', sane <= 0.05, `at ${SANE}, ${pct(sane)} are dead`),
      check(
        'no-rescue',
        (leakyDiverged !== null || outcome.done('leaky relu').testAccuracy < 0.5) && elu >= 0.9,
        `leaky ReLU ${leakyDiverged !== null ? `diverged at step ${leakyDiverged}` : `did not diverge (test accuracy ${pct(outcome.done('leaky relu').testAccuracy)})`}; ` +
          `ELU's first-layer mean output is ${(-elu).toFixed(2)}, so at least ${atLeastPct(elu)} of its outputs sit on its flat side near −1 (test accuracy ${pct(outcome.done('elu').testAccuracy)})`,
      ),
    );
  },
  controls: [
    {
      id: 'sane-rate',
      describe: `All four runs at the sane rate ${SANE} (the runs keep their names): no ReLU unit dies, leaky ReLU trains, ELU is not stuck.`,
      experiment: doc(SANE),
      breaks: ['relu-dies', 'no-rescue'],
    },
  ],
};
