import { allOf, check, num, pct, type Lesson, type Outcome } from './lesson';

const HIDDEN = 5;
const deep = (activation: string, init: string) => `INPUT 784, ${Array(HIDDEN).fill(`FC-64 ${activation} ${init}`).join(', ')}, FC-10`;
const RUNS = [
  ['tanh, N(0, 0.01)', 'TANH', 'NORMAL0.01'],
  ['tanh, Xavier', 'TANH', 'XAVIER'],
  ['tanh, N(0, 1)', 'TANH', 'NORMAL1'],
  ['relu, He', 'RELU', 'HE'],
  ['relu, Xavier', 'RELU', 'XAVIER'],
  ['relu, N(0, 0.01)', 'RELU', 'NORMAL0.01'],
] as const;

const doc = (runs: readonly (readonly [string, string, string])[]) => ({
  version: 1,
  title: 'Initialization scale',
  task: 'mnist',
  data: { trainSize: 2000, testSize: 500 },
  runs: runs.map(([name, activation, init]) => ({
    name,
    seed: 14,
    model: deep(activation, init),
    optimizer: { name: 'sgd', learningRate: 0.05 },
    training: { batchSize: 32, steps: 200, evalEvery: 100 },
  })),
});

/** At the initial weights (step 0): what the initializer alone does. */
const atStart = (outcome: Outcome, run: string) => outcome.layers(run, 0);
const hiddenStd = (outcome: Outcome, run: string) => atStart(outcome, run).slice(0, HIDDEN).map((l) => l.activationStd);
/** How much of the first hidden layer's activation spread survives to the last hidden layer. */
const kept = (outcome: Outcome, run: string) => {
  const std = hiddenStd(outcome, run);
  return std[HIDDEN - 1] / std[0];
};
const firstGrad = (outcome: Outcome, run: string) => atStart(outcome, run)[0].gradNorm;

export const initScale: Lesson = {
  id: 'init-scale',
  title: 'Initialization scale: vanishing, exploding, and the right variance',
  question: 'How large should the initial weights be, and why does the answer depend on the activation?',
  claimInWords: 'At the initial weights, N(0, 0.01) makes the first layer\'s gradient a thousand times smaller than Xavier\'s (tanh) or He\'s (ReLU); N(0, 1) saturates every tanh layer; Xavier keeps the activations\' spread through five tanh layers and He through five ReLU layers, while Xavier with ReLU loses it; the suited pairs learn.',
  explanation: [
    'Each layer multiplies its input by its weights. If the weights are too small, the signal shrinks at every layer: the activations of deep layers are nearly zero, and so are the gradients that flow back to the first layers (vanishing). If they are too large, the signal grows until tanh or sigmoid units saturate at ±1, where their slope is zero (or, without saturation, explodes).',
    'The cure is to choose the variance so that the signal keeps its scale from layer to layer. Xavier (Glorot) initialization, variance 2/(fan_in + fan_out) or 1/fan_in, suits tanh and sigmoid. ReLU zeroes half of its inputs, so it needs twice the variance: He initialization, variance 2/fan_in.',
    'All runs here have five hidden layers of 64 units; only the activation and the initial weights differ.',
  ],
  lookAt: ['The per-layer activation statistics at step 0 (activation spread per layer).', 'The per-layer gradient norm chart on a log axis.'],
  headline: [{ view: 'layer', metric: 'gradNorm', logScale: true }, { view: 'layer', metric: 'activationStd' }],
  experiment: doc(RUNS),
  claim(outcome) {
    const vanishing =
      firstGrad(outcome, 'tanh, N(0, 0.01)') < 1e-3 * firstGrad(outcome, 'tanh, Xavier') &&
      firstGrad(outcome, 'relu, N(0, 0.01)') < 1e-3 * firstGrad(outcome, 'relu, He');
    const saturated = hiddenStd(outcome, 'tanh, N(0, 1)').every((s) => s > 0.9);
    const suited = kept(outcome, 'tanh, Xavier') > 0.5 && kept(outcome, 'relu, He') > 0.7 && kept(outcome, 'relu, Xavier') < 0.5;
    const learns = outcome.done('tanh, Xavier').testAccuracy > 0.8 && outcome.done('relu, He').testAccuracy > 0.8;
    return allOf(
      check(
        'vanishing',
        vanishing,
        `at the initial weights, N(0, 0.01) gives a first-layer gradient ${num(firstGrad(outcome, 'tanh, N(0, 0.01)'), 2)} against Xavier's ${num(firstGrad(outcome, 'tanh, Xavier'), 2)} (tanh) ` +
          `and ${num(firstGrad(outcome, 'relu, N(0, 0.01)'), 2)} against He's ${num(firstGrad(outcome, 'relu, He'), 2)} (ReLU)`,
      ),
      check('saturated', saturated, `N(0, 1) saturates tanh (activation spread ${hiddenStd(outcome, 'tanh, N(0, 1)').map((s) => num(s, 2)).join(', ')} in the hidden layers)`),
      check(
        'suited',
        suited,
        `from the first to the fifth hidden layer the spread keeps ${pct(kept(outcome, 'tanh, Xavier'))} with Xavier + tanh, ${pct(kept(outcome, 'relu, He'))} with He + ReLU, ` +
          `but ${pct(kept(outcome, 'relu, Xavier'))} with Xavier + ReLU`,
      ),
      check(
        'suited-learn',
        learns,
        `test accuracy: Xavier + tanh ${pct(outcome.done('tanh, Xavier').testAccuracy)}, He + ReLU ${pct(outcome.done('relu, He').testAccuracy)}, N(0, 0.01) + tanh ${pct(outcome.done('tanh, N(0, 0.01)').testAccuracy)}`,
      ),
    );
  },
  controls: [
    {
      id: 'suited-scales',
      describe: 'Every run starts from the initialization suited to its activation (Xavier for tanh, He for ReLU; the runs keep their names): nothing vanishes, nothing saturates.',
      experiment: doc(RUNS.map(([name, activation]) => [name, activation, activation === 'TANH' ? 'XAVIER' : 'HE'] as const)),
      breaks: ['vanishing', 'saturated', 'suited'],
    },
  ],
};
