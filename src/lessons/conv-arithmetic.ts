import { parseNotation } from '../core/notation';
import { summarize, type ModelSummary } from '../core/summary';
import { pct, type Lesson } from './lesson';

/** Course examples with the sizes the formula gives, worked out by hand. */
export const COURSE_EXAMPLES: { notation: string; outputShape: number[]; params: number }[] = [
  // (32 - 5 + 2*2)/1 + 1 = 32; 10 filters x (5*5*3 + 1) = 760
  { notation: 'INPUT 32x32x3, CONV5-10 P2', outputShape: [32, 32, 10], params: 760 },
  // (227 - 11 + 0)/4 + 1 = 55; 96 x (11*11*3 + 1) = 34,944 (AlexNet's first layer)
  { notation: 'INPUT 227x227x3, CONV11-96 S4 P0', outputShape: [55, 55, 96], params: 34_944 },
  // (32 - 3 + 0)/2 + 1 = 15 (floored); 100 x (3*3*1 + 1) = 1,000
  { notation: 'INPUT 32x32x1, CONV3-100 S2 P0', outputShape: [15, 15, 100], params: 1_000 },
];

const PREFIX = 'INPUT 28x28x1, CONV3-8, POOL2';
const run = (name: string, middle: string) => ({
  name,
  seed: 6,
  model: `${PREFIX}, ${middle}, POOL2, FC-10`,
  optimizer: { name: 'adam', learningRate: 0.003 },
  training: { batchSize: 32, steps: 150, evalEvery: 50 },
});

const summaryOf = (notation: string): ModelSummary => {
  const parsed = parseNotation(notation);
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  return summarize(parsed.model);
};

export const convArithmetic: Lesson = {
  id: 'conv-arithmetic',
  title: 'Convolutional layers by the numbers',
  explanation: [
    'A convolution with K×K filters, stride S and padding P turns a W-wide input into (W − K + 2P)/S + 1 outputs. Each of its N filters has K×K×(input depth) weights and one bias: N·(K·K·D + 1) parameters, whatever the image size. Pooling has no parameters.',
    'Courses write architectures as INPUT 32x32x1, CONV5-10, POOL2, FC-10: CONVk-N is N filters of k×k (stride 1, padding that keeps the size unless told otherwise), POOLk a k×k max-pool with stride k, FC-N a dense layer.',
    'The receptive field grows layer by layer: a K×K layer adds (K − 1)·(the product of earlier strides). Three stacked 3×3 convolutions see 7×7 pixels, as one 7×7 does, with 3·(9C² + C) instead of 49C² + C parameters, and three non-linearities instead of one.',
  ],
  lookAt: ['The table of shapes, parameters and receptive fields of each run.', 'The first-layer filters (edge-like after training) and the activation maps of a digit.'],
  fullVersion: 'Trained for a few thousand steps, both nets pass 98%; the filters of the first layer become oriented edge detectors.',
  experiment: {
    version: 1,
    title: 'One 7x7 convolution versus three 3x3',
    task: 'mnist',
    data: { trainSize: 3000, testSize: 500 },
    runs: [run('one 7x7', 'CONV7-8'), run('three 3x3', 'CONV3-8, CONV3-8, CONV3-8')],
  },
  claim(outcome) {
    const arithmeticOk = COURSE_EXAMPLES.every((ex) => {
      const last = summaryOf(ex.notation).layers[1];
      return last.params === ex.params && last.outputShape.join('x') === ex.outputShape.join('x');
    });
    const one = summaryOf(`${PREFIX}, CONV7-8`).layers;
    const three = summaryOf(`${PREFIX}, CONV3-8, CONV3-8, CONV3-8`).layers;
    const field = (rows: typeof one) => rows[rows.length - 1].receptiveField;
    const params7 = one[3].params;
    const params3 = three.slice(3).reduce((sum, l) => sum + l.params, 0);
    const acc7 = outcome.done('one 7x7').testAccuracy;
    const acc3 = outcome.done('three 3x3').testAccuracy;
    return {
      held: arithmeticOk && field(one) === field(three) && params3 < params7 && acc7 > 0.85 && acc3 > 0.85,
      detail:
        `${arithmeticOk ? 'the course examples match (W − K + 2P)/S + 1 and N·(K·K·D + 1)' : 'a course example does NOT match its formula'}; ` +
        `one 7x7 and three 3x3 layers both see ${field(one)}x${field(three)} pixels, with ${params7} versus ${params3} parameters; ` +
        `after ${outcome.done('one 7x7').steps} steps they reach ${pct(acc7)} and ${pct(acc3)} test accuracy`,
    };
  },
};
