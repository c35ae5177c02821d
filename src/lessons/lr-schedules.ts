// Learning-rate schedules: a high rate gets down fast but then bounces in a band of SGD noise; a
// low rate is quiet but slow; decaying the rate gets both. The step-decay run is the constant high
// run until its decay (same seed, same batches, same rate): the two curves are one line up to that
// step, so what happens after it is the schedule's doing and nothing else's.
import { allOf, check, num, pct, type Lesson } from './lesson';
import type { Outcome } from './outcome';

const HIGH = 0.3;
const LOW = 0.01;
const STEPS = 600;
const DECAY_AT = 400;
const MODEL = 'INPUT 784, FC-64 RELU HE, FC-10';

const CONSTANT_HIGH = `constant ${HIGH}`;
const CONSTANT_LOW = `constant ${LOW}`;
const STEP = `step decay (${HIGH}, ÷10 at step ${DECAY_AT})`;
const COSINE = `cosine (${HIGH} → 0)`;

/** The decayed runs end with a mean batch loss at most this share of the constant high run's (same batches). */
const STEP_LOWER = 0.85;
const COSINE_LOWER = 0.8;
/** ... and both end with a test loss at most this share of the constant high run's. */
const TEST_LOWER = 0.9;
/** At the decay step the low rate's loss is still at least this many times the high rate's. */
const LOW_SLOWER = 1.2;
/** Steps the claim averages the batch losses over: one batch of 32 is a noisy measurement. */
const WINDOW = 100;

type Schedule = { schedule: 'constant' } | { schedule: 'step'; decayEvery: number; decayFactor: number } | { schedule: 'cosine' };
const run = (name: string, learningRate: number, schedule: Schedule) => ({
  name,
  seed: 3,
  model: MODEL,
  optimizer: { name: 'sgd', learningRate },
  training: { batchSize: 8, steps: STEPS, evalEvery: 50, ...schedule },
});

const doc = (step: Schedule, cosine: Schedule) => ({
  version: 1,
  title: 'Learning-rate schedules',
  task: 'mnist',
  data: { trainSize: 8000, testSize: 500 },
  runs: [run(CONSTANT_HIGH, HIGH, { schedule: 'constant' }), run(CONSTANT_LOW, LOW, { schedule: 'constant' }), run(STEP, HIGH, step), run(COSINE, HIGH, cosine)],
});

/** Mean batch loss over the `WINDOW` steps that end at `step` (1-based, inclusive). */
function meanLossUpTo(outcome: Outcome, run: string, step: number): number {
  const losses = outcome.losses(run).slice(Math.max(0, step - WINDOW), step);
  return losses.reduce((a, b) => a + b, 0) / losses.length;
}

export const lrSchedules: Lesson = {
  id: 'lr-schedules',
  title: 'Learning-rate schedules: constant, step decay, cosine',
  question: 'Why do long trainings lower the learning rate as they go, and what does a schedule change on the loss curve?',
  claimInWords: `Over the last ${WINDOW} steps the step-decay run's batch loss is at most ${STEP_LOWER} times the constant ${HIGH} run's and the cosine run's at most ${COSINE_LOWER} times, and both end with a test loss at most ${TEST_LOWER} times its; at step ${DECAY_AT} the constant ${LOW} run's loss is still at least ${LOW_SLOWER} times the constant ${HIGH} run's.`,
  explanation: [
    `Stochastic gradient descent steps along the gradient of one small batch, not of the whole training set: each step is the true direction plus noise. With a large rate the loss falls fast at first, but then the weights keep being kicked around the bottom of the valley by that noise, and the loss hovers in a band above the minimum. A small rate is quiet but slow: after ${DECAY_AT} steps at ${LOW} the network is still far from where ${HIGH} took it.`,
    `A schedule gets both: a high rate while far from the minimum, a low one near it. Step decay divides the rate by 10 at step ${DECAY_AT}; cosine decay lowers it smoothly along half a cosine, lr·(1 + cos(π·t/T))/2, from ${HIGH} at the first step towards 0 at the last.`,
    `The step-decay run is the constant ${HIGH} run until its decay: the same initial weights, the same batches in the same order, the same rate. Its curve lies exactly on the constant run's up to step ${DECAY_AT}; everything that differs after it is the lower rate's doing. The claim compares the runs on the same batches, so batch-to-batch noise cancels.`,
    `Batches of 8 make the noise large, so the band is wide and the schedule's effect is plain to see; with larger batches the band narrows (the gradient's noise shrinks as one over the square root of the batch size) and the same effect is smaller. Long trainings (ImageNet's 90 epochs with three decays by ten) rely on it.`,
  ],
  lookAt: [
    'The learning-rate chart: the step decay\'s cliff at step 400 and cosine\'s smooth curve.',
    `The loss chart (log axis): the step-decay line leaves the constant ${HIGH} line at step ${DECAY_AT} and drops; cosine ends lowest or close to it; the constant ${LOW} line is slow all along.`,
  ],
  headline: [{ view: 'metric', kind: 'loss', logScale: true }, { view: 'metric', kind: 'learningRate' }],
  experiment: doc({ schedule: 'step', decayEvery: DECAY_AT, decayFactor: 0.1 }, { schedule: 'cosine' }),
  claim(outcome) {
    const end = (name: string) => meanLossUpTo(outcome, name, outcome.losses(name).length);
    const [high, step, cosine] = [end(CONSTANT_HIGH), end(STEP), end(COSINE)];
    const atDecay = (name: string) => meanLossUpTo(outcome, name, DECAY_AT);
    const slowRatio = atDecay(CONSTANT_LOW) / atDecay(CONSTANT_HIGH);
    const testLoss = (name: string) => outcome.evals(name).at(-1)?.testLoss ?? NaN;
    const accuracy = (name: string) => pct(outcome.evals(name).at(-1)?.testAccuracy ?? NaN);
    const testRatio = Math.max(testLoss(STEP), testLoss(COSINE)) / testLoss(CONSTANT_HIGH);
    const tests = [CONSTANT_HIGH, STEP, COSINE, CONSTANT_LOW].map((r) => `${r} ${num(testLoss(r))} (${accuracy(r)})`).join(', ');
    return allOf(
      check('step-lower', step <= STEP_LOWER * high, `over the last ${WINDOW} steps the step-decay run's mean batch loss is ${num(step)} against ${num(high)} at constant ${HIGH} (${pct(step / high)} of it)`),
      check('cosine-lower', cosine <= COSINE_LOWER * high, `the cosine run's is ${num(cosine)} (${pct(cosine / high)})`),
      check('test-lower', testRatio <= TEST_LOWER, `test loss (accuracy) at the end: ${tests}`),
      check('low-is-slow', slowRatio >= LOW_SLOWER, `at step ${DECAY_AT} the constant ${LOW} run's loss is ${num(atDecay(CONSTANT_LOW))}, ${num(slowRatio, 2)} times the constant ${HIGH} run's ${num(atDecay(CONSTANT_HIGH))}`),
    );
  },
  controls: [
    {
      id: 'no-schedules',
      describe: `The step-decay and cosine runs keep the constant rate ${HIGH} (they keep their names): they are the constant ${HIGH} run again, so nothing ends lower.`,
      experiment: doc({ schedule: 'constant' }, { schedule: 'constant' }),
      breaks: ['step-lower', 'cosine-lower', 'test-lower'],
    },
  ],
};
