import { num, type Lesson, type Outcome } from './lesson';

const STEPS = 400;
const THRESHOLD = 0.8;
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
  lookAt: ['The loss curves: β = 0.9 drops first; β = 0.99999 falls, climbs back and swings.'],
  experiment: {
    version: 1,
    title: 'Momentum',
    task: 'mnist',
    data: { trainSize: 2000, testSize: 500 },
    runs: [run('beta 0', 0), run('beta 0.9', 0.9), run('beta 0.99999', 0.99999)],
  },
  claim(outcome) {
    const reach = (r: string) => outcome.stepsToLoss(r, THRESHOLD, 20) ?? Infinity;
    const final = (r: string) => outcome.finalLoss(r, 50);
    const swing = largestRebound(smoothed(outcome, 'beta 0.99999'));
    const calm = largestRebound(smoothed(outcome, 'beta 0.9'));
    const steps = (n: number) => (Number.isFinite(n) ? `${n} steps` : `more than ${STEPS} steps`);
    return {
      held: reach('beta 0.9') < reach('beta 0') && final('beta 0.99999') > 2 * final('beta 0.9') && swing > 0.3 && calm < 0.15,
      detail:
        `to reach a loss of ${THRESHOLD}, β 0.9 needed ${steps(reach('beta 0.9'))} and β 0 ${steps(reach('beta 0'))}; ` +
        `β 0.99999 climbed back ${(100 * swing).toFixed(0)}% above its lowest loss (β 0.9: ${(100 * calm).toFixed(0)}%) ` +
        `and ended at ${num(final('beta 0.99999'))} against ${num(final('beta 0.9'))} for β 0.9`,
    };
  },
};
