import type { LandscapeSpec } from '../core/landscape-spec';
import { LANDSCAPE_DEFAULTS } from '../core/landscape-spec';
import { lineAt, lineBarrier, meanRise } from '../core/landscape-measures';
import { allOf, check, type Lesson } from './lesson';
import { num } from './outcome';

const NARROW = 16;
const WIDE = 128;
const RUNS = ['narrow', 'wide'] as const;
/** The line must end below this fraction of where it starts: training took the loss down. */
const FALLS_TO = 0.5;
/** A climb on the way of more than this fraction of the starting loss counts as a barrier. */
const BARRIER = 0.01;
/** The narrow net's basin must rise at least this many times as steeply as the wide net's. */
const STEEPER = 2;

const LANDSCAPE: LandscapeSpec = { ...LANDSCAPE_DEFAULTS, runs: [...RUNS], resolution: 21, examples: 128 };

const run = (name: string, units: number, learningRate: number) => ({
  name,
  seed: 13,
  model: `INPUT 784, FC-${units} RELU HE, FC-10`,
  optimizer: { name: 'sgd', learningRate },
  // An evaluation every 25 steps: each is a point of the training path on the slice.
  training: { batchSize: 32, steps: 300, evalEvery: 25 },
});
const doc = (units: [number, number], learningRate = 0.1) => ({
  version: 1,
  title: 'The loss landscape of a narrow and a wide network',
  task: 'mnist',
  data: { trainSize: 2000, testSize: 500 },
  runs: RUNS.map((name, i) => run(name, units[i], learningRate)),
});

export const lossLandscape: Lesson = {
  id: 'loss-landscape',
  title: 'The loss landscape: the way down, and how wide the valley is',
  question: 'What does the loss look like around the weights training found, and does a wider network sit in a wider basin?',
  claimInWords: `On the straight line from the initial to the trained weights the loss of both nets falls to less than half, with no barrier on the way; and on a slice along two filter-normalised random directions the narrow net's basin rises at least ${STEEPER} times as steeply as the wide net's.`,
  explanation: [
    'A network with 12,730 weights has a loss at every point of a 12,730-dimensional space; no one can draw that. Two low-dimensional cuts through it can be drawn. The line: the loss at θ(t) = θ0 + t·(θ1 − θ0), from the initial weights θ0 (t = 0) to the trained ones θ1 (t = 1) and a little beyond both. Goodfellow and colleagues (2015) found that for many networks this line simply falls, without a hill to climb on the way.',
    'The slice: the loss at θ1 + α·d1 + β·d2 for α and β from −1 to 1, where d1 and d2 are random directions. Each direction is filter-normalised (Li and colleagues, 2018): every unit\'s incoming weights in it are scaled to the length of that unit\'s weights in θ1, so a step of 1 changes every unit by as much as it weighs, whatever the scale of its layer. Without that, a net with small weights would look sharp only because its weights are small. Biases get no part of a direction.',
    `Here a narrow net (one hidden layer of ${NARROW} ReLU units) and a wide one (${WIDE} units) train the same way on the same batches. In the wide net each output sums many units, and random changes to each unit partly cancel in the sum: the same relative change of every weight moves its loss much less. Its basin is wide and flat; the narrow net's is narrow and steep.`,
    'The training path is drawn on the slice too, projected onto d1 and d2 by least squares. It stays close to the centre: in thousands of dimensions two random directions are nearly orthogonal to the way training came, and the picture says what share of the path the plane holds. To see the path itself, Li and colleagues take the path\'s own main directions instead of random ones.',
  ],
  lookAt: [
    'The line plot: both curves fall from t = 0 to t = 1 without a bump; past t = 1 they flatten.',
    'The two slices on one colour scale: the wide net\'s basin covers much of its square, the narrow net\'s is a small pit.',
    'The minimum mark: θ1 is at or next to the lowest point of its slice.',
  ],
  headline: [{ view: 'landscape' }, { view: 'metric', kind: 'loss' }],
  experiment: doc([NARROW, WIDE]),
  afterTraining: { landscape: LANDSCAPE },
  claim(outcome) {
    const lands = RUNS.map((r) => outcome.landscapeOf(r));
    const falls = lands.map((l) => ({ start: lineAt(l, 0), end: lineAt(l, 1), barrier: lineBarrier(l) }));
    const [narrowRise, wideRise] = lands.map(meanRise);
    const ratio = narrowRise / wideRise;
    return allOf(
      check(
        'line-falls',
        falls.every((f) => f.end <= FALLS_TO * f.start && f.barrier <= BARRIER * f.start),
        `from θ0 to θ1 the loss goes ${RUNS.map((r, i) => `${num(falls[i].start)} → ${num(falls[i].end)} (${r}, ${falls[i].barrier === 0 ? 'never climbing on the way' : `climbing at most ${num(falls[i].barrier, 2)} on the way`})`).join(' and ')}`,
      ),
      check(
        'wider-basin',
        Number.isFinite(ratio) && ratio >= STEEPER,
        `over the slice the loss rises on average ${num(narrowRise)} above θ1's for the narrow net and ${num(wideRise)} for the wide one: ${Number.isFinite(ratio) ? `${ratio.toFixed(1)} times` : 'no ratio'} as steep (at least ${STEEPER} asked)`,
      ),
    );
  },
  controls: [
    {
      id: 'same-width',
      describe: `The wide run gets the narrow net too (the runs keep their names): two identical nets, identical landscapes, so neither basin can be ${STEEPER} times as steep as the other.`,
      experiment: doc([NARROW, NARROW]),
      breaks: ['wider-basin'],
    },
    {
      id: 'untrained',
      describe: 'Both nets train with a learning rate of 0.000001: the weights barely move, θ1 is θ0, and the line cannot fall.',
      experiment: doc([NARROW, WIDE], 1e-6),
      breaks: ['line-falls'],
    },
  ],
};

