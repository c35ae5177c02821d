import { overshoots, settleStep, type ValleySpec } from '../core/valley';
import { num, pct, type Lesson, type Outcome } from './lesson';

const STEPS = 400;
const THRESHOLD = 0.8;
/** The valley settles when its loss stays within this fraction of the start's. */
const SETTLED = 1e-3;
const BETAS = [0, 0.9, 0.99999] as const;

/**
 * Condition number 100, turned 30°: with this rate plain gradient descent bounces across the valley
 * (1 − lr·100 = −0.8 per step) and crawls along it (1 − lr·1 = 0.982 per step).
 */
const VALLEY: ValleySpec = {
  curvatures: [1, 100],
  angleDegrees: 30,
  start: [-3.76, -1.48],
  steps: 200,
  paths: BETAS.map((m) => ({ name: `beta ${m}`, optimizer: { name: 'momentum', learningRate: 0.018, momentum: m } })),
};

const run = (name: string, momentum: number) => ({
  name,
  seed: 8,
  model: 'INPUT 784, FC-64 RELU HE, FC-10',
  optimizer: { name: 'momentum', learningRate: 0.01, momentum },
  training: { batchSize: 32, steps: STEPS, evalEvery: 50 },
});

/** Mean loss over consecutive windows: the curve without the batch-to-batch noise. */
function smoothed(outcome: Outcome, run: string, window = 20): number[] {
  const losses = outcome.losses(run);
  const out: number[] = [];
  for (let i = 0; i + window <= losses.length; i += window) out.push(losses.slice(i, i + window).reduce((a, b) => a + b, 0) / window);
  return out;
}

/** The largest climb of the smoothed loss above its lowest point so far, relative to that point. */
export function largestRebound(curve: number[]): number {
  let lowest = Infinity;
  let rebound = 0;
  for (const v of curve) {
    lowest = Math.min(lowest, v);
    rebound = Math.max(rebound, (v - lowest) / lowest);
  }
  return rebound;
}

export const momentum: Lesson = {
  id: 'momentum',
  title: 'Momentum, and momentum too close to 1',
  explanation: [
    'Momentum keeps a velocity: v ← β·v + g, and steps w ← w − lr·v. Along a direction where the gradient keeps its sign, the velocity grows to g/(1 − β): with β = 0.9 the steps become ten times those of plain gradient descent, so it goes downhill much faster and averages out the zig-zag across narrow valleys.',
    'With β too close to 1 (0.99999) the velocity almost never decays: the optimizer builds up so much speed that it overshoots the minimum, swings back, overshoots again, and converges far later than with β = 0.9.',
    'Nesterov momentum evaluates the gradient where the velocity is about to carry the weights, which damps the overshoot.',
  ],
  lookAt: [
    'The loss curves: β = 0.9 drops first; β = 0.99999 falls, climbs back and swings.',
    'The valley: a two-parameter loss whose steep walls are 100 times as curved as its floor. Plain gradient descent bounces from wall to wall and crawls along the floor; β = 0.9 averages the bouncing away and rolls down the floor; β = 0.99999 rolls past the minimum and keeps swinging.',
  ],
  experiment: {
    version: 1,
    title: 'Momentum',
    task: 'mnist',
    data: { trainSize: 2000, testSize: 500 },
    runs: BETAS.map((m) => run(`beta ${m}`, m)),
  },
  valley: VALLEY,
  claim(outcome) {
    const reach = (r: string) => outcome.stepsToLoss(r, THRESHOLD, 20) ?? Infinity;
    const final = (r: string) => outcome.finalLoss(r, 50);
    const swing = largestRebound(smoothed(outcome, 'beta 0.99999'));
    const calm = largestRebound(smoothed(outcome, 'beta 0.9'));
    const steps = (n: number) => (Number.isFinite(n) ? `${n} steps` : `more than ${STEPS} steps`);
    const valley = valleyFindings(outcome);
    return {
      held:
        reach('beta 0.9') < reach('beta 0') && final('beta 0.99999') > 2 * final('beta 0.9') && swing > 0.3 && calm < 0.15 && valley.held,
      detail:
        `to reach a loss of ${THRESHOLD}, β 0.9 needed ${steps(reach('beta 0.9'))} and β 0 ${steps(reach('beta 0'))}; ` +
        `β 0.99999 climbed back ${(100 * swing).toFixed(0)}% above its lowest loss (β 0.9: ${(100 * calm).toFixed(0)}%) ` +
        `and ended at ${num(final('beta 0.99999'))} against ${num(final('beta 0.9'))} for β 0.9. ${valley.detail}`,
    };
  },
};

/** On the valley: β 0.9 settles before β 0; β 0.99999 overshoots the minimum again and again and never settles. */
function valleyFindings(outcome: Outcome): { held: boolean; detail: string } {
  const path = (m: number) => outcome.valleyPath(`beta ${m}`);
  const settle = (m: number) => settleStep(path(m), SETTLED) ?? Infinity;
  const steps = (n: number) => (Number.isFinite(n) ? `${n} steps` : `not within ${VALLEY.steps} steps`);
  const swinging = path(0.99999);
  const left = swinging.losses.at(-1)! / swinging.losses[0];
  const passes = overshoots(VALLEY, swinging);
  return {
    held: settle(0.9) < settle(0) && !Number.isFinite(settle(0.99999)) && left > 0.1 && passes >= 3,
    detail:
      `On the valley, the loss settled within ${pct(SETTLED)} of its start in ${steps(settle(0.9))} with β 0.9 and ${steps(settle(0))} with β 0; ` +
      `β 0.99999 rolled past the minimum ${passes} times and after ${VALLEY.steps} steps still had ${pct(left)} of its starting loss`,
  };
}
