import type { InitializerSpec, LayerSpec, ModelSpec } from '../core/layers';
import { allOf, check, type Lesson } from './lesson';
import { pct, type Outcome } from './outcome';

const DEPTH = 6;
/**
 * The moving averages that inference uses follow each batch's statistics with this momentum. The
 * documented default, 0.99, averages over about 100 steps and lags the weights for a few hundred:
 * in a 200-step lesson the test curves would sit at chance while the training loss falls.
 */
const BN_MOMENTUM = 0.9;
const SCALES: [string, InitializerSpec][] = [
  ['N(0, 0.01)', { name: 'normal', stddev: 0.01 }],
  ['Xavier', { name: 'glorot-normal' }],
  ['N(0, 1)', { name: 'normal', stddev: 1 }],
];
const BAD = ['N(0, 0.01)', 'N(0, 1)'];

/** The layer list (batch norm's momentum has no notation word): DEPTH tanh layers of 32, each normalised before its tanh when asked. */
function deep(init: InitializerSpec, withBatchNorm: boolean): ModelSpec {
  const layers: LayerSpec[] = [];
  for (let i = 0; i < DEPTH; i++) {
    layers.push({ type: 'dense', units: 32, activation: 'tanh', kernelInit: init, biasInit: { name: 'zeros' } });
    if (withBatchNorm) layers.push({ type: 'batchnorm', momentum: BN_MOMENTUM, epsilon: 1e-3 });
  }
  layers.push({ type: 'dense', units: 10, activation: 'softmax', kernelInit: { name: 'glorot-uniform' }, biasInit: { name: 'zeros' } });
  return { input: [784], layers };
}
const name = (scale: string, bn: boolean) => `${bn ? 'batch norm' : 'plain'}, ${scale}`;
const doc = (withBatchNorm: boolean) => ({
  version: 1,
  title: 'Batch normalization across initialization scales',
  task: 'mnist',
  data: { trainSize: 2000, testSize: 500 },
  runs: SCALES.flatMap(([scale, init]) =>
    [false, true].map((bn) => ({
      name: name(scale, bn),
      seed: 13,
      model: deep(init, bn && withBatchNorm),
      optimizer: { name: 'sgd', learningRate: 0.1 },
      training: { batchSize: 32, steps: 200, evalEvery: 50 },
    })),
  ),
});

const acc = (outcome: Outcome, run: string) => outcome.done(run).testAccuracy;
const range = (values: number[]) => Math.max(...values) - Math.min(...values);
const points = (x: number) => `${(100 * x).toFixed(1)} points`;

export const batchnorm: Lesson = {
  id: 'batchnorm',
  title: 'Batch normalization: training that depends less on the initialization',
  question: 'Does batch normalization make training depend less on the initialization?',
  claimInWords: 'At the too-small and too-large scales the batch-norm net\'s test accuracy beats the plain net\'s by at least 20 points, and across the three scales its accuracy spans less than half the plain nets\' range.',
  explanation: [
    'Batch normalization standardises each unit\'s pre-activation over the mini-batch, x̂ = (x − mean)/√(variance + ε), then scales and shifts it with two learned numbers, y = γ·x̂ + β. Whatever the scale of the weights before it, the layer\'s activation function receives inputs of a steady scale.',
    'Here six tanh layers of 32 units start from three initialization scales: N(0, 0.01) (too small: the signal vanishes layer by layer and the plain net cannot start), Xavier (suited to tanh), and N(0, 1) (too large: every tanh saturates at ±1). Each plain net has a twin whose layers are batch-normalised before their tanh. With batch norm the too-small and the too-large nets train too; without it only Xavier does. Batch norm does not make the scale irrelevant: the gradient of a normalised layer shrinks as its weights grow, so the N(0, 1) twin learns more slowly.',
    `At inference the batch statistics are replaced by moving averages of them, updated at every step with momentum ${BN_MOMENTUM} (average ← ${BN_MOMENTUM}·average + ${(1 - BN_MOMENTUM).toFixed(1)}·batch). With the usual 0.99 these averages lag the changing weights by a few hundred steps, and the test accuracy of a short run stays near chance long after the training loss has fallen.`,
  ],
  lookAt: [
    'Test accuracy: the three batch-norm runs end close together; the plain N(0, 0.01) and N(0, 1) runs stay near chance.',
    'The per-layer gradient norms: without batch norm, N(0, 0.01) leaves the first layers with almost no gradient.',
  ],
  headline: [{ view: 'layer', metric: 'gradNorm' }, { view: 'metric', kind: 'loss' }],
  experiment: doc(true),
  claim(outcome) {
    const margins = BAD.map((s) => acc(outcome, name(s, true)) - acc(outcome, name(s, false)));
    const withBn = SCALES.map(([s]) => acc(outcome, name(s, true)));
    const without = SCALES.map(([s]) => acc(outcome, name(s, false)));
    const list = (values: number[]) => SCALES.map(([s], i) => `${s} ${pct(values[i])}`).join(', ');
    return allOf(
      check(
        'rescues-bad-scales',
        margins.every((m) => m >= 0.2),
        `after ${outcome.done(name('Xavier', true)).steps} steps, test accuracy with batch norm: ${list(withBn)}; without: ${list(without)}`,
      ),
      check(
        'less-dependent',
        range(withBn) < 0.5 * range(without),
        `across the three scales the test accuracy spans ${points(range(withBn))} with batch norm and ${points(range(without))} without`,
      ),
    );
  },
  controls: [
    {
      id: 'no-batch-norm',
      describe: 'The batch-norm twins without their batch-norm layers (they keep their names): each twin is the plain net again, so nothing is rescued.',
      experiment: doc(false),
      breaks: ['rescues-bad-scales', 'less-dependent'],
    },
  ],
};
