// Answers the views' inspect queries with the engine's inspection functions.
import { sizeOf } from '../core/layers/shapes';
import * as tf from '@tensorflow/tfjs';
import { featuresOf } from '../core/data-rules';
import type { ExperimentRunner } from '../core/experiment-runner';
import { activationHistograms, activationMaps, decisionGrid, firstLayerFilters, networkPicture, predict, testPredictions } from '../core/inspect';
import { scaleInputs } from '../data/input-scaling';
import type { InspectQuery, InspectResult } from './protocol';

export function answerInspect(runner: ExperimentRunner, run: string, query: InspectQuery): Promise<InspectResult> {
  return runner.inspect(run, async (net, data, probe): Promise<InspectResult> => {
    const scaling = data.dataset.inputScaling;
    switch (query.kind) {
      case 'decision-grid': {
        const spec = runner.doc.runs.find((r) => r.name === run);
        return { kind: query.kind, ...(await decisionGrid(net, query.resolution, query.lo, query.hi, featuresOf(spec ?? {}), query.points, scaling)) };
      }
      // Inputs from the page (a drawn digit, an example it shows) are raw: the run's preprocessing applies.
      case 'predict':
        return { kind: query.kind, probabilities: await predict(net, scaleInputs(query.x, scaling), query.n) };
      case 'test-predictions':
        return { kind: query.kind, predictions: await testPredictions(net, data, data.dataset.numClasses), labels: data.dataset.test.labels };
      case 'filters':
        return { kind: query.kind, filters: await firstLayerFilters(net) };
      case 'activation-maps':
        return { kind: query.kind, maps: await activationMaps(net, scaleInputs(query.example, scaling)) };
      case 'test-examples':
      case 'train-examples': {
        // The examples as the student sees them: before the run's preprocessing.
        const shown = data.dataset.unscaled ?? data.dataset;
        const { featureShape } = shown;
        const split = shown[query.kind === 'test-examples' ? 'test' : 'train'];
        const count = Math.min(query.count, split.count);
        const features = sizeOf(featureShape);
        return { kind: query.kind, x: split.x.slice(0, count * features), labels: split.labels.slice(0, count), featureShape };
      }
      case 'network': {
        const x = tf.gather(data.inputs('train', net.spec.input), probe);
        try {
          return { kind: query.kind, layers: await networkPicture(net, x) };
        } finally {
          x.dispose();
        }
      }
      case 'histograms': {
        const x = tf.gather(data.inputs('train', net.spec.input), probe);
        try {
          return { kind: query.kind, histograms: await activationHistograms(net, x, query.bins) };
        } finally {
          x.dispose();
        }
      }
    }
  });
}
