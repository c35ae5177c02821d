import { allOf, check, type Check, type Lesson } from './lesson';
import { atLeastPct, num, pct, type Outcome } from './outcome';

/** A rate at which the same net trains well on shuffled data (the control): one-class-first alone does the damage. */
const RATE = 0.5;
const run = (name: string, activation: string) => ({
  name,
  seed: 9,
  model: `INPUT 784, FC-64 ${activation} HE, FC-10`,
  optimizer: { name: 'sgd', learningRate: RATE },
  training: { batchSize: 32, steps: 300, evalEvery: 50 },
});
const RUNS = [run('relu', 'RELU'), run('leaky relu', 'LRELU0.1'), run('elu', 'ELU')];
const doc = (order: 'one-class-first' | 'shuffled') => ({
  version: 1,
  title: 'Dying ReLU: one class first',
  task: 'mnist',
  data: { trainSize: 2000, testSize: 500, order, firstClass: 1 },
  runs: RUNS,
});

/** Dead units: the engine counts a unit dead when its output is exactly 0 for every probe example (ReLU only can). */
export function deadUnits(outcome: Outcome, run: string): { final: number; peak: number; peakStep: number } {
  const series = outcome.layerSeries(run, 0);
  const final = series.at(-1)!.stats.deadFraction;
  const top = series.reduce((best, p) => (p.stats.deadFraction > best.stats.deadFraction ? p : best), series[0]);
  return { final, peak: top.stats.deadFraction, peakStep: top.step };
}

/** Most dead units stay dead: at least 80% of the largest dead fraction is still dead at the end. */
export function reluDies(outcome: Outcome, run: string, atLeast: number, context: string): Check[] {
  const dead = deadUnits(outcome, run);
  return [
    check('relu-dies', dead.final >= atLeast, `${context}, ${pct(dead.final)} of the ReLU layer's units are dead after ${outcome.done(run).steps} steps`),
    check(
      'stays-dead',
      dead.peak > 0 && dead.final >= 0.8 * dead.peak,
      `at most ${pct(dead.peak)} were dead (step ${dead.peakStep}), so ${dead.peak > 0 ? pct(Math.min(1, dead.final / dead.peak)) : 'none'} of them stayed dead`,
    ),
  ];
}

/**
 * ELU's outputs lie in (−1, ∞), so a layer mean of m < 0 means at least −m of its outputs are
 * negative: mostly on the flat side, where its slope e^z is small. A mean near −1 means nearly
 * every output sits at −1, stuck like a dead ReLU.
 */
export const eluNegativeShare = (outcome: Outcome, run: string) => Math.max(0, -outcome.layers(run)[0].activationMean);

export const dyingRelu: Lesson = {
  id: 'dying-relu',
  title: 'Dying ReLU units: feeding one class first',
  question: 'Can feeding one class first kill ReLU units, and do leaky ReLU and ELU escape?',
  claimInWords: 'With every epoch starting with the 1s, at a rate that is fine on shuffled data, at least 30% of the ReLU units die and most stay dead; leaky ReLU reaches a test accuracy at least a point above ReLU\'s; ELU\'s outputs sit mostly on its flat negative side and it does not beat leaky ReLU.',
  explanation: [
    'A ReLU outputs max(0, z). If a unit\'s input z is negative for every example, its output is 0 everywhere, its gradient is 0 everywhere, and no update can bring it back through those examples: the unit is dead.',
    `One classic way to kill units is a skewed order of examples. Here every epoch starts with all the 1s: for a few dozen steps every batch says "this is a 1", and at learning rate ${RATE} the first layer learns to fire for 1s only and to stay silent for every other digit. The same net at the same rate on shuffled data keeps all its units (the control).`,
    'A unit counts as dead here when its output is exactly 0 on every one of 256 probe digits. Units dead on the probe can still fire for some other training digit and recover, so the meter can dip, but most stay dead.',
    'Leaky ReLU, max(0.1·z, z), has no flat side: its units always get a gradient and cannot die, and it learns better than ReLU here. ELU, e^z − 1 for z < 0, is never exactly 0, but it flattens out at −1, where its slope e^z is nearly 0: in this run most of its outputs sit on that flat side, and it does not learn better than leaky ReLU. A smooth negative side is not enough; a slope that does not vanish is what keeps units alive.',
  ],
  lookAt: [
    'The dead-unit fraction of hidden layer 1 for the ReLU run: it jumps within the first epoch and stays.',
    'The test accuracy: leaky ReLU above ReLU.',
    'The activation mean of hidden layer 1: ELU\'s is negative, near −1 for many units.',
  ],
  headline: [{ view: 'layer', metric: 'deadFraction', layer: 'first hidden' }, { view: 'metric', kind: 'accuracy' }],
  experiment: doc('one-class-first'),
  claim(outcome) {
    const leaky = outcome.finalLoss('leaky relu');
    const relu = outcome.finalLoss('relu');
    const elu = eluNegativeShare(outcome, 'elu');
    return allOf(
      ...reluDies(outcome, 'relu', 0.3, `${outcome.doc.data.order === 'one-class-first' ? `with the ${outcome.doc.data.firstClass}s fed first` : `with ${outcome.doc.data.order} digits`} at learning rate ${RATE}`),
      check(
        'leaky-learns',
        // On the test digits, by at least a point: the last batches' training losses are within noise
        // of each other on the official test digits (0.288 and 0.287), the accuracies are not.
        outcome.done('leaky relu').testAccuracy >= outcome.done('relu').testAccuracy + 0.01,
        `leaky ReLU ends at a training loss of ${num(leaky)} against ReLU's ${num(relu)} (test accuracy ${pct(outcome.done('leaky relu').testAccuracy)} against ${pct(outcome.done('relu').testAccuracy)})`,
      ),
      check(
        'elu-saturates',
        elu >= 0.5 && outcome.done('elu').testAccuracy <= outcome.done('leaky relu').testAccuracy,
        `ELU's first-layer mean output is ${num(-elu, 2)}: at least ${atLeastPct(elu)} of its outputs are on its flat negative side (test accuracy ${pct(outcome.done('elu').testAccuracy)}, ${outcome.done('elu').testAccuracy <= outcome.done('leaky relu').testAccuracy ? 'no better than' : 'above'} leaky ReLU's)`,
      ),
    );
  },
  controls: [
    {
      id: 'shuffled',
      describe: `The same runs at the same learning rate ${RATE} on shuffled data: without the skewed order no ReLU unit dies.`,
      experiment: doc('shuffled'),
      breaks: ['relu-dies'],
    },
  ],
};
