import { pct, type Lesson } from './lesson';

const run = (name: string, activation: string) => ({
  name,
  seed: 9,
  model: `INPUT 784, FC-64 ${activation} HE, FC-10`,
  optimizer: { name: 'sgd', learningRate: 1 },
  training: { batchSize: 32, steps: 300, evalEvery: 50 },
});

export const dyingRelu: Lesson = {
  id: 'dying-relu',
  title: 'Dying ReLU units',
  explanation: [
    'A ReLU outputs max(0, z). If a unit\'s input z is negative for every example, its output is 0 everywhere, its gradient is 0 everywhere, and no update can ever bring it back: the unit is dead.',
    'Two classic ways to kill them: a learning rate that is too high (one large step pushes the weights and bias far negative), and a skewed order of examples — here every epoch starts with all the 1s, so the first updates drive the units to fire only for 1s and go silent for everything else.',
    'Leaky ReLU (max(αz, z)) and ELU keep a small slope for negative inputs, so their units always get some gradient and cannot die.',
  ],
  lookAt: ['The dead-unit fraction of hidden layer 1 for each run.', 'The ReLU run\'s loss, stuck once most of its units are gone.'],
  experiment: {
    version: 1,
    title: 'Dying ReLU',
    task: 'mnist',
    data: { trainSize: 2000, testSize: 500, order: 'one-class-first', firstClass: 1 },
    runs: [run('relu', 'RELU'), run('leaky relu', 'LRELU0.1'), run('elu', 'ELU')],
  },
  claim(outcome) {
    const dead = (r: string, step?: number) => outcome.layers(r, step)[0].deadFraction;
    const relu = dead('relu');
    const reluEarlier = dead('relu', 100);
    return {
      held: relu > 0.5 && relu >= reluEarlier && dead('leaky relu') < 0.05 && dead('elu') < 0.05,
      detail:
        `with the 1s fed first and learning rate 1, ${pct(relu)} of the ReLU layer's units are dead after ${outcome.done('relu').steps} steps ` +
        `(${pct(reluEarlier)} at step 100: none came back); leaky ReLU has ${pct(dead('leaky relu'))} dead, ELU ${pct(dead('elu'))}`,
    };
  },
};
