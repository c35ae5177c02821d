import { num, pct, type Lesson } from './lesson';

const DEPTH = 6;
const deep = (withBatchNorm: boolean) =>
  `INPUT 784, ${Array(DEPTH).fill(withBatchNorm ? 'FC-32 SIGMOID, BN' : 'FC-32 SIGMOID').join(', ')}, FC-10`;
const run = (name: string, withBatchNorm: boolean) => ({
  name,
  seed: 13,
  model: deep(withBatchNorm),
  optimizer: { name: 'sgd', learningRate: 0.1 },
  training: { batchSize: 32, steps: 300, evalEvery: 100 },
});

export const batchnorm: Lesson = {
  id: 'batchnorm',
  title: 'Batch normalization',
  explanation: [
    'Batch normalization standardises each unit\'s pre-activation over the mini-batch, x̂ = (x − mean) / √(variance + ε), then scales and shifts it with two learned numbers, y = γ·x̂ + β. At inference it uses running averages of the mean and variance instead of the batch\'s.',
    'Every layer then receives inputs of a steady scale, whatever the layers before it did: a deep sigmoid net stops saturating, gradients reach the early layers, and training goes much faster and depends far less on the initialization.',
    'Here both nets have six sigmoid hidden layers; in one, each layer\'s pre-activations are batch-normalised (BN written after an FC layer normalises it before its activation).',
  ],
  lookAt: ['The loss curves: without batch norm the deep sigmoid net hardly moves.', 'The per-layer gradient norms: with batch norm the first layers get gradients too.'],
  experiment: {
    version: 1,
    title: 'Batch normalization in a deep sigmoid net',
    task: 'mnist',
    data: { trainSize: 3000, testSize: 500 },
    runs: [run('no batch norm', false), run('batch norm', true)],
  },
  claim(outcome) {
    const plain = outcome.finalLoss('no batch norm');
    const normed = outcome.finalLoss('batch norm');
    const accPlain = outcome.done('no batch norm').testAccuracy;
    const accNormed = outcome.done('batch norm').testAccuracy;
    return {
      held: normed < 0.5 * plain && accNormed > accPlain + 0.2,
      detail:
        `after ${outcome.done('batch norm').steps} steps the ${DEPTH}-layer sigmoid net reaches a training loss of ${num(normed)} with batch norm ` +
        `and ${num(plain)} without; test accuracy ${pct(accNormed)} against ${pct(accPlain)}`,
    };
  },
};
