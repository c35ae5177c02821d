import type { TimingEvent } from '../core/events';
import { num, type Lesson, type Outcome } from './lesson';

const THRESHOLD = 0.1;
const run = (name: string, model: string) => ({
  name,
  seed: 11,
  model,
  optimizer: { name: 'momentum', learningRate: 0.01, momentum: 0.9 },
  training: { batchSize: 32, steps: 800, evalEvery: 100 },
});

const lastOf = <T>(items: readonly T[]): T => items[items.length - 1];
const gap = (outcome: Outcome, r: string) => {
  const e = lastOf(outcome.evals(r));
  return e.testLoss - e.trainSetLoss;
};
const timings = (outcome: Outcome, r: string) => outcome.events.filter((e): e is TimingEvent => e.type === 'timing' && e.run === r);

export const dropout: Lesson = {
  id: 'dropout',
  title: 'Dropout: slower training, free inference',
  explanation: [
    'Dropout switches each unit off with probability p at every training step, so each step trains a different thinned network. No unit can rely on particular others, which reduces overfitting: the gap between training and test loss narrows.',
    'The price is noisier updates: training needs more steps to reach the same training loss, often about twice as many.',
    'At inference dropout is off and costs nothing. Inverted dropout makes that possible: during training the kept activations are scaled by 1/(1 − p), so their expected value is the same as at inference and no rescaling is needed afterwards.',
  ],
  lookAt: [
    'The training loss: the dropout run descends more slowly.',
    'Test loss minus training-set loss at the end: smaller with dropout.',
    'Time per training step and per inference batch for both runs.',
  ],
  fullVersion: 'With more steps the no-dropout net keeps driving its training loss to 0 while its test loss rises; the dropout net\'s test loss stays lower.',
  experiment: {
    version: 1,
    title: 'Dropout',
    task: 'mnist',
    data: { trainSize: 1000, testSize: 1000 },
    runs: [run('no dropout', 'INPUT 784, FC-256 RELU HE, FC-10'), run('dropout 0.5', 'INPUT 784, FC-256 RELU HE, DROPOUT0.5, FC-10')],
  },
  claim(outcome) {
    const reach = (r: string) => outcome.stepsToLoss(r, THRESHOLD, 20) ?? Infinity;
    const kernels = (r: string) => lastOf(timings(outcome, r)).kernelsPerInference;
    const ratio = reach('dropout 0.5') / reach('no dropout');
    return {
      held: ratio > 1.3 && gap(outcome, 'dropout 0.5') < gap(outcome, 'no dropout') && kernels('dropout 0.5') === kernels('no dropout'),
      detail:
        `to reach a training loss of ${THRESHOLD} the dropout run needed ${reach('dropout 0.5')} steps against ${reach('no dropout')} (${num(ratio, 2)}x); ` +
        `test minus training-set loss at the end: ${num(gap(outcome, 'dropout 0.5'))} with dropout, ${num(gap(outcome, 'no dropout'))} without; ` +
        `an inference pass dispatches ${kernels('dropout 0.5')} kernels with dropout and ${kernels('no dropout')} without (dropout is off there)`,
    };
  },
};
