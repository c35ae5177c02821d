import { describe, expect, it } from 'vitest';
import { runDifferences, type DraftRunLike } from '../../src/state/run-differences';

const base: DraftRunLike = {
  name: 'a',
  seed: 1,
  model: 'INPUT 784, FC-64 RELU HE, FC-10',
  optimizer: { name: 'momentum', learningRate: 0.01, momentum: 0.9 },
  training: { batchSize: 32, steps: 400, loss: 'softmax-cross-entropy', l2: 0, clipNorm: null, evalEvery: 50 },
};
const run = (patch: Partial<DraftRunLike>): DraftRunLike => ({ ...base, ...patch });

describe('runDifferences', () => {
  it('names the one hyperparameter that differs', () => {
    const runs = [0, 0.9, 0.99999].map((m, i) => run({ name: `b${i}`, optimizer: { name: 'momentum', learningRate: 0.01, momentum: m } }));
    expect(runDifferences(runs)).toEqual(['β 0', 'β 0.9', 'β 0.99999']);
  });

  it('names the layers that differ, not the whole model', () => {
    const runs = [run({ model: 'INPUT 784, FC-64 SIGMOID, FC-10' }), run({ model: 'INPUT 784, FC-64 RELU HE, FC-10' })];
    expect(runDifferences(runs)).toEqual(['FC-64 SIGMOID', 'FC-64 RELU HE']);
  });

  it('names only the differing words when every layer differs', () => {
    const model = (act: string, init: string) => `INPUT 784, FC-64 ${act} ${init}, FC-64 ${act} ${init}, FC-64 ${act} ${init}, FC-10`;
    const runs = [run({ model: model('TANH', 'NORMAL0.01') }), run({ model: model('TANH', 'XAVIER') }), run({ model: model('RELU', 'HE') })];
    expect(runDifferences(runs)).toEqual(['TANH NORMAL0.01', 'TANH XAVIER', 'RELU HE']);
  });

  it('names the optimizer and its own hyperparameters when optimizers differ', () => {
    const runs = [run({ optimizer: { name: 'sgd', learningRate: 0.1 } }), run({ optimizer: { name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } })];
    expect(runDifferences(runs)).toEqual(['SGD · lr 0.1', 'Adam · lr 0.001']);
  });

  it('says nothing for a lone run or identical runs, and shows clipping off as such', () => {
    expect(runDifferences([base])).toEqual(['']);
    expect(runDifferences([base, { ...base, name: 'b' }])).toEqual(['', '']);
    expect(runDifferences([base, run({ training: { ...base.training, clipNorm: 1 } })])).toEqual(['clip off', 'clip 1']);
  });
});
