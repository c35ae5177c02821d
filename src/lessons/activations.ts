import { allOf, check, num, type Lesson } from './lesson';

const DEPTH = 6;
const run = (name: string, activation: string, depth = DEPTH) => ({
  name,
  seed: 10,
  model: `INPUT 784, ${Array(depth).fill(`FC-32 ${activation}`).join(', ')}, FC-10`,
  optimizer: { name: 'sgd', learningRate: 0.05 },
  training: { batchSize: 32, steps: 200, evalEvery: 100 },
});

const RUNS = ['sigmoid', 'tanh', 'relu', 'leaky relu', 'elu'] as const;
const doc = (depth: number) => ({
  version: 1,
  title: 'Activation functions in a deep net',
  task: 'mnist',
  data: { trainSize: 2000, testSize: 500 },
  runs: [run('sigmoid', 'SIGMOID', depth), run('tanh', 'TANH', depth), run('relu', 'RELU HE', depth), run('leaky relu', 'LRELU HE', depth), run('elu', 'ELU HE', depth)],
});

export const activations: Lesson = {
  id: 'activations',
  title: 'Activation functions and vanishing gradients',
  question: 'Why do deep nets use the ReLU family in their hidden layers and not the sigmoid?',
  claimInWords: 'In a six-layer sigmoid net the first layer\'s gradient is below 1% of the output layer\'s, while ReLU, leaky ReLU and ELU nets keep more than half of it.',
  explanation: [
    'Where each activation belongs: softmax (or the logistic sigmoid for one unit) at the output, to turn scores into probabilities; tanh for outputs in [−1, 1]; the ReLU family (ReLU, leaky ReLU, ELU) in hidden layers.',
    'Why not sigmoid in hidden layers: its slope is at most 1/4, and backpropagation multiplies one such factor per layer. Through six sigmoid layers the gradient reaching the first layer shrinks by orders of magnitude, so the early layers barely move: the gradients vanish.',
    'ReLU passes gradients through unchanged wherever a unit is active (slope 1), so deep ReLU nets keep gradients of similar size in every layer. Leaky ReLU and ELU do the same and also keep a slope for negative inputs.',
  ],
  lookAt: ['The per-layer gradient norm chart (log axis): the sigmoid run fans out over orders of magnitude, the others stay together.'],
  headline: [{ view: 'layer', metric: 'gradNorm', logScale: true }, { view: 'metric', kind: 'loss' }],
  experiment: doc(DEPTH),
  claim(outcome) {
    // First hidden layer's gradient norm over the output layer's, at the end of training.
    const ratio = (r: string) => {
      const layers = outcome.layers(r);
      return layers[0].gradNorm / layers[layers.length - 1].gradNorm;
    };
    const reluFamily = ['relu', 'leaky relu', 'elu'];
    return allOf(
      check(
        'sigmoid-vanishes',
        ratio('sigmoid') < 0.01,
        `first-layer gradient norm as a fraction of the output layer's after ${outcome.done('relu').steps} steps: ` + RUNS.map((r) => `${r} ${num(ratio(r), 2)}`).join(', '),
      ),
      check(
        'relu-family-keeps',
        reluFamily.every((r) => ratio(r) > 0.5),
        `the ReLU family keeps more than half of it; test accuracy: sigmoid ${num(outcome.done('sigmoid').testAccuracy, 2)}, relu ${num(outcome.done('relu').testAccuracy, 2)}`,
      ),
    );
  },
  controls: [
    {
      id: 'shallow-sigmoid',
      describe: 'The sigmoid run with one hidden layer instead of six (it keeps its name): one factor of at most 1/4 instead of six, and the first layer keeps its gradient.',
      experiment: { ...doc(DEPTH), runs: doc(DEPTH).runs.map((r) => (r.name === 'sigmoid' ? run('sigmoid', 'SIGMOID', 1) : r)) },
      breaks: ['sigmoid-vanishes'],
    },
  ],
};
