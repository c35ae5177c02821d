import { describe, expect, it } from 'vitest';
import { DEFAULT_BIAS_INIT, DEFAULT_KERNEL_INIT, type Conv2dSpec, type ModelSpec } from '../../src/core/layers';
import { parseNotation } from '../../src/core/notation';
import { summarize, traceShapes, validateShapes } from '../../src/core/summary';

function model(text: string): ModelSpec {
  const result = parseNotation(text);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join(' | '));
  return result.model;
}

const column = <K extends 'outputShape' | 'params' | 'receptiveField' | 'notation' | 'type'>(text: string, key: K) =>
  summarize(model(text)).layers.map((row) => row[key]);

function conv(kernelSize: number, filters: number, extra: Partial<Conv2dSpec> = {}): Conv2dSpec {
  const weights = { activation: 'relu' as const, kernelInit: DEFAULT_KERNEL_INIT, biasInit: DEFAULT_BIAS_INIT };
  return { type: 'conv2d', kernelSize, filters, stride: 1, padding: 'same', ...weights, ...extra };
}

describe('summarize', () => {
  const lecture = 'INPUT 28x28x1, CONV5-8, POOL2, CONV5-16, POOL3, FC-10';

  it('gives the hand-checked table of the lecture example', () => {
    const summary = summarize(model(lecture));
    expect(summary.layers.map((row) => row.notation)).toEqual(['INPUT 28x28x1', 'CONV5-8', 'POOL2', 'CONV5-16', 'POOL3', 'FC-10']);
    expect(summary.layers.map((row) => row.type)).toEqual(['input', 'conv2d', 'maxpool', 'conv2d', 'maxpool', 'dense']);
    expect(summary.layers.map((row) => row.outputShape)).toEqual([[28, 28, 1], [28, 28, 8], [14, 14, 8], [14, 14, 16], [4, 4, 16], [10]]);
    expect(summary.layers.map((row) => row.params)).toEqual([0, 208, 0, 3216, 0, 2570]);
    expect(summary.totalParams).toBe(5994);
    expect(summary.layers.map((row) => row.receptiveField)).toEqual([1, 5, 6, 14, 18, 28]);
  });

  it('does the CS231n example: 32x32x3 through ten 5x5 filters with stride 1, pad 2', () => {
    const [, row] = summarize(model('INPUT 32x32x3, CONV5-10 S1 P2')).layers;
    expect(row).toMatchObject({ outputShape: [32, 32, 10], params: 760, receptiveField: 5 });
  });

  it('does AlexNet conv1: 227x227x3 through 96 11x11 filters with stride 4, no padding', () => {
    const [, row] = summarize(model('INPUT 227x227x3, CONV11-96 S4 P0')).layers;
    expect(row).toMatchObject({ outputShape: [55, 55, 96], params: 34944, receptiveField: 11 });
  });

  it('gives three stacked 3x3 convolutions the field of one 7x7, with fewer parameters', () => {
    const c = 64;
    const stacked = summarize(model(`INPUT 32x32x${c}, CONV3-${c}, CONV3-${c}, CONV3-${c}`));
    const single = summarize(model(`INPUT 32x32x${c}, CONV7-${c}`));
    expect(stacked.layers.map((row) => row.receptiveField)).toEqual([1, 3, 5, 7]);
    expect(single.layers[1].receptiveField).toBe(7);
    expect(stacked.totalParams).toBe(3 * (9 * c * c + c));
    expect(single.totalParams).toBe(49 * c * c + c);
    expect(stacked.totalParams).toBeLessThan(single.totalParams);
  });

  it('counts an MLP and gives its dense units the whole feature vector as field', () => {
    const summary = summarize(model('INPUT 784, FC-100, FC-10'));
    expect(summary.layers.map((row) => row.params)).toEqual([0, 78500, 1010]);
    expect(summary.layers.map((row) => row.outputShape)).toEqual([[784], [100], [10]]);
    expect(summary.layers.map((row) => row.receptiveField)).toEqual([1, 784, 784]);
  });

  it('uses TensorFlow rules: same padding gives ceil(in / stride), pooling floors', () => {
    expect(column('INPUT 7x7x1, CONV3-2 S2', 'outputShape')[1]).toEqual([4, 4, 2]);
    expect(column('INPUT 7x7x1, POOL2', 'outputShape')[1]).toEqual([3, 3, 1]);
    expect(column('INPUT 7x7x1, POOL3 S2', 'outputShape')[1]).toEqual([3, 3, 1]);
    expect(column('INPUT 7x7x1, CONV3-2 S2 P0', 'outputShape')[1]).toEqual([3, 3, 2]);
  });

  it('follows each side of a non-square image', () => {
    expect(column('INPUT 20x9x3, CONV3-4 P0, POOL2', 'outputShape')).toEqual([[20, 9, 3], [18, 7, 4], [9, 3, 4]]);
    // Dense units see the whole image: its longer side.
    expect(column('INPUT 20x9x3, FC-2', 'receptiveField')).toEqual([1, 20]);
  });

  it('counts 2C parameters for batch norm, none for dropout and flatten, and flattens in a dense layer', () => {
    const text = 'INPUT 6x6x3, CONV3-4, BN, DROPOUT0.5, FLATTEN, FC-5, BN, FC-2';
    expect(column(text, 'params')).toEqual([0, 4 * (27 + 1), 8, 0, 0, 144 * 5 + 5, 10, 5 * 2 + 2]);
    expect(column(text, 'outputShape')).toEqual([[6, 6, 3], [6, 6, 4], [6, 6, 4], [6, 6, 4], [144], [5], [5], [2]]);
  });

  it('counts a dense layer on an image by its flattened size, without a FLATTEN', () => {
    expect(column('INPUT 4x4x2, FC-3', 'params')).toEqual([0, 32 * 3 + 3]);
  });

  it('keeps the field through flatten, dropout and batch norm; dense layers see the whole image', () => {
    expect(column('INPUT 28x28x1, CONV5-8, BN, DROPOUT0.5, FLATTEN, FC-10', 'receptiveField')).toEqual([1, 5, 5, 5, 5, 28]);
  });

  it('grows the field by the stride of earlier layers', () => {
    // CONV3 S2: r = 3, j = 2; POOL2: r = 3 + 1 * 2 = 5, j = 4; CONV3: r = 5 + 2 * 4 = 13.
    expect(column('INPUT 64x64x1, CONV3-2 S2, POOL2, CONV3-2', 'receptiveField')).toEqual([1, 3, 5, 13]);
  });

  it('returns rows that do not share arrays with the model', () => {
    const m = model('INPUT 4x4x1, DROPOUT0.5');
    const summary = summarize(m);
    summary.layers[0].outputShape[0] = 99;
    summary.layers[1].outputShape[0] = 99;
    expect(m.input).toEqual([4, 4, 1]);
  });

  it('refuses to summarize a model whose shapes do not work out', () => {
    const bad: ModelSpec = { input: [2, 2, 1], layers: [{ type: 'maxpool', poolSize: 3, stride: 3 }] };
    expect(() => summarize(bad)).toThrow(/layer 1 \(POOL3\): a 3x3 window does not fit a 2x2 input/);
  });
});

describe('validateShapes and traceShapes', () => {
  it('finds nothing wrong with a valid model', () => {
    expect(validateShapes(model('INPUT 28x28x1, CONV5-8, POOL2, CONV5-16, POOL3, FC-10'))).toEqual([]);
  });

  it('names the layer by number and notation', () => {
    const m: ModelSpec = { input: [8, 8, 1], layers: [conv(3, 2, { padding: 0 }), conv(3, 2, { padding: 0 }), conv(5, 2, { padding: 0 })] };
    expect(validateShapes(m)).toEqual(['layer 3 (CONV5-2 P0): a 5x5 kernel does not fit a 4x4 input']);
  });

  it('rejects convolution and pooling on flat input', () => {
    const m: ModelSpec = { input: [10], layers: [{ type: 'maxpool', poolSize: 2, stride: 2 }] };
    expect(validateShapes(m)).toEqual(['layer 1 (POOL2): max-pooling needs an image input (HxWxC), but gets 10 flat features']);
    const afterFlatten: ModelSpec = { input: [4, 4, 1], layers: [{ type: 'flatten' }, conv(3, 2)] };
    expect(validateShapes(afterFlatten)[0]).toMatch(/^layer 2 \(CONV3-2\): a convolution needs an image input.*16 flat features$/);
  });

  it('checks size fields on every layer, even after the shapes are lost', () => {
    const m: ModelSpec = {
      input: [4, 4, 1],
      layers: [conv(3, 0), { type: 'maxpool', poolSize: 2, stride: 0 }, conv(3, 2, { padding: -1 }), { type: 'dense', units: 2.5, activation: 'relu', kernelInit: DEFAULT_KERNEL_INIT, biasInit: DEFAULT_BIAS_INIT }],
    };
    const problems = validateShapes(m);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^layer 1 .*filters must be a whole number of at least 1, got 0/);
    expect(problems[1]).toMatch(/^layer 2 .*stride must be a whole number of at least 1, got 0/);
    expect(problems[2]).toMatch(/^layer 3 .*padding must be 'same' or a whole number of at least 0, got -1/);
    expect(problems[3]).toMatch(/^layer 4 .*units must be a whole number of at least 1, got 2.5/);
  });

  it('rejects an input that is neither [N] nor [H, W, C]', () => {
    expect(validateShapes({ input: [28, 28], layers: [] })[0]).toMatch(/^layer 0 \(INPUT 28x28\): the input must be/);
    expect(validateShapes({ input: [0], layers: [] })).toHaveLength(1);
  });

  it('traces shapes up to the first layer that cannot apply', () => {
    const m: ModelSpec = { input: [4, 4, 1], layers: [{ type: 'maxpool', poolSize: 2, stride: 2 }, { type: 'maxpool', poolSize: 3, stride: 3 }, { type: 'flatten' }] };
    expect(traceShapes(m)).toEqual({
      shapes: [[4, 4, 1], [2, 2, 1]],
      problems: [{ layerIndex: 2, message: 'a 3x3 window does not fit a 2x2 input' }],
    });
  });
});
