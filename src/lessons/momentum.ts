import { overshoots, settleStep, type ValleySpec } from '../core/valley';
import { allOf, check, type Check, type Lesson } from './lesson';
import { gainAfter, measureMomentum } from './momentum-velocity';
import { largestRebound, num, pct, stepsText, swings, windowMeans, type Outcome } from './outcome';

const STEPS = 400;
const THRESHOLD = 0.8;
/** The valley settles when its loss stays within this fraction of the start's. */
const SETTLED = 1e-3;
const BETAS = [0, 0.9, 0.99999] as const;
const SWINGING = 'beta 0.99999';

/**
 * Condition number 100, turned 30°: with this rate plain gradient descent bounces across the valley
 * (1 − lr·100 = −0.8 per step) and crawls along it (1 − lr·1 = 0.982 per step).
 */
const valley = (betas: readonly number[]): ValleySpec => ({
  curvatures: [1, 100],
  angleDegrees: 30,
  start: [-3.76, -1.48],
  steps: 200,
  paths: betas.map((m, i) => ({ name: `beta ${BETAS[i]}`, optimizer: { name: 'momentum', learningRate: 0.018, momentum: m } })),
});
const VALLEY = valley(BETAS);

const run = (name: string, momentum: number) => ({
  name,
  seed: 8,
  model: 'INPUT 784, FC-64 RELU HE, FC-10',
  optimizer: { name: 'momentum', learningRate: 0.01, momentum },
  training: { batchSize: 32, steps: STEPS, evalEvery: 50 },
});
/** Runs named by the lesson's β (a control may train another β under the same name). */
const doc = (betas: readonly number[]) => ({
  version: 1,
  title: 'Momentum',
  task: 'mnist',
  data: { trainSize: 2000, testSize: 500 },
  runs: betas.map((m, i) => run(`beta ${BETAS[i]}`, m)),
});

export const momentum: Lesson = {
  id: 'momentum',
  title: 'Momentum, and momentum too close to 1',
  question: 'What does momentum buy, and what goes wrong when β is too close to 1?',
  claimInWords: 'β 0.9 reaches a training loss of 0.8 before plain SGD; β 0.99999 climbs back above its lowest loss and comes down again (oscillation, not divergence) and ends far above β 0.9; on the valley β 0.9 settles first while β 0.99999 keeps passing the minimum; the engine\'s steps obey v ← β·v + g, whose terminal velocity on a steady gradient is 1/(1 − β) times the gradient.',
  explanation: [
    'Momentum keeps a velocity: v ← β·v + g, and steps w ← w − lr·v. Along a direction where the gradient keeps its sign, the velocity grows to g/(1 − β): with β = 0.9 the steps become ten times those of plain gradient descent, so it goes downhill much faster and averages out the zig-zag across narrow valleys.',
    'With β too close to 1 (0.99999) the velocity almost never decays: the optimizer builds up so much speed that it overshoots the minimum, swings back, overshoots again, and converges far later than with β = 0.9. Its loss climbs and comes down again, several times: it oscillates, which is not the same as diverging (a diverging loss climbs and never comes back).',
    'The lesson reads the velocity back from the valley paths: the step the engine took, divided by the learning rate, is the velocity, and the valley\'s formula gives the gradient at every point. The steps obey v ← β·v + g with the β that was set, so on a steady slope the step grows as 1, 1.9, 2.7, … times lr·g, to 6.5 times after 10 steps and 10 times in the end at β 0.9. On this valley the floor\'s slope changes too fast for the velocity to get there: it turns first.',
    'Nesterov momentum evaluates the gradient where the velocity is about to carry the weights, which damps the overshoot.',
  ],
  lookAt: [
    'The loss curves: β = 0.9 drops first; β = 0.99999 falls, climbs back and swings.',
    'The valley: a two-parameter loss whose steep walls are 100 times as curved as its floor. Plain gradient descent bounces from wall to wall and crawls along the floor; β = 0.9 averages the bouncing away and rolls down the floor; β = 0.99999 rolls past the minimum and keeps swinging.',
  ],
  experiment: doc(BETAS),
  valley: VALLEY,
  claim(outcome) {
    const reach = (r: string) => outcome.stepsToLoss(r, THRESHOLD, 20);
    const final = (r: string) => outcome.finalLoss(r, 50);
    const curve = (r: string) => windowMeans(outcome.losses(r), 20);
    const swing = largestRebound(curve(SWINGING));
    const calm = largestRebound(curve('beta 0.9'));
    const passes = swings(curve(SWINGING), 0.1);
    const diverged = outcome.diverged(SWINGING);
    return allOf(
      check(
        'faster',
        (reach('beta 0.9') ?? Infinity) < (reach('beta 0') ?? Infinity),
        `to reach a loss of ${THRESHOLD}, β 0.9 needed ${stepsText(reach('beta 0.9'), STEPS)} and β 0 ${stepsText(reach('beta 0'), STEPS)}`,
      ),
      check(
        'overshoots',
        // β 0.9's batch losses wobble too (16% on the official test digits): the swing must be three times that.
        diverged === null && swing > 0.3 && swing > 3 * calm && passes >= 2 && final(SWINGING) > 2 * final('beta 0.9'),
        `β 0.99999 climbed back ${(100 * swing).toFixed(0)}% above its lowest loss (β 0.9: ${(100 * calm).toFixed(0)}%) and came down again ${passes} times ` +
          `(${diverged !== null ? `it diverged at step ${diverged}` : passes >= 2 ? 'it oscillates; it did not diverge' : 'it does not oscillate'}), ending at ${num(final(SWINGING))} against ${num(final('beta 0.9'))} for β 0.9`,
      ),
      ...valleyChecks(outcome),
    );
  },
  controls: [
    {
      id: 'beta-0.9',
      describe: 'β 0.9 in place of 0.99999, on MNIST and on the valley (the run keeps its name "beta 0.99999"): no overshooting, no swinging.',
      experiment: doc([0, 0.9, 0.9]),
      valley: valley([0, 0.9, 0.9]),
      breaks: ['overshoots', 'valley-swings'],
    },
  ],
};

/**
 * On the valley: β 0.9 settles before β 0; β 0.99999 overshoots the minimum again and again and
 * never settles; and the steps the engine took obey v ← β·v + g, whose terminal velocity is g/(1 − β).
 */
function valleyChecks(outcome: Outcome): Check[] {
  const spec = outcome.valley!.spec;
  const path = (name: string) => outcome.valleyPath(name);
  const settle = (name: string) => settleStep(path(name), SETTLED);
  const swinging = path(SWINGING);
  const left = swinging.losses.at(-1)! / swinging.losses[0];
  const passes = overshoots(spec, swinging);
  const measured = spec.paths.map((p) => ({ p, m: measureMomentum(spec, path(p.name), p.optimizer.learningRate) }));
  const betaOf = (p: (typeof measured)[number]['p']) => (p.optimizer.name === 'momentum' ? p.optimizer.momentum : NaN);
  const rule = measured.every(({ p, m }) => Math.abs(m.beta - betaOf(p)) < 1e-3 && m.residual < 1e-3);
  const nine = measured.find(({ p }) => betaOf(p) === 0.9);
  return [
    check('valley-settles', (settle('beta 0.9') ?? Infinity) < (settle('beta 0') ?? Infinity), `On the valley, the loss settled within ${pct(SETTLED)} of its start in ${stepsText(settle('beta 0.9'), spec.steps)} with β 0.9 and ${stepsText(settle('beta 0'), spec.steps)} with β 0`),
    check(
      'valley-swings',
      settle(SWINGING) === null && left > 0.1 && passes >= 3,
      `β 0.99999 rolled past the minimum ${passes} times and after ${spec.steps} steps still had ${pct(left)} of its starting loss`,
    ),
    check(
      'terminal-velocity',
      rule && nine !== undefined,
      `the engine's steps on the valley fit v ← β·v + g with β = ${measured.map(({ m }) => m.beta.toFixed(5)).join(', ')} ` +
        `(largest misfit ${num(Math.max(...measured.map(({ m }) => m.residual)), 1)} of the gradient), so along a steady gradient the step approaches lr/(1 − β)·g: ` +
        (nine ? `${num(nine.m.terminalGain)} times lr·g at β 0.9 (${num(gainAfter(nine.m.beta, 10), 2)} times after 10 steps, ${num(gainAfter(nine.m.beta, 50), 3)} after 50)` : 'no β 0.9 path'),
    ),
  ];
}
