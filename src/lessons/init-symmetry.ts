import { allOf, check, num, type Lesson } from './lesson';

const run = (name: string, model: string) => ({
  name,
  seed: 2,
  model,
  optimizer: { name: 'sgd', learningRate: 0.1 },
  training: { batchSize: 32, steps: 300, evalEvery: 50 },
});

/** [hidden, output] initializers of the ReLU run and of the sigmoid run. */
const doc = (relu: [string, string], sigmoid: [string, string]) => ({
  version: 1,
  title: 'Initialization and symmetry',
  task: 'mnist',
  data: { trainSize: 2000, testSize: 500 },
  runs: [
    run('zeros, relu', `INPUT 784, FC-64 RELU ${relu[0]}, FC-10${relu[1] ? ` ${relu[1]}` : ''}`),
    run('constant 0.05, sigmoid', `INPUT 784, FC-64 SIGMOID ${sigmoid[0]}, FC-10 ${sigmoid[1]}`),
    run('he, relu', 'INPUT 784, FC-64 RELU HE, FC-10'),
  ],
});

export const initSymmetry: Lesson = {
  id: 'init-symmetry',
  title: 'Initialization and symmetry: why weights must not all start equal',
  question: 'What happens when every weight of a layer starts at the same value?',
  claimInWords: 'With equal initial weights every unit of hidden layer 1 stays a copy of the others (one distinct unit), and with all-zero ReLU weights the loss does not move; from He\'s random weights all 64 units differ and the loss falls below half its start.',
  explanation: [
    'If every weight of a layer starts at the same value, every unit of that layer computes the same output, receives the same gradient and takes the same update. They stay copies of each other forever: the layer behaves like a single unit, however wide it is.',
    'With ReLU and all-zero weights it is worse: every hidden output is 0, so no gradient reaches the weights at all and the loss cannot move. With sigmoid and constant weights the net does learn a little, through the one effective unit, but the copies never separate.',
    'Random initialization breaks the symmetry: the units start different, get different gradients and learn different features. Biases may start at zero.',
  ],
  lookAt: ['The "distinct units" meter of hidden layer 1.', 'The loss of the all-zero ReLU run: flat.'],
  headline: [{ view: 'meter', metric: 'distinctUnits', layer: 'first hidden' }, { view: 'metric', kind: 'loss' }],
  experiment: doc(['ZEROS', 'ZEROS'], ['CONST0.05', 'CONST0.05']),
  claim(outcome) {
    const distinct = (run: string) => outcome.layers(run)[0].distinctUnits;
    const losses = outcome.losses('zeros, relu');
    const zeroMoved = Math.abs(losses[0] - outcome.finalLoss('zeros, relu'));
    return allOf(
      check(
        'copies',
        distinct('zeros, relu') === 1 && distinct('constant 0.05, sigmoid') === 1,
        `after ${outcome.done('he, relu').steps} steps hidden layer 1 has ${distinct('zeros, relu')} distinct unit${distinct('zeros, relu') === 1 ? '' : 's'} with zero init (ReLU) and ${distinct('constant 0.05, sigmoid')} with constant init (sigmoid)`,
      ),
      check('random-distinct', distinct('he, relu') === 64, `${distinct('he, relu')} of 64 with He init`),
      check('zero-relu-flat', zeroMoved < 0.01 * losses[0], `the all-zero ReLU loss moved by ${num(zeroMoved)} from ${num(losses[0])}`),
      check('random-learns', outcome.finalLoss('he, relu') < 0.5 * losses[0], `the He run's fell to ${num(outcome.finalLoss('he, relu'))}`),
    );
  },
  controls: [
    {
      id: 'random-init',
      describe: 'The two equal-weight runs start from random weights instead (the ReLU run becomes the He run, the sigmoid run starts from Xavier weights; they keep their names): the symmetry is broken and nothing stays a copy.',
      experiment: doc(['HE', ''], ['XAVIER', 'XAVIER']),
      breaks: ['copies', 'zero-relu-flat'],
    },
  ],
};
