import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  outputLayerIndex,
  DEFAULT_BATCHNORM,
  PARAMETERLESS_INITIALIZERS,
  type InitializerSpec,
  type LayerSpec,
  type ModelSpec,
} from '../../src/core/layers';
import {
  formatNotation,
  layerToNotation,
  parseNotation,
  type NotationError,
} from '../../src/core/notation';
import { rngFor, type Rng } from '../../src/core/rng';
import { validateShapes } from '../../src/core/summary';

function parse(text: string): ModelSpec {
  const result = parseNotation(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${result.errors.map((e) => e.message).join(' | ')}`);
  return result.model;
}

function errorsOf(text: string): NotationError[] {
  const result = parseNotation(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
  return result.errors;
}

/** The one layer after the input, e.g. layerOf('INPUT 4, FC-3 TANH'). */
const layerOf = (text: string): LayerSpec => parse(text).layers[0];

const glorotUniform: InitializerSpec = { name: 'glorot-uniform' };
const zeros: InitializerSpec = { name: 'zeros' };

describe('parseNotation', () => {
  it('reads the lecture example into a full ModelSpec with the documented defaults', () => {
    expect(parse('INPUT 28x28x1, CONV5-8, POOL2, CONV5-16, POOL3, FC-10')).toStrictEqual({
      input: [28, 28, 1],
      layers: [
        { type: 'conv2d', filters: 8, kernelSize: 5, stride: 1, padding: 'same', activation: 'relu', kernelInit: glorotUniform, biasInit: zeros },
        { type: 'maxpool', poolSize: 2, stride: 2 },
        { type: 'conv2d', filters: 16, kernelSize: 5, stride: 1, padding: 'same', activation: 'relu', kernelInit: glorotUniform, biasInit: zeros },
        { type: 'maxpool', poolSize: 3, stride: 3 },
        { type: 'dense', units: 10, activation: 'softmax', kernelInit: glorotUniform, biasInit: zeros },
      ],
    });
  });

  it('is case-insensitive and tolerant of spacing', () => {
    expect(parse('input 28X28X1 ,conv5-8,   pool2 ,fc-10\n')).toStrictEqual(parse('INPUT 28x28x1, CONV5-8, POOL2, FC-10'));
  });

  it('reads flat input and gives hidden FC layers relu and the last FC softmax', () => {
    const model = parse('INPUT 784, FC-100, FC-10');
    expect(model.input).toEqual([784]);
    expect(model.layers.map((l) => (l.type === 'dense' ? [l.units, l.activation] : null))).toEqual([
      [100, 'relu'],
      [10, 'softmax'],
    ]);
  });

  it('gives a single-unit output layer the logistic function', () => {
    expect(parse('INPUT 2, FC-4, FC-1').layers[1]).toMatchObject({ units: 1, activation: 'sigmoid' });
  });

  it('treats the last FC as the output even when dropout follows it', () => {
    expect(parse('INPUT 2, FC-4, FC-3, DROPOUT0.5').layers[1]).toMatchObject({ activation: 'softmax' });
  });

  it('keeps relu on a convolution even when it is the last layer', () => {
    expect(layerOf('INPUT 8x8x1, CONV3-4')).toMatchObject({ activation: 'relu' });
  });

  it('reads stride and numeric padding on CONV, stride on POOL', () => {
    expect(layerOf('INPUT 32x32x3, CONV3-100 S2 P0')).toMatchObject({ kernelSize: 3, filters: 100, stride: 2, padding: 0 });
    expect(layerOf('INPUT 8x8x1, POOL3 S2')).toStrictEqual({ type: 'maxpool', poolSize: 3, stride: 2 });
  });

  it('reads FLATTEN, DROPOUT and BN (with the default batch-norm settings)', () => {
    const model = parse('INPUT 8x8x2, BN, DROPOUT0.25, FLATTEN, DROPOUT0, FC-2');
    expect(model.layers.slice(0, 4)).toStrictEqual([
      { type: 'batchnorm', ...DEFAULT_BATCHNORM },
      { type: 'dropout', rate: 0.25 },
      { type: 'flatten' },
      { type: 'dropout', rate: 0 },
    ]);
  });

  it.each([
    ['RELU', 'relu', undefined],
    ['LRELU', 'leaky-relu', undefined],
    ['LEAKYRELU', 'leaky-relu', undefined],
    ['LRELU0.1', 'leaky-relu', 0.1],
    ['leakyrelu0.2', 'leaky-relu', 0.2],
    ['ELU', 'elu', undefined],
    ['ELU0.5', 'elu', 0.5],
    ['TANH', 'tanh', undefined],
    ['SIGMOID', 'sigmoid', undefined],
    ['LOGISTIC', 'sigmoid', undefined],
    ['SOFTMAX', 'softmax', undefined],
    ['LINEAR', 'linear', undefined],
  ])('reads the activation %s', (token, activation, alpha) => {
    const layer = layerOf(`INPUT 4, FC-3 ${token}`);
    expect(layer).toMatchObject({ activation });
    expect((layer as { alpha?: number }).alpha).toBe(alpha);
  });

  it.each<[string, InitializerSpec]>([
    ['HE', { name: 'he-normal' }],
    ['HE-NORMAL', { name: 'he-normal' }],
    ['HE-UNIFORM', { name: 'he-uniform' }],
    ['XAVIER', { name: 'glorot-normal' }],
    ['GLOROT', { name: 'glorot-normal' }],
    ['XAVIER-NORMAL', { name: 'glorot-normal' }],
    ['GLOROT-NORMAL', { name: 'glorot-normal' }],
    ['XAVIER-UNIFORM', { name: 'glorot-uniform' }],
    ['GLOROT-UNIFORM', { name: 'glorot-uniform' }],
    ['LECUN', { name: 'lecun-normal' }],
    ['ZEROS', { name: 'zeros' }],
    ['CONST0.5', { name: 'constant', value: 0.5 }],
    ['CONST-0.5', { name: 'constant', value: -0.5 }],
    ['const1e-3', { name: 'constant', value: 0.001 }],
    ['CONST.5', { name: 'constant', value: 0.5 }],
    ['UNIFORM0.05', { name: 'uniform', limit: 0.05 }],
    ['NORMAL0.01', { name: 'normal', stddev: 0.01 }],
  ])('reads the kernel initializer %s', (token, init) => {
    expect(layerOf(`INPUT 4, FC-3 ${token}`)).toMatchObject({ kernelInit: init, biasInit: zeros });
    expect(layerOf(`INPUT 8x8x1, CONV3-2 ${token}`)).toMatchObject({ kernelInit: init, biasInit: zeros });
  });

  it('turns CONST-0 into a plain zero, so that formatting it cannot change its sign', () => {
    const layer = layerOf('INPUT 4, FC-3 CONST-0');
    expect(layer).toMatchObject({ kernelInit: { name: 'constant' } });
    expect(Object.is((layer as { kernelInit: { value: number } }).kernelInit.value, 0)).toBe(true);
  });

  it('reads bias initializers, including negative constants, next to a kernel initializer', () => {
    expect(layerOf('INPUT 4, FC-3 RELU HE BIAS-CONST-0.1')).toMatchObject({
      activation: 'relu',
      kernelInit: { name: 'he-normal' },
      biasInit: { name: 'constant', value: -0.1 },
    });
    expect(layerOf('INPUT 4, FC-3 BIAS-CONST0.1 ZEROS')).toMatchObject({ kernelInit: zeros, biasInit: { name: 'constant', value: 0.1 } });
    expect(layerOf('INPUT 4, FC-3 BIAS-NORMAL0.5')).toMatchObject({ biasInit: { name: 'normal', stddev: 0.5 } });
  });

  it('accepts options in any order', () => {
    expect(layerOf('INPUT 8x8x1, CONV3-4 BIAS-ZEROS HE TANH P1 S2')).toStrictEqual(layerOf('INPUT 8x8x1, CONV3-4 S2 P1 TANH HE'));
  });
});

describe('formatNotation', () => {
  it('writes the lecture example back unchanged', () => {
    const text = 'INPUT 28x28x1, CONV5-8, POOL2, CONV5-16, POOL3, FC-10';
    expect(formatNotation(parse(text))).toBe(text);
  });

  it.each([
    ['input 784, fc-100 relu, fc-10 softmax', 'INPUT 784, FC-100, FC-10'],
    ['INPUT 4, FC-3 RELU', 'INPUT 4, FC-3 RELU'],
    ['INPUT 4, FC-8 SOFTMAX, FC-3', 'INPUT 4, FC-8 SOFTMAX, FC-3'],
    ['INPUT 4, FC-1 LOGISTIC', 'INPUT 4, FC-1'],
    ['INPUT 4, FC-2 LOGISTIC', 'INPUT 4, FC-2 SIGMOID'],
    ['INPUT 4, FC-3 GLOROT-UNIFORM BIAS-ZEROS', 'INPUT 4, FC-3'],
    ['INPUT 4, FC-3 GLOROT', 'INPUT 4, FC-3 XAVIER'],
    ['INPUT 4, FC-3 HE-NORMAL', 'INPUT 4, FC-3 HE'],
    ['INPUT 8x8x1, CONV3-4 S1 RELU', 'INPUT 8x8x1, CONV3-4'],
    ['INPUT 8x8x1, CONV3-4 HE-NORMAL LEAKYRELU P0 S2', 'INPUT 8x8x1, CONV3-4 S2 P0 LRELU HE'],
    ['INPUT 8x8x1, CONV3-4 LRELU0.01', 'INPUT 8x8x1, CONV3-4 LRELU0.01'],
    ['INPUT 8x8x1, POOL2 S2, POOL2 S1', 'INPUT 8x8x1, POOL2, POOL2 S1'],
    ['INPUT 4, FC-3 const1e-7 bias-const-2.5', 'INPUT 4, FC-3 CONST1e-7 BIAS-CONST-2.5'],
    ['input 8x8x3, batchnorm, dropout.5, flatten, fc-2', 'INPUT 8x8x3, BN, DROPOUT0.5, FLATTEN, FC-2'],
  ])('formats %j as %j, writing only what differs from the defaults', (text, canonical) => {
    expect(formatNotation(parse(text))).toBe(canonical);
    expect(formatNotation(parse(canonical))).toBe(canonical);
  });

  it('writes a softmax FC with or without SOFTMAX depending on whether it is the output layer', () => {
    const layer = layerOf('INPUT 4, FC-10');
    expect(layerToNotation(layer, { isOutput: true })).toBe('FC-10');
    expect(layerToNotation(layer, { isOutput: false })).toBe('FC-10 SOFTMAX');
    expect(layerToNotation(layerOf('INPUT 4, FC-10 RELU'), { isOutput: true })).toBe('FC-10 RELU');
  });

  it('finds the output layer with outputLayerIndex', () => {
    expect(outputLayerIndex(parse('INPUT 4, FC-8, FC-3, DROPOUT0.5').layers)).toBe(1);
    expect(outputLayerIndex(parse('INPUT 8x8x1, CONV3-4').layers)).toBe(-1);
  });

  it('round-trips a hand-built model that sets alpha and every kind of initializer', () => {
    const model: ModelSpec = {
      input: [16, 12, 3],
      layers: [
        { type: 'conv2d', filters: 4, kernelSize: 3, stride: 2, padding: 1, activation: 'elu', alpha: 0.5, kernelInit: { name: 'uniform', limit: 0.05 }, biasInit: { name: 'constant', value: -0.25 } },
        { type: 'batchnorm', ...DEFAULT_BATCHNORM },
        { type: 'dense', units: 7, activation: 'leaky-relu', alpha: 0.01, kernelInit: { name: 'lecun-normal' }, biasInit: { name: 'normal', stddev: 1e-3 } },
        { type: 'dense', units: 1, activation: 'linear', kernelInit: zeros, biasInit: { name: 'he-uniform' } },
      ],
    };
    expect(parse(formatNotation(model))).toStrictEqual(model);
  });

  it('round-trips 200 random models, every one that passes validation', () => {
    const rng = rngFor(11, 'notation-round-trip');
    let checked = 0;
    for (let n = 0; n < 200; n++) {
      const model = randomModel(rng);
      if (validateShapes(model).length > 0) continue;
      const text = formatNotation(model);
      expect(parse(text), text).toStrictEqual(model);
      expect(formatNotation(parse(text.toLowerCase()))).toBe(text);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('parseNotation errors', () => {
  it('names the token, its layer and column, and what is allowed', () => {
    const text = 'INPUT 28x28x1, CONV5-8, FC-100 RELUU';
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ layerIndex: 2, token: 'RELUU', column: 31 });
    expect(error.message).toMatch(/^unknown token "RELUU" in layer 2 \("FC-100 RELUU"\) at column 31; expected an activation \(RELU, LRELU/);
    expect(error.message).toContain('an initializer (HE,');
    expect(error.message).toContain('BIAS-CONST0.1');
  });

  it('reports every bad token, in order, each at its own column', () => {
    const text = 'INPUT 28x28x1, CONV5-8 RELUU S0, POOLX, FC-10 P1 TANH SIGMOID, DROPOUT1';
    const errors = errorsOf(text);
    expect(errors.map((e) => [e.layerIndex, e.token])).toEqual([
      [1, 'RELUU'],
      [1, 'S0'],
      [2, 'POOLX'],
      [3, 'P1'],
      [3, 'SIGMOID'],
      [4, 'DROPOUT1'],
    ]);
    for (const e of errors) expect(text.slice(e.column).startsWith(e.token)).toBe(true);
  });

  it.each(['', '   ', ' , '])('rejects empty input %j', (text) => {
    expect(errorsOf(text)).toEqual([expect.objectContaining({ layerIndex: 0, column: 0, message: expect.stringMatching(/^empty notation/) })]);
  });

  it('rejects a missing INPUT', () => {
    const [error] = errorsOf('CONV5-8, FC-10');
    expect(error).toMatchObject({ layerIndex: 0, token: 'CONV5-8' });
    expect(error.message).toMatch(/missing INPUT.*INPUT HxWxC/);
  });

  it('rejects INPUT that is not first, and a second INPUT', () => {
    const [late] = errorsOf('FC-10, INPUT 4');
    expect(late).toMatchObject({ layerIndex: 1, token: 'INPUT', column: 7 });
    expect(late.message).toContain('INPUT must come first');
    const [second] = errorsOf('INPUT 4, FC-3, INPUT 4');
    expect(second).toMatchObject({ layerIndex: 2, token: 'INPUT' });
    expect(second.message).toContain('INPUT appears once');
  });

  it.each([
    ['INPUT', 'INPUT', /INPUT needs a shape/],
    ['INPUT 28x28', '28x28', /channel count.*28x28x1/],
    ['INPUT 28x28x1x1', '28x28x1x1', /HxWxC/],
    ['INPUT abc', 'abc', /HxWxC/],
    ['INPUT 4 4', '4', /INPUT takes only its shape/],
    ['INPUT 0x28x1', '0x28x1', /at least 1/],
    ['INPUT 0', '0', /at least 1/],
  ])('rejects the input %j', (text, token, message) => {
    const [error] = errorsOf(`${text}, FC-2`);
    expect(error.token).toBe(token);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['CONV0-10', /kernel size k in CONVk-N must be at least 1/],
    ['CONV5-0', /filter count N in CONVk-N must be at least 1/],
    ['CONV5', /expected CONVk-N/],
    ['CONV5-10.5', /expected CONVk-N/],
    ['POOL0', /POOLk must be at least 1/],
    ['POOL1.5', /expected POOLk/],
    ['FC-0', /FC-N must be at least 1/],
    ['FC10', /expected FC-N/],
    ['FC--10', /expected FC-N/],
    ['DROPOUT', /DROPOUT needs a rate/],
    ['DROPOUT1', /below 1/],
    ['DROPOUT-0.1', /at least 0/],
    ['DROPOUTx', /not a number/],
  ])('rejects the layer %s', (head, message) => {
    const [error] = errorsOf(`INPUT 8x8x1, ${head}`);
    expect(error).toMatchObject({ layerIndex: 1, token: head, column: 13 });
    expect(error.message).toMatch(message);
  });

  it('rejects an unknown layer word, listing the layers', () => {
    const [error] = errorsOf('INPUT 8x8x1, DENSE-10');
    expect(error.message).toContain('unknown layer "DENSE-10"');
    for (const word of ['INPUT', 'CONVk-N', 'POOLk', 'AVGPOOLk', 'FC-N', 'FLATTEN', 'DROPOUTp', 'BN']) expect(error.message).toContain(word);
  });

  it.each([
    ['CONV3-4 S0', /stride must be a whole number of at least 1/],
    ['CONV3-4 S1.5', /stride must be a whole number/],
    ['CONV3-4 P-1', /padding must be a whole number of at least 0/],
    ['CONV3-4 S', /S needs a number/],
    ['FC-3 UNIFORM0', /limit of UNIFORM must be above 0/],
    ['FC-3 NORMAL-1', /standard deviation of NORMAL must be above 0/],
    ['FC-3 CONST', /CONST needs a number/],
    ['FC-3 CONST1e999', /not a number/],
    ['FC-3 LRELU-0.1', /alpha of LRELU must be at least 0/],
    ['FC-3 BIAS-FOO', /"FOO" is not an initializer/],
    ['FC-3 BIAS-UNIFORM-2', /limit of UNIFORM must be above 0/],
  ])('rejects the bad value in %s', (layer, message) => {
    const errors = errorsOf(`INPUT 8x8x1, ${layer}`);
    expect(errors).toHaveLength(1);
    expect(errors[0].token).toBe(layer.split(' ')[1]);
    expect(errors[0].message).toMatch(message);
  });

  it.each([
    ['FC-3 S2', /FC takes no stride/],
    ['FC-3 P1', /FC takes no padding/],
    ['POOL2 RELU', /POOL takes no activation; POOL takes only a stride/],
    ['POOL2 P1', /POOL takes no padding/],
    ['BN HE', /BN takes no kernel initializer; expected a momentum .*MOMENTUM0.9.*, or an epsilon .*EPS0.001/],
    ['DROPOUT0.5 RELU', /DROPOUT takes no activation/],
    ['FLATTEN BIAS-ZEROS', /FLATTEN takes no bias initializer/],
  ])('rejects an option that does not apply: %s', (layer, message) => {
    const [error] = errorsOf(`INPUT 8x8x1, ${layer}`);
    expect(error.message).toMatch(message);
  });

  it.each(['FC-3 TANH RELU', 'FC-3 HE XAVIER', 'FC-3 BIAS-ZEROS BIAS-CONST1', 'CONV3-2 S2 S1', 'CONV3-2 P1 P1'])(
    'rejects a repeated option in %s',
    (layer) => {
      const [error] = errorsOf(`INPUT 8x8x1, ${layer}`);
      expect(error.token).toBe(layer.split(' ')[2]);
      expect(error.message).toMatch(/^second /);
    },
  );

  it('hints at a missing comma, and at an option written after a comma', () => {
    expect(errorsOf('INPUT 8x8x1, CONV3-2 POOL2')[0].message).toContain('separate layers with commas');
    expect(errorsOf('INPUT 8x8x1, CONV3-2, S2')[0].message).toContain('it looks like an option');
  });

  it('rejects an empty layer between commas and a trailing comma', () => {
    const text = 'INPUT 4,, FC-2,';
    expect(errorsOf(text).map((e) => [e.layerIndex, e.column])).toEqual([
      [1, 8],
      [3, 15],
    ]);
  });

  it('rejects CONV and POOL on flat input', () => {
    expect(errorsOf('INPUT 100, CONV3-4')[0].message).toBe(
      'layer 1 ("CONV3-4") at column 11: a convolution needs an image input (HxWxC), but gets 100 flat features',
    );
    expect(errorsOf('INPUT 8x8x1, FLATTEN, POOL2')[0]).toMatchObject({ layerIndex: 2, token: 'POOL2', column: 22 });
  });

  it('rejects a kernel larger than the padded input, but lets same padding pad as needed', () => {
    const [error] = errorsOf('INPUT 4x4x1, CONV7-2 P1');
    expect(error.message).toContain('a 7x7 kernel does not fit a 4x4 input padded by 1 on each side (6x6)');
    expect(parseNotation('INPUT 4x4x1, CONV7-2 P2').ok).toBe(true);
    expect(parseNotation('INPUT 4x4x1, CONV7-2').ok).toBe(true);
  });

  it('rejects pooling that would shrink the map to nothing', () => {
    const [error] = errorsOf('INPUT 8x8x1, POOL2, POOL2, POOL2, POOL2, FC-2');
    expect(error).toMatchObject({ layerIndex: 4, column: 34 });
    expect(error.message).toContain('a 2x2 window does not fit a 1x1 input');
  });

  it('reports token errors and shape errors together', () => {
    const errors = errorsOf('INPUT 2x2x1, CONV3-4 RELUU P0');
    expect(errors.map((e) => e.token)).toEqual(['CONV3-4', 'RELUU']);
  });
});

// ---- random models for the round trip ----

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)];
const someNumber = (rng: Rng) => pick(rng, [0.5, 0.1, 1e-3, 2, 0.05, 1.25e-7]);

function randomInit(rng: Rng): InitializerSpec {
  switch (rng.int(4)) {
    case 0:
      return { name: 'constant', value: pick(rng, [-0.5, 0, 0.1, 3]) };
    case 1:
      return { name: 'uniform', limit: someNumber(rng) };
    case 2:
      return { name: 'normal', stddev: someNumber(rng) };
    default:
      return { name: pick(rng, PARAMETERLESS_INITIALIZERS) };
  }
}

function randomWeights(rng: Rng) {
  const activation = pick(rng, ACTIVATIONS);
  const withAlpha = (activation === 'leaky-relu' || activation === 'elu') && rng.int(2) === 0;
  return {
    activation,
    ...(withAlpha ? { alpha: someNumber(rng) } : {}),
    kernelInit: randomInit(rng),
    biasInit: rng.int(2) === 0 ? zeros : randomInit(rng),
  };
}

function randomImageLayer(rng: Rng): LayerSpec {
  switch (rng.int(4)) {
    case 0: {
      const padding = rng.int(2) === 0 ? 'same' : rng.int(3);
      return { type: 'conv2d', filters: 1 + rng.int(8), kernelSize: 1 + rng.int(5), stride: 1 + rng.int(2), padding, ...randomWeights(rng) };
    }
    case 1: {
      const poolSize = 1 + rng.int(3);
      return { type: 'maxpool', poolSize, stride: rng.int(2) === 0 ? poolSize : 1 + rng.int(3) };
    }
    case 2:
      return { type: 'batchnorm', ...DEFAULT_BATCHNORM };
    default:
      return { type: 'dropout', rate: pick(rng, [0, 0.25, 0.5, 0.9]) };
  }
}

function randomModel(rng: Rng): ModelSpec {
  const image = rng.int(3) > 0;
  const input = image ? [4 + rng.int(30), 4 + rng.int(30), 1 + rng.int(3)] : [1 + rng.int(800)];
  const layers: LayerSpec[] = [];
  if (image) {
    for (let i = rng.int(5); i > 0; i--) layers.push(randomImageLayer(rng));
    if (rng.int(2) === 0) layers.push({ type: 'flatten' });
  }
  for (let i = rng.int(4); i > 0; i--) {
    layers.push({ type: 'dense', units: 1 + rng.int(20), ...randomWeights(rng) });
    if (rng.int(3) === 0) layers.push({ type: 'dropout', rate: 0.5 });
  }
  return { input, layers };
}

describe('the editor keeps models as notation: every layer-list field survives the round trip', () => {
  it('keeps every field of every kind, batch-norm momentum and epsilon included', () => {
    const model: ModelSpec = {
      input: [12, 12, 3],
      layers: [
        { type: 'conv2d', filters: 5, kernelSize: 3, stride: 2, padding: 1, activation: 'leaky-relu', alpha: 0.2, kernelInit: { name: 'he-uniform' }, biasInit: { name: 'constant', value: 0.1 } },
        { type: 'batchnorm', momentum: 0.9, epsilon: 1e-5 },
        { type: 'avgpool', poolSize: 2, stride: 1 },
        { type: 'maxpool', poolSize: 2, stride: 2 },
        { type: 'dropout', rate: 0.25 },
        { type: 'flatten' },
        { type: 'dense', units: 6, activation: 'elu', alpha: 0.5, kernelInit: { name: 'normal', stddev: 0.02 }, biasInit: { name: 'uniform', limit: 0.1 } },
        { type: 'batchnorm', momentum: 0.5, epsilon: 0.01 },
        { type: 'dense', units: 2, activation: 'softmax', kernelInit: { name: 'lecun-normal' }, biasInit: { name: 'zeros' } },
      ],
    };
    const text = formatNotation(model);
    expect(text).toContain('BN MOMENTUM0.9 EPS0.00001');
    expect(parse(text)).toEqual(model);
  });

  it('refuses in the notation what the layer list refuses: the same caps for both forms', () => {
    for (const [text, message] of [
      ['INPUT 784, FC-100000000, FC-10', /units must be an integer from 1 to 4,096, got 100000000/],
      ['INPUT 28x28x1, CONV3-2048, FC-10', /filters must be an integer from 1 to 1,024, got 2048/],
      ['INPUT 28x28x1, CONV65-2, FC-10', /kernelSize must be an integer from 1 to 64, got 65/],
      ['INPUT 1000000, FC-10', /each input size must be an integer from 1 to 100,000, got 1000000/],
      ['INPUT 8x8x1, BN MOMENTUM1, FC-2', /the momentum must be at least 0 and below 1/],
      ['INPUT 8x8x1, BN EPS0, FC-2', /the epsilon must be above 0/],
    ] as const) {
      const errors = errorsOf(text);
      expect(errors.map((e) => e.message).join('\n'), text).toMatch(message);
    }
  });
});
