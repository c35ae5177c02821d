// The memory budget against what tfjs really allocates: each model trains a chunk of steps, an
// evaluation and the diagnostics on the cpu backend while every buffer it makes is counted (and
// tf.memory().numBytes, which counts a reshape or clone again although it shares its buffer). The
// estimate must lie within ESTIMATE_RANGE of the buffers' peak: near enough to refuse only what
// cannot fit, and not below it by more than the limits' own margin.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_SIZES, estimateMemory, exampleCounts, formatBytes } from '../../src/core/budget';
import { experiment } from '../../src/core/experiment';
import { ExperimentRunner } from '../../src/core/experiment-runner';
import { summarize } from '../../src/core/summary';
import { buildDataset } from '../../src/data/dataset';
import { backend, mnistDigits } from '../support/engine';
import { peakBufferBytes, peakBytes } from '../support/peak-bytes';

/**
 * estimate / measured peak of the buffers. Against numBytes, which counts a view again (a stacked conv
 * reshapes [runs, batch, ...] to [runs * batch, ...] and back: numBytes reads twice the real buffers
 * there), the low end is NUM_BYTES_MIN.
 */
const ESTIMATE_RANGE = { min: 0.8, max: 1.5 };
const NUM_BYTES_MIN = 0.45;
const CHUNK = 5;
/** The 784-1024-1024-10 case alone is about half a minute of cpu-backend work; several times that on a shared two-core machine. */
const TRAINING_MS = 300_000;

beforeAll(() => backend('cpu'));

const CASES = [
  { model: 'INPUT 784, FC-100 RELU HE, FC-10', optimizer: { name: 'sgd', learningRate: 0.1 }, batchSize: 32 },
  { model: 'INPUT 784, FC-256, DROPOUT0.5, FC-256, FC-10', optimizer: { name: 'adam', learningRate: 0.001 }, batchSize: 64 },
  { model: 'INPUT 784, FC-128 TANH, BN, FC-128 TANH, FC-10', optimizer: { name: 'rmsprop', learningRate: 0.001 }, batchSize: 64, clipNorm: 1 },
  { model: 'INPUT 784, FC-128, FC-128, FC-10', optimizer: { name: 'nesterov', learningRate: 0.01, momentum: 0.9 }, batchSize: 512 },
  { model: 'INPUT 28x28x1, CONV3-8, POOL2, CONV3-8, POOL3, FC-10', optimizer: { name: 'momentum', learningRate: 0.01, momentum: 0.9 }, batchSize: 32 },
  // Weights outweigh activations: the update's temporaries (every variable's, held to the step's end) are the peak.
  { model: 'INPUT 784, FC-1024, FC-1024, FC-10', optimizer: { name: 'adam', learningRate: 0.001 }, batchSize: 16 },
];

describe('the instruments', () => {
  it('see a 4 MB tensor that lives only inside the measured work, and nothing after it', async () => {
    const tf = await import('@tensorflow/tfjs');
    let buffers = { peak: 0, after: -1 };
    const counted = await peakBytes(async () => {
      buffers = await peakBufferBytes(async () => {
        const t = tf.zeros([1_000_000]);
        const view = tf.reshape(t, [1000, 1000]); // shares t's buffer: numBytes counts it again
        tf.dispose([t, view]);
      });
    });
    expect(buffers).toMatchObject({ peak: 4e6, after: 0 });
    expect(counted.peak - counted.before).toBe(8e6);
    expect(counted.after).toBe(counted.before);
  });
});

describe('the memory estimate against a real training run on cpu', () => {
  it.each(CASES)('$model with $optimizer.name, batch $batchSize', async ({ model, optimizer, batchSize, clipNorm }) => {
    // Six steps in chunks of five (the cpu backend is slow): a full chunk's block of batches, an
    // evaluation at step 5, one more step and the last evaluation, the diagnostics at 0, 5 and 6.
    // Few examples (as many as a batch needs): on the cpu backend the two evaluations of a
    // 784-1024-1024-10 net over 1,100 digits took minutes on a loaded two-core machine; the data's
    // own buffers are in the estimate either way.
    const doc = experiment({
      task: 'mnist',
      data: { trainSize: Math.max(batchSize, 128), testSize: 100 },
      runs: [{ model, optimizer, training: { batchSize, steps: 6, evalEvery: 5, clipNorm: clipNorm ?? null } }],
    });
    const dataset = buildDataset(doc.task, doc.data, await mnistDigits());
    const runner = new ExperimentRunner(doc, dataset, { onEvent: () => {}, chunkSteps: CHUNK });
    let buffers = { peak: 0, after: 0 };
    const counted = await peakBytes(async () => {
      buffers = await peakBufferBytes(() => runner.run());
    });

    const run = doc.runs[0];
    const counts = exampleCounts(doc.task, doc.data);
    const estimate = estimateMemory({
      runs: [{ summary: summarize(run.model), optimizer: run.optimizer.name, batchSize: run.training.batchSize, clipNorm: run.training.clipNorm, l2: run.training.l2 }],
      data: { trainCount: counts.train, testCount: counts.test, features: 784, units: 10 },
    }, { ...DEFAULT_ENGINE_SIZES, chunkSteps: CHUNK }).total;
    const numBytes = counted.peak - counted.before;
    console.log(
      `${model} (${optimizer.name}, batch ${batchSize}): estimate ${formatBytes(estimate)}, buffers' peak ${formatBytes(buffers.peak)} (ratio ${(estimate / buffers.peak).toFixed(2)}), numBytes' peak ${formatBytes(numBytes)} (ratio ${(estimate / numBytes).toFixed(2)})`,
    );
    expect(estimate / buffers.peak).toBeGreaterThanOrEqual(ESTIMATE_RANGE.min);
    expect(estimate / buffers.peak).toBeLessThanOrEqual(ESTIMATE_RANGE.max);
    expect(estimate / numBytes).toBeGreaterThanOrEqual(NUM_BYTES_MIN);
    expect(estimate / numBytes).toBeLessThanOrEqual(ESTIMATE_RANGE.max);
    // Everything the run made was freed: the measure started and ended at the same place.
    expect(buffers.after).toBe(0);
    expect(counted.after).toBe(counted.before);
  }, TRAINING_MS);
});
