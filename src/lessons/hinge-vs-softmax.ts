import { allOf, check, pct, type Lesson } from './lesson';

const run = (name: string, loss: 'hinge' | 'softmax-cross-entropy', learningRate = 0.05) => ({
  name,
  seed: 5,
  model: 'INPUT 784, FC-10 LINEAR ZEROS',
  optimizer: { name: 'sgd', learningRate },
  training: { batchSize: 32, steps: 400, evalEvery: 100, loss },
});

const doc = (hingeRate: number) => ({
  version: 1,
  title: 'Hinge versus softmax on a linear classifier',
  task: 'mnist',
  data: { trainSize: 4000, testSize: 1000 },
  runs: [run('softmax cross-entropy', 'softmax-cross-entropy'), run('multiclass hinge (SVM)', 'hinge', hingeRate)],
});

export const hingeVsSoftmax: Lesson = {
  id: 'hinge-vs-softmax',
  title: 'SVM (hinge) versus softmax (cross-entropy) loss',
  question: 'Does it matter whether a linear classifier is trained with the hinge or the softmax loss?',
  claimInWords: 'Both losses train the same linear classifier past 80% test accuracy, within 5 points of each other.',
  explanation: [
    'A linear classifier scores each class: s = W x + b. Two classic losses turn the scores into a training signal.',
    'The multiclass SVM (hinge) loss is Σ over wrong classes j of max(0, s_j − s_y + 1): it is satisfied, and stops pushing, once the correct class beats every other by a margin of 1.',
    'Softmax cross-entropy is −log(exp(s_y) / Σ_j exp(s_j)): it reads the scores as probabilities and always wants the correct one a little higher, so it never stops pushing entirely.',
    'On the same data the two usually reach similar accuracy; they differ in what the scores mean (margins versus probabilities) and in how they treat examples that are already right.',
  ],
  lookAt: ['Test accuracy of the two runs side by side.', 'The loss values are on different scales: compare accuracies, not losses.'],
  headline: [{ view: 'metric', kind: 'accuracy' }, { view: 'metric', kind: 'loss' }],
  experiment: doc(0.05),
  claim(outcome) {
    const softmax = outcome.done('softmax cross-entropy').testAccuracy;
    const hinge = outcome.done('multiclass hinge (SVM)').testAccuracy;
    return allOf(
      check('both-learn', softmax > 0.8 && hinge > 0.8, `the same linear classifier reaches ${pct(softmax)} test accuracy with softmax cross-entropy and ${pct(hinge)} with the hinge loss`),
      check('similar', Math.abs(softmax - hinge) < 0.05, `${(100 * Math.abs(softmax - hinge)).toFixed(1)} points apart`),
    );
  },
  controls: [
    {
      id: 'hinge-untrained',
      describe: 'The hinge run at a learning rate of 1e-6 (it keeps its name): its loss gives almost no push in 400 steps, so it cannot match softmax; the claim must notice a loss that does not train.',
      experiment: doc(1e-6),
      breaks: ['both-learn', 'similar'],
    },
  ],
};
