import { parseNotation } from '../core/notation';
import { summarize } from '../core/summary';
import { pct, type Lesson } from './lesson';

const NETS = [
  ['linear', 'INPUT 784, FC-10'],
  ['1 x 100', 'INPUT 784, FC-100 HE, FC-10'],
  ['1 x 200', 'INPUT 784, FC-200 HE, FC-10'],
  ['1 x 1000', 'INPUT 784, FC-1000 HE, FC-10'],
  ['3 x 150', 'INPUT 784, FC-150 HE, FC-150 HE, FC-150 HE, FC-10'],
  ['3 x 500', 'INPUT 784, FC-500 HE, FC-500 HE, FC-500 HE, FC-10'],
] as const;

export function parameterCount(notation: string): number {
  const parsed = parseNotation(notation);
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  return summarize(parsed.model).totalParams;
}

export const depthVsWidth: Lesson = {
  id: 'depth-vs-width',
  title: 'Depth versus width on MNIST',
  explanation: [
    'One hidden layer of enough units can approximate any function, but width is an expensive way to buy accuracy: going from 100 to 1,000 hidden units multiplies the parameters by ten and raises MNIST accuracy only a little.',
    'Deeper, thinner nets spend a similar number of parameters on several layers, each building on the features of the one before; at similar parameter counts they usually do at least as well.',
    'Every net with a hidden layer beats the linear classifier (no hidden layer), which can only draw one straight boundary per class.',
  ],
  lookAt: ['The table of parameters and test accuracy for each run.', 'Time per step: the wide nets cost far more per step.'],
  fullVersion: 'Trained for several epochs on all 8,000 training digits, the gaps between the hidden-layer nets stay within about a point, while the linear classifier stays several points behind.',
  experiment: {
    version: 1,
    title: 'Depth versus width',
    task: 'mnist',
    data: { trainSize: 5000, testSize: 1000 },
    runs: NETS.map(([name, model]) => ({
      name,
      seed: 16,
      model,
      optimizer: { name: 'adam', learningRate: 0.001 },
      training: { batchSize: 32, steps: 400, evalEvery: 200 },
    })),
  },
  claim(outcome) {
    const acc = (run: string) => outcome.done(run).testAccuracy;
    const linear = acc('linear');
    const hidden = NETS.filter(([name]) => name !== 'linear').map(([name]) => name);
    return {
      held: acc('1 x 1000') >= acc('1 x 100') - 0.01 && hidden.every((name) => acc(name) > linear),
      detail: NETS.map(([name, model]) => `${name}: ${parameterCount(model).toLocaleString('en-US')} parameters, ${pct(acc(name))}`).join('; '),
    };
  },
};
