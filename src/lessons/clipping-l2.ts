import { allOf, check, num, pct, type Lesson, type Outcome } from './lesson';
import { trainTestGap } from './outcome';

const FAST = 'INPUT 784, FC-64 LRELU0.1 HE, FC-10';
const WIDE = 'INPUT 784, FC-256 RELU HE, FC-10';
const sgd30 = { name: 'sgd', learningRate: 30 };
const momentum = { name: 'momentum', learningRate: 0.01, momentum: 0.9 };

const gap = trainTestGap;
const firstLayerNorm = (outcome: Outcome, run: string) => outcome.layers(run)[0].weightNorm;

/** The L2 run's gap must be this fraction of the other's or less: a narrowing, not a rounding difference. */
const GAP_MARGIN = 0.9;
const doc = (clipNorm: number | null, l2: number) => ({
  version: 1,
  title: 'Gradient clipping and L2',
  task: 'mnist',
  data: { trainSize: 1000, testSize: 1000 },
  runs: [
    { name: 'lr 30, no clipping', seed: 15, model: FAST, optimizer: sgd30, training: { steps: 300, batchSize: 32, evalEvery: 100 } },
    { name: 'lr 30, clipped to 0.01', seed: 15, model: FAST, optimizer: sgd30, training: { steps: 300, batchSize: 32, evalEvery: 100, clipNorm } },
    { name: 'no L2', seed: 15, model: WIDE, optimizer: momentum, training: { steps: 600, batchSize: 32, evalEvery: 100 } },
    { name: 'L2 0.003', seed: 15, model: WIDE, optimizer: momentum, training: { steps: 600, batchSize: 32, evalEvery: 100, l2 } },
  ],
});

export const clippingL2: Lesson = {
  id: 'clipping-l2',
  title: 'Gradient clipping and L2 weight decay',
  question: 'What do gradient clipping and L2 weight decay each do?',
  claimInWords: 'At learning rate 30 the unclipped run diverges while the run clipped to a gradient norm of 0.01 learns past 80%; L2 0.003 ends with a smaller first-layer weight norm and a test-minus-training gap at most 90% of the plain run\'s.',
  explanation: [
    'Gradient clipping caps the length of the update: when the gradient\'s global norm ‖g‖ exceeds a threshold c, every gradient is scaled by c/‖g‖. One huge gradient can no longer throw the weights so far that the loss overflows. Here the learning rate is absurdly large (30); with the gradient norm clipped to 0.01, no step moves the weights by more than 0.3, and the same net trains.',
    'L2 weight decay adds λ·Σw² to the loss, so every step also pulls each weight towards zero in proportion to its size. The network prefers many small weights to a few large ones, fits the training set a little less exactly, and generalises a little better: the weights\' norm shrinks and the gap between test and training loss narrows.',
  ],
  lookAt: ['The diverged run, and the clipped run\'s descending loss.', 'Weight norm per layer, and test loss against training-set loss, with and without L2.'],
  headline: [{ view: 'metric', kind: 'gap' }, { view: 'layer', metric: 'weightNorm' }],
  experiment: doc(0.01, 0.003),
  claim(outcome) {
    const exploded = outcome.diverged('lr 30, no clipping');
    const clipped = outcome.done('lr 30, clipped to 0.01');
    return allOf(
      check(
        'clipping-tames',
        exploded !== null && !clipped.diverged && clipped.testAccuracy > 0.8,
        `at learning rate 30 the unclipped run ${exploded === null ? 'did not diverge' : `diverged at step ${exploded}`}, ${clipped.diverged ? `the clipped one diverged too, at step ${clipped.steps}` : `the clipped one reached ${pct(clipped.testAccuracy)} test accuracy`}`,
      ),
      check(
        'l2-shrinks',
        firstLayerNorm(outcome, 'L2 0.003') < firstLayerNorm(outcome, 'no L2') && gap(outcome, 'L2 0.003') < GAP_MARGIN * gap(outcome, 'no L2'),
        `L2 0.003 ends with a first-layer weight norm of ${num(firstLayerNorm(outcome, 'L2 0.003'))} against ${num(firstLayerNorm(outcome, 'no L2'))} ` +
          `and a test-minus-training loss gap of ${num(gap(outcome, 'L2 0.003'))} against ${num(gap(outcome, 'no L2'))}`,
      ),
    );
  },
  controls: [
    {
      id: 'no-clipping-no-l2',
      describe: 'The clipped run without clipping and the L2 run without L2 (they keep their names): each is its unregularised twin again.',
      experiment: doc(null, 0),
      breaks: ['clipping-tames', 'l2-shrinks'],
    },
  ],
};
