// The claim is pure numbers; the check itself needs tfjs and is loaded only when the compute step
// runs, so that the app's main bundle (which lists the lessons) stays free of tfjs.
import type { GradientCheck } from '../core/gradient-check';
import { relativeError } from '../core/relative-error';
import { allOf, check, type Lesson } from './lesson';
import type { Outcome } from './outcome';

/** A numerical derivative "agrees" within this relative error; "off" beyond the kink threshold. */
const AGREES = 1e-3;
const OFF = 1e-2;
/** Step sizes where float32's rounding of the loss is still small (the smooth net stays within 1% there). */
const LARGE_H = 1e-4;

const SMOOTH = 'INPUT 28x28x1, CONV3-4 TANH, CONV3-4 TANH S2, FC-10';
// Biases start at 0.01, not 0: MNIST's background pixels are 0, so with zero biases every ReLU input
// there would sit exactly on the kink before any step, and every h would cross it.
const KINKED = 'INPUT 28x28x1, CONV3-4 RELU BIAS-CONST0.01, POOL2, FC-10';

const run = (name: string, model: string, loss: 'softmax-cross-entropy' | 'hinge') => ({
  name,
  seed: 3,
  model,
  optimizer: { name: 'sgd', learningRate: 0.05 },
  training: { batchSize: 32, steps: 50, evalEvery: 50, loss },
});
const doc = (kinked: ReturnType<typeof run>) => ({
  version: 1,
  title: 'Gradient checking',
  task: 'mnist',
  data: { trainSize: 200, testSize: 100 },
  runs: [run('smooth: tanh, cross-entropy', SMOOTH, 'softmax-cross-entropy'), kinked],
});
const SMOOTH_RUN = 'smooth: tanh, cross-entropy';
const KINKED_RUN = 'kinks: relu, max-pool, hinge';

function checksOf(outcome: Outcome, run: string): GradientCheck {
  const all = outcome.computed as GradientCheck[] | null;
  const found = all?.find((c) => c.run === run);
  if (!found) throw new Error(`no gradient check for run ${JSON.stringify(run)} (the lesson's compute step has not run)`);
  return found;
}

const best = (errors: number[]) => Math.min(...errors);
const sci = (x: number) => x.toExponential(1);

export const gradientChecking: Lesson = {
  id: 'gradient-checking',
  title: 'Gradient checking: autodiff against finite differences',
  question: 'How do you know a network\'s gradients are right, and where does the check itself go wrong?',
  claimInWords: 'In float32, the smooth net\'s centred differences agree with autodiff to a relative error below 1e-3 at their best h, the one-sided ones do at least 3 times worse, and at h = 1e-7 the error is at least 10 times its best; in the net with kinks, checks whose x ± h crossed a kink are off by more than 1% at least 30% of the time, those that crossed none at most 10%.',
  explanation: [
    'Backpropagation computes every gradient exactly, if it is implemented right. To test an implementation, nudge one weight by a small h and watch the loss: the centred difference (f(x + h) − f(x − h))/2h and the one-sided difference (f(x + h) − f(x))/h both approach the derivative as h shrinks. Their relative error |a − n|/(|a| + |n|) against the analytic gradient a should be tiny.',
    'The centred difference is much closer: its error falls as h², the one-sided one only as h. But h cannot shrink for ever: in float32 the loss is known to about 1e-7 of itself, and that rounding is divided by h, so below some h the error rises again. Here every table runs from h = 0.1 to 1e-7 and shows both effects: a V-shaped error, lowest near h = 0.01 for the centred difference.',
    'Kinks break the check. ReLU has a corner at 0, max-pooling switches when another value in the window takes over, and the hinge loss has a corner where a margin reaches 0. If x − h and x + h lie on different sides of a corner, the difference quotient mixes two slopes and can be far from either. A check marked as crossing a kink is one where the pattern of ReLU signs, pooling winners or active hinge margins changed between x − h, x and x + h.',
    'Both networks are checked at their initial weights, on 4 training digits; the 4 weights with the largest gradients of every kernel and bias are nudged.',
  ],
  lookAt: [
    'The error-against-h plot (log–log): the V of the smooth net, the centred line below the one-sided line, and the rise at small h.',
    'The table of the kinked net: at large h most of its first-layer checks cross a kink and are off by more than 1%.',
  ],
  experiment: doc(run(KINKED_RUN, KINKED, 'hinge')),
  headline: [{ view: 'gradientCheck' }],
  compute: async (d, dataset) => (await import('./gradient-checking-compute')).computeGradientChecks(d, dataset),
  claim(outcome) {
    const smooth = checksOf(outcome, SMOOTH_RUN);
    const kinked = checksOf(outcome, KINKED_RUN);
    const smallest = smooth.hs.length - 1;
    const agrees = smooth.layers.every((l) => best(l.centredError) < AGREES);
    const oneSidedWorse = smooth.layers.every((l) => best(l.oneSidedError) > 3 * best(l.centredError));
    const rounding = smooth.layers.every((l) => l.centredError[smallest] > 10 * best(l.centredError));
    // Every (weight, h) of the kinked net at the larger h: off by more than 1%, crossing a kink or not.
    const pairs = kinked.layers.flatMap((l) =>
      l.entries.flatMap((e) => kinked.hs.flatMap((h, j) => (h >= LARGE_H ? [{ crossed: e.crossed[j], error: relativeError([e.analytic], [e.centred[j]]) }] : []))),
    );
    const crossed = pairs.filter((p) => p.crossed);
    const clean = pairs.filter((p) => !p.crossed);
    const offShare = (ps: typeof pairs) => (ps.length ? ps.filter((p) => p.error > OFF).length / ps.length : NaN);
    const kinks = crossed.length > 0 && clean.length > 0 && offShare(crossed) >= 0.3 && offShare(clean) <= 0.1;
    const layerText = (g: GradientCheck, pick: 'centredError' | 'oneSidedError') => g.layers.map((l) => `${l.label} ${sci(best(l[pick]))}`).join(', ');
    return allOf(
      check('agrees', agrees, `in float32 on ${smooth.backend}, the smooth net's centred differences agree with autodiff to a best relative error of ${layerText(smooth, 'centredError')}`),
      check('one-sided-worse', oneSidedWorse, `the one-sided difference does no better than ${layerText(smooth, 'oneSidedError')}`),
      check(
        'float32-limit',
        rounding,
        `at h = ${smooth.hs[smallest]} float32's rounding takes over: the centred error rises to ${smooth.layers.map((l) => sci(l.centredError[smallest])).join(', ')}`,
      ),
      check(
        'kinks',
        kinks,
        `in the net with kinks, for h from ${kinked.hs[0]} to ${LARGE_H}, ${crossed.length} of ${pairs.length} checks crossed a kink, and ` +
          `${Number.isFinite(offShare(crossed)) ? `${Math.round(100 * offShare(crossed))}%` : 'none'} of those were off by more than 1% against ` +
          `${Number.isFinite(offShare(clean)) ? `${Math.round(100 * offShare(clean))}%` : 'none'} of those that crossed none`,
      ),
    );
  },
  controls: [
    {
      id: 'no-kinks',
      describe: 'The second net made smooth as well (tanh instead of ReLU, a stride-2 convolution instead of max-pooling, cross-entropy instead of the hinge loss; the run keeps its name): no check can cross a kink.',
      experiment: doc(run(KINKED_RUN, 'INPUT 28x28x1, CONV3-4 TANH BIAS-CONST0.01, CONV3-4 TANH S2, FC-10', 'softmax-cross-entropy')),
      breaks: ['kinks'],
    },
  ],
};
