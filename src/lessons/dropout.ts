import { allOf, check, type Lesson } from './lesson';
import { num, stepsText, trainTestGap, type Outcome } from './outcome';

const THRESHOLD = 0.1;
const STEPS = 600;
/** The dropout run's generalisation gap must be at most this fraction of the other's. */
const GAP_MARGIN = 0.9;
const PLAIN = 'INPUT 784, FC-256 RELU HE, FC-10';
// Dropout on the pixels as well as on the hidden layer (as Hinton et al. trained MNIST): on 1,000
// digits the hidden-layer dropout alone still lets the net memorise them.
const DROPPED = 'INPUT 784, DROPOUT0.2, FC-256 RELU HE, DROPOUT0.5, FC-10';
const WITH = 'dropout 0.2 / 0.5';
const WITHOUT = 'no dropout';

const run = (name: string, model: string) => ({
  name,
  seed: 11,
  model,
  optimizer: { name: 'momentum', learningRate: 0.01, momentum: 0.9 },
  training: { batchSize: 32, steps: STEPS, evalEvery: 100 },
});
const doc = (dropped: string) => ({
  version: 1,
  title: 'Dropout',
  task: 'mnist',
  data: { trainSize: 1000, testSize: 1000 },
  runs: [run(WITHOUT, PLAIN), run(WITH, dropped)],
});

const kernels = (outcome: Outcome, r: string) => outcome.timings(r).at(-1)?.kernelsPerInference ?? NaN;
const ms = (x: number) => `${num(x, 2)} ms`;

export const dropout: Lesson = {
  id: 'dropout',
  title: 'Dropout: slower training, free inference',
  question: 'What does dropout cost in training, what does it buy, and what does it cost at inference?',
  claimInWords: 'The dropout net needs more than 1.2 times the steps to reach a training loss of 0.1, ends with a test-minus-training gap at most 90% of the plain net\'s, and its inference pass dispatches exactly the plain net\'s kernels; measured milliseconds per step and per inference are reported, not judged.',
  explanation: [
    'Dropout switches each unit off with probability p at every training step, so each step trains a different thinned network. No unit can rely on particular others, which reduces overfitting: the gap between test loss and training loss narrows. Here 20% of the pixels and 50% of the 256 hidden units are dropped, on only 1,000 training digits, where a plain net memorises its training set.',
    'The price is noisier updates: training needs more steps to reach the same training loss, often about twice as many.',
    'At inference dropout is off, so it costs nothing there: the inference pass of the dropout net runs exactly the kernels of the plain net. Inverted dropout makes that possible: during training the kept activations are scaled by 1/(1 − p), so their expected value is the same as at inference and no rescaling is needed afterwards. In training, drawing the masks adds a little work per step.',
    'The milliseconds per training step and per inference batch are measured and shown for both runs; on a shared machine they vary from run to run by more than dropout changes them, so the verdict rests on what does not vary: the steps and the kernels.',
  ],
  lookAt: [
    'The training loss: the dropout run descends more slowly.',
    'Test loss minus training-set loss at the end: smaller with dropout.',
    'Time per training step and per inference batch for both runs.',
  ],
  fullVersion: 'With more steps the no-dropout net keeps driving its training loss to 0 while its test loss rises; the dropout net\'s test loss stays lower.',
  headline: [{ view: 'metric', kind: 'gap' }, { view: 'metric', kind: 'loss' }],
  experiment: doc(DROPPED),
  claim(outcome) {
    const reach = (r: string) => outcome.stepsToLoss(r, THRESHOLD, 20);
    // A run that never reaches the threshold needed more than all its steps: the ratio is then a lower bound.
    const ratio = (reach(WITH) ?? STEPS) / (reach(WITHOUT) ?? Infinity);
    const ratioText = `${reach(WITH) === null ? 'more than ' : ''}${num(ratio, 2)}x`;
    const gap = (r: string) => trainTestGap(outcome, r);
    const timing = (r: string) => `${ms(outcome.done(r).msPerStep)} per training step and ${ms(outcome.done(r).msPerInference)} per inference batch`;
    return allOf(
      check(
        'slower',
        // 1.2x: on the official test digits the dropout run had not reached it after 600 steps against 488.
        reach(WITHOUT) !== null && ratio > 1.2,
        `to reach a training loss of ${THRESHOLD} the dropout run needed ${stepsText(reach(WITH), STEPS)} against ${stepsText(reach(WITHOUT), STEPS)} (${ratioText})`,
      ),
      check('narrower-gap', gap(WITH) < GAP_MARGIN * gap(WITHOUT), `test minus training-set loss at the end: ${num(gap(WITH))} with dropout, ${num(gap(WITHOUT))} without`),
      check(
        'free-inference',
        kernels(outcome, WITH) === kernels(outcome, WITHOUT),
        `an inference pass dispatches ${kernels(outcome, WITH)} kernels with dropout and ${kernels(outcome, WITHOUT)} without (dropout is off there); ` +
          `measured medians: ${timing(WITH)} with dropout, ${timing(WITHOUT)} without`,
      ),
    );
  },
  controls: [
    {
      id: 'no-dropout',
      describe: 'The dropout run without its dropout layers (it keeps its name): it is the plain net, and trains and generalises exactly like it.',
      experiment: doc(PLAIN),
      breaks: ['slower', 'narrower-gap'],
    },
  ],
};
