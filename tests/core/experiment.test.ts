// The experiment document: the shipped examples, defaults, and one message per kind of mistake.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExperiment, parseExperimentText } from '../../src/core/experiment';

const examples = readdirSync('docs/examples').filter((f) => f.endsWith('.json'));

describe('docs/examples', () => {
  it('ships xor.json, mnist-mlp.json and mnist-cnn.json', () => {
    expect(examples).toEqual(expect.arrayContaining(['xor.json', 'mnist-mlp.json', 'mnist-cnn.json']));
  });

  it.each(examples)('%s is valid', (file) => {
    const result = parseExperimentText(readFileSync(`docs/examples/${file}`, 'utf8'));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});

describe('defaults', () => {
  it('fills every omitted field with its documented default', () => {
    const result = parseExperiment({ task: 'mnist', runs: [{}] });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const { doc } = result;
    expect(doc).toMatchObject({
      version: 1,
      title: '',
      data: { trainSize: 8000, testSize: 2000, order: 'shuffled', firstClass: 0, seed: 1, noise: 0 },
    });
    expect(doc.runs[0]).toMatchObject({
      name: 'run 1',
      seed: 1,
      optimizer: { name: 'sgd', learningRate: 0.1 },
      training: { batchSize: 32, steps: 500, loss: 'softmax-cross-entropy', l2: 0, clipNorm: null, evalEvery: 50 },
    });
    expect(doc.runs[0].model.input).toEqual([784]);
    expect(doc.runs[0].model.layers.map((l) => l.type)).toEqual(['dense', 'dense']);
  });

  it('gives each optimizer its own hyperparameter defaults', () => {
    const result = parseExperiment({ task: 'xor', runs: [{ name: 'a', optimizer: { name: 'adam' } }, { name: 'b', optimizer: { name: 'momentum' } }] });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.doc.runs[0].optimizer).toEqual({ name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(result.doc.runs[1].optimizer).toEqual({ name: 'momentum', learningRate: 0.01, momentum: 0.9 });
    expect(result.doc.runs[0].training.batchSize).toBe(4); // the XOR table has four points
  });

  it('accepts the layer list as well as the notation, with the same position-dependent activation defaults', () => {
    const result = parseExperiment({
      task: 'mnist',
      runs: [{ model: { input: [28, 28, 1], layers: [{ type: 'conv2d', filters: 4, kernelSize: 3 }, { type: 'maxpool', poolSize: 2 }, { type: 'dense', units: 10 }] } }],
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const [conv, pool, dense] = result.doc.runs[0].model.layers;
    expect(conv).toMatchObject({ activation: 'relu', stride: 1, padding: 'same', kernelInit: { name: 'glorot-uniform' } });
    expect(pool).toMatchObject({ stride: 2 });
    expect(dense).toMatchObject({ activation: 'softmax' });
  });
});

const valid = { task: 'mnist', runs: [{ name: 'a' }] };
const withRun = (run: object) => ({ task: 'mnist', runs: [{ name: 'a' }, { name: 'b', ...run }] });

describe('bad documents each get their message', () => {
  it.each([
    ['a momentum of 1.5', withRun({ optimizer: { name: 'momentum', momentum: 1.5 } }), 'runs[1].optimizer.momentum must be in [0, 1), got 1.5'],
    ['an unknown field', withRun({ optimizer: { name: 'sgd', lr: 0.1 } }), 'runs[1].optimizer has unknown field "lr"'],
    ['an unknown top-level field', { ...valid, epochs: 3 }, 'the document has unknown field "epochs"'],
    ['an unknown optimizer', withRun({ optimizer: { name: 'adadelta' } }), 'runs[1].optimizer.name must be one of "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", got "adadelta"'],
    ['an unknown task', { task: 'cifar', runs: [{}] }, 'task must be one of "xor", "circle", "gaussians", "spiral", "points", "mnist", "csv", "images", got "cifar"'],
    ['a missing task', { runs: [{}] }, 'task is required'],
    ['no runs', { task: 'xor', runs: [] }, 'runs must have at least 1 entries'],
    ['a string where a number belongs', withRun({ training: { steps: '100' } }), 'runs[1].training.steps must be a number, got "100"'],
    ['a fractional batch size', withRun({ training: { batchSize: 2.5 } }), 'runs[1].training.batchSize must be an integer from 1 to 4096, got 2.5'],
    ['a negative learning rate', withRun({ optimizer: { name: 'sgd', learningRate: -1 } }), 'runs[1].optimizer.learningRate must be in (0, 100], got -1'],
    ['a dropout rate of 1', withRun({ model: { input: [784], layers: [{ type: 'dropout', rate: 1 }, { type: 'dense', units: 10 }] } }), 'runs[1].model.layers[0].rate must be in [0, 1), got 1'],
    ['an unknown initializer', withRun({ model: { input: [784], layers: [{ type: 'dense', units: 10, kernelInit: 'kaiming' }] } }), 'runs[1].model.layers[0].kernelInit'],
    ['bad notation', withRun({ model: 'INPUT 784, FC-100 RELUU, FC-10' }), 'runs[1].model: unknown token "RELUU"'],
    ['a duplicate run name', withRun({ name: 'a' }), 'runs[1].name must be unique, got "a" twice'],
    ['the wrong input for the task', withRun({ model: 'INPUT 2, FC-10' }), 'runs[1].model input must be 784 or 28x28x1 for mnist, got 2'],
    ['the wrong number of outputs', withRun({ model: 'INPUT 784, FC-100, FC-5' }), "runs[1].model's last layer must have 10 units for mnist, got 5"],
    ['cross-entropy on a ReLU output', withRun({ model: 'INPUT 784, FC-10 RELU' }), "runs[1].model: softmax-cross-entropy needs the last layer's activation to be softmax or linear, got relu"],
    ['a model with no layers', withRun({ model: 'INPUT 784' }), 'runs[1].model has no layers: add at least the output layer, e.g. FC-10'],
    ['a model that does not end with FC', withRun({ model: 'INPUT 28x28x1, CONV3-4' }), 'runs[1].model must end with a dense (FC) layer'],
    ['too many training digits', { task: 'mnist', data: { trainSize: 60_001, testSize: 2000 }, runs: [{}] }, 'data.trainSize must be at most 60000 for mnist'],
    ['too many test digits', { task: 'mnist', data: { trainSize: 1000, testSize: 10_001 }, runs: [{}] }, 'data.testSize must be at most 10000 for mnist'],
    ['a batch larger than the data', { task: 'xor', runs: [{ training: { batchSize: 8 } }] }, 'runs[0].training.batchSize must be at most the 4 training examples, got 8'],
    ['a class that does not exist', { task: 'xor', data: { order: 'one-class-first', firstClass: 5 }, runs: [{}] }, 'data.firstClass must be below 2 for xor, got 5'],
    ['a newer version', { version: 2, task: 'xor', runs: [{}] }, 'version 2 is newer than this Gradient Lab understands (1)'],
    ['not an object', [1, 2], 'an experiment must be a JSON object, got an array'],
  ])('%s', (_, input, message) => {
    const result = parseExperiment(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(message);
  });

  it('reports every problem at once', () => {
    const result = parseExperiment({ task: 'mnist', runs: [{ optimizer: { name: 'momentum', momentum: 2 }, training: { steps: 0, loss: 'l1' } }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(3);
      expect(result.errors).toEqual(
        expect.arrayContaining([
          expect.stringContaining('runs[0].optimizer.momentum'),
          expect.stringContaining('runs[0].training.steps'),
          expect.stringContaining('runs[0].training.loss must be one of'),
        ]),
      );
    }
  });

  it('reports JSON syntax errors', () => {
    const result = parseExperimentText('{"task": "xor",');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^not valid JSON: /);
  });
});

describe('issues name their field, for the form that shows each message beside it', () => {
  it('gives the path of every problem', () => {
    const result = parseExperiment({
      task: 'mnist',
      runs: [{ name: 'a' }, { name: 'a', optimizer: { name: 'momentum', momentum: 1.5 }, model: 'INPUT 784, FC-5' }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.path)).toEqual(['runs[1].optimizer.momentum']);
      expect(result.issues[0].message).toBe(result.errors[0]);
    }
    const crossField = parseExperiment({ task: 'mnist', runs: [{ name: 'a' }, { name: 'a', model: 'INPUT 784, FC-5' }] });
    if (crossField.ok) throw new Error('expected problems');
    expect(crossField.issues.map((i) => i.path).sort()).toEqual(['runs[1].model', 'runs[1].name']);
    const notJson = parseExperimentText('{');
    if (notJson.ok) throw new Error('expected problems');
    expect(notJson.issues[0].path).toBe('');
  });
});
