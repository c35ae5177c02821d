// Average pooling, the kind added to prove the registry (issue 8): notation, summary, the engine's
// values and gradient, and a real CNN trained with it. Everything it needed lives in its own module.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kindOf, LAYER_KINDS } from '../../src/core/layers';
import { Network } from '../../src/core/model';
import { formatNotation, parseNotation } from '../../src/core/notation';
import { summarize } from '../../src/core/summary';
import { backend, train } from '../support/engine';

const parse = (text: string) => {
  const result = parseNotation(text);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.model;
};

describe('AVGPOOLk in the notation and the summary', () => {
  it('reads AVGPOOLk with its stride, formats it back, and keeps POOLk (and MAXPOOLk) max-pooling', () => {
    const model = parse('INPUT 28x28x1, CONV5-8, AVGPOOL2, AVGPOOL3 S2, MAXPOOL2, FC-10');
    expect(model.layers.map((l) => l.type)).toEqual(['conv2d', 'avgpool', 'avgpool', 'maxpool', 'dense']);
    expect(model.layers[1]).toEqual({ type: 'avgpool', poolSize: 2, stride: 2 });
    expect(model.layers[2]).toEqual({ type: 'avgpool', poolSize: 3, stride: 2 });
    expect(formatNotation(model)).toBe('INPUT 28x28x1, CONV5-8, AVGPOOL2, AVGPOOL3 S2, POOL2, FC-10');
  });

  it('says what is wrong with a bad AVGPOOL, as for POOL', () => {
    for (const [text, message] of [
      ['INPUT 8x8x1, AVGPOOL, FC-2', /expected AVGPOOLk with a whole number/],
      ['INPUT 8x8x1, AVGPOOL0, FC-2', /window size k in AVGPOOLk must be at least 1/],
      ['INPUT 8x8x1, AVGPOOL2 RELU, FC-2', /AVGPOOL takes no activation; AVGPOOL takes only a stride/],
      ['INPUT 4, AVGPOOL2, FC-2', /average pooling needs an image input/],
      ['INPUT 2x2x1, AVGPOOL3, FC-2', /a 3x3 window does not fit a 2x2 input/],
    ] as const) {
      const result = parseNotation(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.message).join('\n'), text).toMatch(message);
    }
  });

  it('has the shape, parameters and receptive field of a pooling layer', () => {
    const rows = summarize(parse('INPUT 28x28x1, CONV5-8, AVGPOOL2, FC-10')).layers;
    expect(rows.map((r) => [r.notation, r.outputShape.join('x'), r.params, r.receptiveField])).toEqual([
      ['INPUT 28x28x1', '28x28x1', 0, 1],
      ['CONV5-8', '28x28x8', 208, 5],
      ['AVGPOOL2', '14x14x8', 0, 6],
      ['FC-10', '10', 14 * 14 * 8 * 10 + 10, 28],
    ]);
  });

  it('is offered in the editor with its own fields', () => {
    const kind = kindOf('avgpool');
    expect(LAYER_KINDS.map((k) => k.type)).toContain('avgpool');
    expect(kind.create()).toEqual({ type: 'avgpool', poolSize: 2, stride: 2 });
    expect(kind.editor.map((f) => ('label' in f ? f.label : f.kind))).toEqual(['Pool size', 'Stride']);
  });
});

describe('AVGPOOLk in the engine', () => {
  beforeAll(() => backend('cpu'));

  it('averages each window and hands every input of the window an equal share of the gradient', async () => {
    const net = new Network([parse('INPUT 4x4x1, AVGPOOL2, FC-1 LINEAR')], [1]);
    try {
      const x = tf.tensor4d(Array.from({ length: 16 }, (_, i) => i), [1, 4, 4, 1]);
      // Through the pooling alone: what the dense layer receives.
      const pooled = tf.avgPool(x, 2, 2, 'valid');
      expect(Array.from(await pooled.data())).toEqual([2.5, 4.5, 10.5, 12.5]);
      // One run of one example: [run, batch, h, w, c].
      const grad = tf.grad((input: tf.Tensor) => tf.sum(net.forward(tf.expandDims(input, 0), { training: true }).scores))(x);
      const kernel = await net.weighted[0].kernel.data();
      // d(sum of scores)/dx = w_window / 4 at every pixel of that window.
      const expected = Array.from({ length: 16 }, (_, i) => kernel[Math.floor(Math.floor(i / 4) / 2) * 2 + Math.floor((i % 4) / 2)] / 4);
      Array.from(await grad.data()).forEach((g, i) => expect(g).toBeCloseTo(expected[i], 6));
      tf.dispose([x, pooled, grad]);
    } finally {
      net.dispose();
    }
  });

  it('trains an MNIST CNN written with AVGPOOL2: the test accuracy leaves chance far behind', async () => {
    await backend('wasm');
    const { results, of } = await train({
      task: 'mnist',
      data: { trainSize: 1000, testSize: 300 },
      runs: [{ model: 'INPUT 28x28x1, CONV5-8, AVGPOOL2, FC-10', optimizer: { name: 'adam', learningRate: 0.005 }, training: { batchSize: 32, steps: 80, evalEvery: 80 } }],
    });
    const losses = of('metrics').map((m) => m.loss);
    expect(results[0].diverged).toBe(false);
    expect(losses.slice(-10).reduce((a, b) => a + b) / 10).toBeLessThan(losses.slice(0, 10).reduce((a, b) => a + b) / 10 / 2);
    expect(results[0].testAccuracy).toBeGreaterThan(0.6); // chance is 0.1
  });
});

describe('what the registry says about sliding windows', () => {
  it('convolutions and both poolings slide a window; only max-pooling picks a maximum (a kink for gradient checking)', () => {
    expect(kindOf('conv2d').window?.({ type: 'conv2d', filters: 8, kernelSize: 5, stride: 2, padding: 'same' } as never)).toEqual({ size: 5, stride: 2 });
    expect(kindOf('maxpool').window?.({ type: 'maxpool', poolSize: 3, stride: 2 })).toEqual({ size: 3, stride: 2 });
    expect(kindOf('avgpool').window?.({ type: 'avgpool', poolSize: 2, stride: 2 })).toEqual({ size: 2, stride: 2 });
    expect([kindOf('maxpool').picksMaximum, kindOf('avgpool').picksMaximum, kindOf('conv2d').picksMaximum]).toEqual([true, undefined, undefined]);
    expect(kindOf('dense').window).toBeUndefined();
  });
});
