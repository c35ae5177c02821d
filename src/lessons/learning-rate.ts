import { allOf, check, num, type Lesson } from './lesson';

const MODEL = 'INPUT 784, FC-64 LRELU0.1 HE, FC-10';
const run = (name: string, learningRate: number) => ({
  name,
  seed: 3,
  model: MODEL,
  optimizer: { name: 'sgd', learningRate },
  training: { batchSize: 32, steps: 200, evalEvery: 50 },
});

/** The rates of the runs named too low, good and too high. */
const doc = ([low, good, high]: number[]) => ({
  version: 1,
  title: 'Learning rate: flat, descending, diverging',
  task: 'mnist',
  data: { trainSize: 2000, testSize: 500 },
  runs: [run('too low (1e-5)', low), run('good (0.1)', good), run('too high (30)', high)],
});

export const learningRate: Lesson = {
  id: 'learning-rate',
  title: 'Learning rate: flat, descending, diverging',
  question: 'What do a too-small, a good and a too-large learning rate look like on the loss curve?',
  claimInWords: 'At 1e-5 the loss moves by less than 5%; at 0.1 it falls below 40% of its start; at 30 it diverges.',
  explanation: [
    'Gradient descent moves every weight by the learning rate times its gradient: w ← w − lr · ∂L/∂w.',
    'Too small a rate and each step barely moves: the loss looks flat from the start (a flat loss can also mean a badly scaled initialization). A good rate descends quickly and then levels off. Too large a rate overshoots the valley, lands higher up the other side, and the steps grow until the numbers overflow: the loss becomes infinite or NaN and the run has diverged.',
  ],
  lookAt: ['The loss curves on a log axis: flat, descending, and one that ends early.', 'The diverged run is marked with the step where its loss stopped being a number.'],
  headline: [{ view: 'metric', kind: 'loss', logScale: true }, { view: 'metric', kind: 'accuracy' }],
  experiment: doc([1e-5, 0.1, 30]),
  claim(outcome) {
    const start = (r: string) => outcome.losses(r).slice(0, 10).reduce((a, b) => a + b, 0) / 10;
    const lowChange = Math.abs(outcome.finalLoss('too low (1e-5)') - start('too low (1e-5)')) / start('too low (1e-5)');
    const goodRatio = outcome.finalLoss('good (0.1)') / start('good (0.1)');
    const divergedAt = outcome.diverged('too high (30)');
    return allOf(
      check('flat', lowChange < 0.05, `lr 1e-5 changed the loss by ${(100 * lowChange).toFixed(1)}% in ${outcome.done('too low (1e-5)').steps} steps${lowChange < 0.05 ? ' (flat)' : ''}`),
      check('descends', goodRatio < 0.4 && outcome.diverged('good (0.1)') === null, `lr 0.1 took it from ${num(start('good (0.1)'))} to ${num(outcome.finalLoss('good (0.1)'))}`),
      check('diverges', divergedAt !== null, divergedAt === null ? 'lr 30 did not diverge' : `lr 30 diverged at step ${divergedAt}`),
    );
  },
  controls: [
    {
      id: 'sane-rates',
      describe: 'All three runs at the good rate 0.1 (they keep their names): nothing stays flat, nothing diverges.',
      experiment: doc([0.1, 0.1, 0.1]),
      breaks: ['flat', 'diverges'],
    },
  ],
};
