import { kindOf, type LayerSpec, type ModelSpec } from '../core/layers';
import { parseNotation } from '../core/notation';
import { summarize, type ModelSummary } from '../core/summary';
import { allOf, check, type Lesson } from './lesson';
import { pct } from './outcome';

/** Course examples with the sizes the formula gives, worked out by hand. */
export const COURSE_EXAMPLES: { notation: string; outputShape: number[]; params: number }[] = [
  // (32 - 5 + 2*2)/1 + 1 = 32; 10 filters x (5*5*3 + 1) = 760
  { notation: 'INPUT 32x32x3, CONV5-10 P2', outputShape: [32, 32, 10], params: 760 },
  // (227 - 11 + 0)/4 + 1 = 55; 96 x (11*11*3 + 1) = 34,944 (AlexNet's first layer)
  { notation: 'INPUT 227x227x3, CONV11-96 S4 P0', outputShape: [55, 55, 96], params: 34_944 },
  // (32 - 3 + 0)/2 + 1 = 15 (floored); 100 x (3*3*1 + 1) = 1,000
  { notation: 'INPUT 32x32x1, CONV3-100 S2 P0', outputShape: [15, 15, 100], params: 1_000 },
];

// Four filters a layer and batches of 16 keep the three 28x28 convolutions cheap enough for
// software WebGL; the parameter comparison between equal channel counts uses 8 below.
const ONE = 'INPUT 28x28x1, CONV7-4, POOL2, FC-10';
const THREE = (layers: number) => `INPUT 28x28x1, ${Array(layers).fill('CONV3-4').join(', ')}, POOL2, FC-10`;
/** The parameter comparison between C channels in and C out, as courses state it (C = 8). */
const BLOCK_ONE = 'INPUT 14x14x8, CONV7-8';
const BLOCK_THREE = 'INPUT 14x14x8, CONV3-8, CONV3-8, CONV3-8';

const run = (name: string, model: string) => ({
  name,
  seed: 6,
  model,
  optimizer: { name: 'adam', learningRate: 0.003 },
  training: { batchSize: 16, steps: 150, evalEvery: 50 },
});
const doc = (stacked: number) => ({
  version: 1,
  title: 'One 7x7 convolution versus three 3x3',
  task: 'mnist',
  data: { trainSize: 3000, testSize: 500 },
  runs: [run('one 7x7', ONE), run('three 3x3', THREE(stacked))],
});

const summaryOf = (notation: string): ModelSummary => {
  const parsed = parseNotation(notation);
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  return summarize(parsed.model);
};

/** A layer's window and stride (the registry knows which kinds slide one); 1 and 1 for the others. */
const window = (l: LayerSpec): { k: number; s: number } => {
  const w = kindOf(l.type).window?.(l);
  return w ? { k: w.size, s: w.stride } : { k: 1, s: 1 };
};

/**
 * The receptive field of one unit of layer `top` worked out by hand, from the top down: one unit
 * (m = 1) of a layer with window k and stride s sees n = k + s·(m − 1) units of the layer below;
 * repeat down to the input. Dense layers see everything: the image's longer side.
 */
export function handReceptiveField(model: ModelSpec, top: number): number {
  const layers = model.layers.slice(0, top);
  if (layers.some((l) => l.type === 'dense')) return Math.max(...model.input.slice(0, -1), model.input.length === 1 ? model.input[0] : 0);
  let m = 1;
  for (let i = layers.length - 1; i >= 0; i--) {
    const { k, s } = window(layers[i]);
    m = k + s * (m - 1);
  }
  return m;
}

export const convArithmetic: Lesson = {
  id: 'conv-arithmetic',
  title: 'Convolutional layers by the numbers',
  question: 'How big is a convolution\'s output, how many parameters does it have, and what does one of its units see?',
  claimInWords: 'The course examples match (W − K + 2P)/S + 1 and N·(K·K·D + 1); every layer\'s receptive field in the table equals the hand formula n = k + s·(m − 1); one 7x7 layer and three stacked 3x3 layers both see 7x7 pixels, the three with fewer parameters between equal channel counts; both nets learn past 80%.',
  explanation: [
    'A convolution with K×K filters, stride S and padding P turns a W-wide input into (W − K + 2P)/S + 1 outputs. Each of its N filters has K×K×(input depth) weights and one bias: N·(K·K·D + 1) parameters, whatever the image size. Pooling has no parameters.',
    'Courses write architectures as INPUT 32x32x1, CONV5-10, POOL2, FC-10: CONVk-N is N filters of k×k (stride 1, padding that keeps the size unless told otherwise), POOLk a k×k max-pool with stride k, FC-N a dense layer.',
    'The receptive field is worked out from the top down: one unit (m = 1) of a layer with window k and stride s sees n = k + s·(m − 1) units of the layer below it; repeat down to the input. Three stacked 3×3 convolutions: 3, then 3 + (3 − 1) = 5, then 7: they see 7×7 pixels, as one 7×7 does. Between C channels in and C out they cost 3·(9C² + C) parameters against 49C² + C, and put three non-linearities where one 7×7 has one.',
    'The two nets trained here start with exactly that: one 7×7 layer of 4 filters, or three 3×3 layers of 4 (on a 1-channel image the three cost more, 336 parameters against 200, since only the first of them sees a single channel).',
  ],
  lookAt: [
    'The table of shapes, parameters and receptive fields of each run.',
    'The first-layer filters: 7×7 against 3×3. After 150 steps they are still noisy; trained for a few thousand steps the 7×7 ones become oriented strokes and edges.',
  ],
  fullVersion: 'Trained for a few thousand steps, both nets pass 98%, and the first layer\'s filters turn into oriented edge and stroke detectors.',
  experiment: doc(3),
  claim(outcome) {
    const arithmeticOk = COURSE_EXAMPLES.every((ex) => {
      const last = summaryOf(ex.notation).layers[1];
      return last.params === ex.params && last.outputShape.join('x') === ex.outputShape.join('x');
    });
    const models = outcome.doc.runs.map((r) => r.model);
    const [oneModel, threeModel] = [models[0], models[1]];
    const hand = [oneModel, threeModel].map((m) => summarize(m).layers.map((l, i) => ({ notation: l.notation, table: l.receptiveField, hand: handReceptiveField(m, i) })));
    const handOk = hand.every((rows) => rows.every((r) => r.table === r.hand));
    const lastConv = (m: ModelSpec) => {
      const rows = summarize(m).layers;
      const i = rows.map((l) => l.type).lastIndexOf('conv2d');
      return { field: rows[i].receptiveField, hand: handReceptiveField(m, i) };
    };
    const one = lastConv(oneModel);
    const three = lastConv(threeModel);
    const params7 = summaryOf(BLOCK_ONE).totalParams;
    const params3 = summaryOf(BLOCK_THREE).totalParams;
    const acc7 = outcome.done('one 7x7').testAccuracy;
    const acc3 = outcome.done('three 3x3').testAccuracy;
    const fieldText = (rows: (typeof hand)[number]) => rows.filter((r) => r.notation !== rows[0].notation).map((r) => `${r.notation} ${r.hand}`).join(', ');
    return allOf(
      check('course-examples', arithmeticOk, arithmeticOk ? 'the course examples match (W − K + 2P)/S + 1 and N·(K·K·D + 1)' : 'a course example does NOT match its formula'),
      check('hand-formula', handOk, `receptive fields by n = k + s·(m − 1), layer by layer, match the table: ${fieldText(hand[0])}; ${fieldText(hand[1])}`),
      check('same-field', one.field === 7 && three.field === 7, `after its convolutions the one-7x7 net sees ${one.field}x${one.field} pixels and the stacked net ${three.field}x${three.field}`),
      check('fewer-parameters', params3 < params7, `between 8 channels in and 8 out, three 3x3 layers have ${params3} parameters and one 7x7 has ${params7}`),
      check('both-learn', acc7 > 0.8 && acc3 > 0.8, `after ${outcome.done('one 7x7').steps} steps they reach ${pct(acc7)} and ${pct(acc3)} test accuracy`),
    );
  },
  controls: [
    {
      id: 'two-3x3',
      describe: 'Only two stacked 3x3 layers in the second run (it keeps its name): they see 5x5 pixels, not the 7x7 of one 7x7 layer.',
      experiment: doc(2),
      breaks: ['same-field'],
    },
  ],
};
