// Zero-centred inputs: raw pixels are all positive, so the loss surface of the first layer's weights
// has one very steep direction (along the mean input) that caps the learning rate; subtracting the
// mean removes it. Standardising each pixel as well divides almost-constant border pixels by a tiny
// spread, which is what hurts here. The model is linear (softmax regression) so that the curvature
// argument is exact: its Hessian along a unit's weights is a weighted E[x xᵀ].
import { allOf, check, num, pct, type Lesson } from './lesson';
import type { Outcome } from './outcome';

const RATE = 2;
/** The control's rate: small enough that the steep direction never limits the step. */
const SMALL_RATE = 0.05;
const EARLY = 100;
/** Steps averaged for the early loss: one batch of 32 is a noisy measurement. */
const WINDOW = 50;
const CENTRED_FASTER = 0.7;
const STANDARDISED_WORSE = 3;

type Inputs = 'raw' | 'centred' | 'standardised';
const run = (name: string, inputs: Inputs, learningRate: number) => ({
  name,
  seed: 3,
  model: 'INPUT 784, FC-10',
  optimizer: { name: 'sgd', learningRate },
  training: { batchSize: 32, steps: 400, evalEvery: 50, inputs },
});
const doc = (learningRate: number, inputs: [Inputs, Inputs, Inputs] = ['raw', 'centred', 'standardised']) => ({
  version: 1,
  title: 'Zero-centred inputs',
  task: 'mnist',
  data: { trainSize: 2000, testSize: 500 },
  runs: [run('raw pixels', inputs[0], learningRate), run('centred', inputs[1], learningRate), run('standardised per pixel', inputs[2], learningRate)],
});

function meanLoss(outcome: Outcome, run: string, from: number, to: number): number {
  const losses = outcome.losses(run).slice(from, to);
  return losses.reduce((a, b) => a + b, 0) / losses.length;
}

export const zeroCentredInputs: Lesson = {
  id: 'zero-centred-inputs',
  title: 'Zero-centred inputs: why subtract the mean',
  question: 'Why do we subtract the mean from the inputs, and should every pixel also be divided by its spread?',
  claimInWords: `At a learning rate of ${RATE}, the centred run's batch loss over steps ${EARLY - WINDOW + 1}–${EARLY} is at most ${CENTRED_FASTER} times the raw run's; the run standardised per pixel ends with a test loss at least ${STANDARDISED_WORSE} times the centred run's.`,
  explanation: [
    'A pixel is never negative. For one example, the gradient of the loss on a unit\'s incoming weights is that unit\'s error times the input, ∂L/∂wᵢ = δ·xᵢ: with every xᵢ ≥ 0 all of them share the sign of δ, so a step can only raise all the unit\'s weights together or lower them together. Reaching weights where some rise and others fall takes a zig-zag of steps.',
    'The same fact seen as curvature: for this linear model the loss curves along a unit\'s weights as E[x xᵀ] does. With raw pixels that matrix has one huge eigenvalue, along the mean digit: on these 2,000 training digits it is 34.8 (the mean digit\'s squared length is 32.0), against 5.1 for the largest of the centred pixels\' covariance. A gradient step is stable only while the learning rate times the curvature stays below 2, and here the curvature is at most a quarter of that eigenvalue (softmax\'s p(1 − p) ≤ 1/4): at a rate of 2 the raw pixels\' steep direction (2 · 34.8/4 ≈ 17) overshoots again and again, while the centred pixels\' steepest one (2 · 5.1/4 ≈ 2.5 at most, less as the predictions grow confident) barely does. Centring subtracts the training digits\' mean pixel from every input (test digits and drawn digits too, with the same mean).',
    'Standardising divides each centred pixel by its standard deviation as well. That helps when features come in different units (metres and grams in a table), but a border pixel that is almost always 0 has a tiny spread (the smallest here is 0.0006; 163 pixels are 0 on every training digit and are only centred): dividing by it turns the rare training digit with ink there into an input of up to 45, and a test digit that touches such a pixel into one of several hundred (760 at most on these test digits). The weights on those pixels swing wildly, and the test digits that touch them are misread. For images, subtracting the mean is usually all the preprocessing needed; standardising by one spread for the whole image (rather than per pixel) avoids the problem.',
  ],
  lookAt: [
    `The loss chart (log axis): the raw run falls slowly and unevenly for the first ${EARLY} steps while the centred run drops at once; the standardised run\'s test loss (dashed) stays far above both.`,
    'The accuracy chart: the standardised run\'s training accuracy is high while its test accuracy lags.',
  ],
  headline: [{ view: 'metric', kind: 'loss', logScale: true }, { view: 'metric', kind: 'accuracy' }],
  experiment: doc(RATE),
  claim(outcome) {
    const early = (name: string) => meanLoss(outcome, name, EARLY - WINDOW, EARLY);
    const [raw, centred] = [early('raw pixels'), early('centred')];
    const testLoss = (name: string) => outcome.evals(name).at(-1)?.testLoss ?? NaN;
    const accuracy = (name: string) => pct(outcome.evals(name).at(-1)?.testAccuracy ?? NaN);
    const worse = testLoss('standardised per pixel') / testLoss('centred');
    return allOf(
      check('centring-helps', centred <= CENTRED_FASTER * raw, `at lr ${outcome.doc.runs[0].optimizer.learningRate}, over steps ${EARLY - WINDOW + 1}–${EARLY} the mean batch loss is ${num(centred)} centred against ${num(raw)} raw (${pct(centred / raw)} of it)`),
      check(
        'pixels-blow-up',
        worse >= STANDARDISED_WORSE,
        `test loss at the end: ${num(testLoss('standardised per pixel'))} standardised per pixel (${accuracy('standardised per pixel')}), ${num(worse, 2)} times the centred run's ${num(testLoss('centred'))} (${accuracy('centred')}); raw ${num(testLoss('raw pixels'))} (${accuracy('raw pixels')})`,
      ),
    );
  },
  controls: [
    {
      id: 'small-rate',
      describe: `The same three runs at a learning rate of ${SMALL_RATE}: far below the raw pixels' stability limit, the steep direction never bounces and centring gains nothing; the rare pixels' weights grow too slowly to do harm.`,
      experiment: doc(SMALL_RATE),
      breaks: ['centring-helps', 'pixels-blow-up'],
    },
    {
      id: 'all-raw',
      describe: 'All three runs on raw pixels (they keep their names): with the preprocessing removed the runs are one run three times.',
      experiment: doc(RATE, ['raw', 'raw', 'raw']),
      breaks: ['centring-helps', 'pixels-blow-up'],
    },
  ],
};
