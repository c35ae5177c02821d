import { pct, type Lesson } from './lesson';

const run = (name: string, model: string) => ({
  name,
  seed: 4,
  model,
  optimizer: { name: 'adam', learningRate: 0.05 },
  training: { batchSize: 4, steps: 600, evalEvery: 50 },
});

export const xorHiddenLayer: Lesson = {
  id: 'xor-hidden-layer',
  title: 'XOR needs a hidden layer',
  explanation: [
    'XOR is 1 when exactly one input is 1. No single straight line separates (0,1) and (1,0) from (0,0) and (1,1), and a perceptron (inputs straight to one output) can only draw a straight line: at best it gets 3 of the 4 points right.',
    'One hidden layer bends the boundary: each hidden unit draws a line, and the output combines them. Four tanh units are plenty.',
  ],
  lookAt: ['The loss curves: the perceptron levels off, the hidden-layer net goes to zero.', 'The decision boundaries: a straight edge versus a band around the diagonal.'],
  experiment: {
    version: 1,
    title: 'XOR needs a hidden layer',
    task: 'xor',
    data: { xorPoints: 'table' },
    runs: [run('perceptron', 'INPUT 2, FC-1 SIGMOID'), run('one hidden layer', 'INPUT 2, FC-4 TANH, FC-1 SIGMOID')],
  },
  claim(outcome) {
    const perceptron = outcome.done('perceptron').testAccuracy;
    const hidden = outcome.done('one hidden layer').testAccuracy;
    return {
      held: perceptron <= 0.75 && hidden === 1,
      detail: `the perceptron classifies ${pct(perceptron)} of the XOR table correctly (at most 75% is possible); one hidden layer of 4 tanh units reaches ${pct(hidden)}`,
    };
  },
};
