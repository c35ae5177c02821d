import type { Lesson } from './lesson';

const THRESHOLD = 0.4;
const OPTIMIZERS = [
  ['sgd', { name: 'sgd', learningRate: 0.05 }],
  ['momentum', { name: 'momentum', learningRate: 0.05, momentum: 0.9 }],
  ['nesterov', { name: 'nesterov', learningRate: 0.05, momentum: 0.9 }],
  ['adagrad', { name: 'adagrad', learningRate: 0.05 }],
  ['rmsprop', { name: 'rmsprop', learningRate: 0.001 }],
  ['adam', { name: 'adam', learningRate: 0.001 }],
] as const;

export const optimizers: Lesson = {
  id: 'optimizers',
  title: 'Optimizers side by side',
  explanation: [
    'Six optimizers train the same network from the same initial weights on the same batches; only the update rule differs.',
    'SGD steps against the gradient. Momentum accumulates a velocity, Nesterov evaluates the gradient a step ahead. AdaGrad divides each weight\'s step by the root of its summed squared gradients, so rarely-updated weights keep larger steps (but its steps only ever shrink). RMSProp uses a moving average of squared gradients instead, and Adam adds momentum to RMSProp with bias correction.',
    'Each has its own sensible learning rate (adaptive methods use much smaller ones), so compare them at typical settings, not at one shared rate.',
  ],
  lookAt: ['The loss curves on a log axis: how many steps each needs to reach the same loss.'],
  experiment: {
    version: 1,
    title: 'Optimizers side by side',
    task: 'mnist',
    data: { trainSize: 3000, testSize: 500 },
    runs: OPTIMIZERS.map(([name, optimizer]) => ({
      name,
      seed: 12,
      model: 'INPUT 784, FC-64 RELU HE, FC-10',
      optimizer,
      training: { batchSize: 32, steps: 300, evalEvery: 100 },
    })),
  },
  claim(outcome) {
    const reach = (r: string) => outcome.stepsToLoss(r, THRESHOLD, 20) ?? Infinity;
    const ranked = OPTIMIZERS.map(([name]) => ({ name, steps: reach(name) })).sort((a, b) => a.steps - b.steps);
    const sgd = reach('sgd');
    const others = ranked.filter((r) => r.name !== 'sgd');
    return {
      held: ranked.every((r) => Number.isFinite(r.steps)) && others.every((r) => r.steps < sgd),
      detail:
        `steps to a training loss of ${THRESHOLD}, fastest first: ` +
        ranked.map((r) => `${r.name} ${Number.isFinite(r.steps) ? r.steps : `not within ${outcome.done(r.name).steps}`}`).join(', '),
    };
  },
};
