import { optimizerSchema } from '../core/experiment-schema';
import { settleStep, type ValleySpec } from '../core/valley';
import { allOf, check, type Check, type Lesson } from './lesson';
import { pct, type Outcome } from './outcome';

const THRESHOLD = 0.4;
/** The valley settles when its loss stays within this fraction of the start's. */
const SETTLED = 1e-3;
const OPTIMIZERS = [
  ['sgd', { name: 'sgd', learningRate: 0.05 }],
  ['momentum', { name: 'momentum', learningRate: 0.05, momentum: 0.9 }],
  ['nesterov', { name: 'nesterov', learningRate: 0.05, momentum: 0.9 }],
  ['adagrad', { name: 'adagrad', learningRate: 0.05 }],
  ['rmsprop', { name: 'rmsprop', learningRate: 0.001 }],
  ['adam', { name: 'adam', learningRate: 0.001 }],
] as const;

/**
 * The momentum lesson's valley (walls 100 times as curved as the floor, turned 30°), with rates
 * suited to it: the SGD family shares 0.012 (at 0.018 Nesterov with β 0.9 diverges here: its
 * stable limit is lr·100 < 2(1 + β)/(1 + 2β) ≈ 1.36), the adaptive methods take their own.
 */
const VALLEY_RATES = { sgd: 0.012, momentum: 0.012, nesterov: 0.012, adagrad: 1, rmsprop: 0.05, adam: 0.2 } as const;
type Optimizers = readonly (readonly [keyof typeof VALLEY_RATES, object])[];
const valley = (optimizers: Optimizers, rates: Record<string, number>): ValleySpec => ({
  curvatures: [1, 100],
  angleDegrees: 30,
  start: [-3.76, -1.48],
  steps: 200,
  // The schema fills each optimizer's documented defaults (epsilon, decay rates, ...).
  paths: optimizers.map(([name, optimizer]) => ({ name, optimizer: optimizerSchema.parse({ ...optimizer, learningRate: rates[name] }) })),
});
const VALLEY = valley(OPTIMIZERS, VALLEY_RATES);
/** The control: every optimizer replaced by plain SGD at SGD's rate. */
const ALL_SGD: Optimizers = OPTIMIZERS.map(([name]) => [name, OPTIMIZERS[0][1]] as const);
const SGD_RATES = Object.fromEntries(OPTIMIZERS.map(([name]) => [name, VALLEY_RATES.sgd]));
const doc = (optimizers: Optimizers) => ({
  version: 1,
  title: 'Optimizers side by side',
  task: 'mnist',
  data: { trainSize: 3000, testSize: 500 },
  runs: optimizers.map(([name, optimizer]) => ({
    name,
    seed: 12,
    model: 'INPUT 784, FC-64 RELU HE, FC-10',
    optimizer,
    training: { batchSize: 32, steps: 300, evalEvery: 100 },
  })),
});

export const optimizers: Lesson = {
  id: 'optimizers',
  title: 'Optimizers side by side',
  question: 'How do SGD, momentum, Nesterov, AdaGrad, RMSProp and Adam compare from the same start?',
  claimInWords: 'Every optimizer reaches a training loss of 0.4, and each one before plain SGD; on the valley momentum and Nesterov settle before SGD.',
  explanation: [
    'Six optimizers train the same network from the same initial weights on the same batches; only the update rule differs.',
    'SGD steps against the gradient. Momentum accumulates a velocity, Nesterov evaluates the gradient a step ahead. AdaGrad divides each weight\'s step by the root of its summed squared gradients, so rarely-updated weights keep larger steps (but its steps only ever shrink). RMSProp uses a moving average of squared gradients instead, and Adam adds momentum to RMSProp with bias correction.',
    'Each has its own sensible learning rate (adaptive methods use much smaller ones), so compare them at typical settings, not at one shared rate. On the two-parameter valley it is the other way round: the step of an adaptive method is about its rate whatever the size of the gradient, so there AdaGrad, RMSProp and Adam take rates of 0.05 to 1 while the SGD family shares 0.012.',
  ],
  lookAt: [
    'The loss curves on a log axis: how many steps each needs to reach the same loss.',
    'The valley: SGD drops to the floor and then crawls along it, since the floor is 100 times flatter than the walls; momentum and Nesterov gather speed along the floor (Nesterov swings less); AdaGrad and RMSProp scale each coordinate\'s step by its own gradient history, so their first steps are about their rate in every direction, and RMSProp ends jittering around the minimum at a distance set by its rate; Adam curves in with momentum of its own.',
  ],
  headline: [{ view: 'metric', kind: 'loss', logScale: true }, { view: 'metric', kind: 'accuracy' }],
  experiment: doc(OPTIMIZERS),
  valley: VALLEY,
  claim(outcome) {
    const reach = (r: string) => outcome.stepsToLoss(r, THRESHOLD, 20) ?? Infinity;
    const ranked = OPTIMIZERS.map(([name]) => ({ name, steps: reach(name) })).sort((a, b) => a.steps - b.steps);
    const sgd = reach('sgd');
    const others = ranked.filter((r) => r.name !== 'sgd');
    return allOf(
      check(
        'faster-than-sgd',
        ranked.every((r) => Number.isFinite(r.steps)) && others.every((r) => r.steps < sgd),
        `steps to a training loss of ${THRESHOLD}, fastest first: ` +
          ranked.map((r) => `${r.name} ${Number.isFinite(r.steps) ? r.steps : `not within ${outcome.done(r.name).steps}`}`).join(', '),
      ),
      valleyCheck(outcome),
    );
  },
  controls: [
    {
      id: 'all-sgd',
      describe: 'Every run, and every path on the valley, uses plain SGD at SGD\'s rate (they keep their names): no optimizer can beat SGD, since they all are SGD.',
      experiment: doc(ALL_SGD),
      valley: valley(ALL_SGD, SGD_RATES),
      breaks: ['faster-than-sgd', 'valley-momentum'],
    },
  ],
};

/** On the valley: momentum and Nesterov settle, and before plain SGD does. */
function valleyCheck(outcome: Outcome): Check {
  const settle = (name: string) => settleStep(outcome.valleyPath(name), SETTLED) ?? Infinity;
  const ranked = OPTIMIZERS.map(([name]) => ({ name, steps: settle(name) })).sort((a, b) => a.steps - b.steps);
  const sgd = settle('sgd');
  return check(
    'valley-momentum',
    ['momentum', 'nesterov'].every((name) => Number.isFinite(settle(name)) && settle(name) < sgd),
    `On the valley, steps until the loss stays within ${pct(SETTLED)} of its start: ` +
      ranked.map((r) => `${r.name} ${Number.isFinite(r.steps) ? r.steps : `not within ${VALLEY.steps}`}`).join(', '),
  );
}
