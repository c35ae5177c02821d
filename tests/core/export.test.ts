import { describe, expect, it } from 'vitest';
import xorJson from '../../docs/examples/xor.json';
import type { LayerStats, TrainEvent } from '../../src/core/events';
import { experiment, parseExperiment } from '../../src/core/experiment';
import { csvField, experimentOf, exportFileName, exportJSON, layersCSV, metricsCSV, trainingExport } from '../../src/state/export';

const doc = experiment(xorJson);
const QUOTED = 'a "quoted", name';

function layer(layerIndex: number, gradNorm: number): LayerStats {
  return { layer: layerIndex, label: `FC-${layerIndex * 2}`, units: layerIndex * 2, gradNorm, weightNorm: 1.5, activationMean: -0.25, activationStd: 0.5, deadFraction: 0, distinctUnits: 4 };
}

// Two runs interleaved as the engine sends them; evals only every second step; a diverged loss.
const history: TrainEvent[] = [
  { type: 'metrics', run: QUOTED, step: 1, loss: 0.75, accuracy: 0.5 },
  { type: 'metrics', run: 'plain', step: 1, loss: 0.5, accuracy: 0.25 },
  { type: 'metrics', run: QUOTED, step: 2, loss: 0.625, accuracy: 0.75 },
  { type: 'eval', run: QUOTED, step: 2, testLoss: 0.7, testAccuracy: 0.5, trainSetLoss: 0.1, trainSetAccuracy: 0.99 },
  { type: 'metrics', run: 'plain', step: 2, loss: Number.NaN, accuracy: 0.25 },
  { type: 'eval', run: 'plain', step: 2, testLoss: Infinity, testAccuracy: 0, trainSetLoss: 0.1, trainSetAccuracy: 0.99 },
  { type: 'layers', run: QUOTED, step: 2, layers: [layer(1, 0.125), layer(2, 1e-7)] },
  { type: 'timing', run: QUOTED, step: 2, msPerStep: 1, msPerInference: 0.5, examplesPerSecond: 4000, kernelsPerInference: 5 },
  { type: 'diverged', run: 'plain', step: 2 },
];

describe('metricsCSV', () => {
  it('writes one row per run and step, test columns empty where there was no evaluation', () => {
    expect(metricsCSV(history)).toBe(
      [
        'run,step,loss,accuracy,testLoss,testAccuracy',
        '"a ""quoted"", name",1,0.75,0.5,,',
        '"a ""quoted"", name",2,0.625,0.75,0.7,0.5',
        'plain,1,0.5,0.25,,',
        'plain,2,NaN,0.25,Infinity,0',
        '',
      ].join('\n'),
    );
  });

  it('has just the header for an empty history', () => {
    expect(metricsCSV([])).toBe('run,step,loss,accuracy,testLoss,testAccuracy\n');
  });

  it('keeps an evaluation that has no training step of its own (step 0)', () => {
    const csv = metricsCSV([{ type: 'eval', run: 'r', step: 0, testLoss: 2, testAccuracy: 0.1, trainSetLoss: 0.1, trainSetAccuracy: 0.99 }, { type: 'metrics', run: 'r', step: 1, loss: 1, accuracy: 0.5 }]);
    expect(csv.split('\n').slice(1, 3)).toEqual(['r,0,,,2,0.1', 'r,1,1,0.5,,']);
  });
});

describe('layersCSV', () => {
  it('writes one row per layer per diagnostics step', () => {
    expect(layersCSV(history)).toBe(
      [
        'run,step,layer,label,units,gradNorm,weightNorm,activationMean,activationStd,deadFraction,distinctUnits',
        '"a ""quoted"", name",2,1,FC-2,2,0.125,1.5,-0.25,0.5,0,4',
        '"a ""quoted"", name",2,2,FC-4,4,1e-7,1.5,-0.25,0.5,0,4',
        '',
      ].join('\n'),
    );
  });
});

describe('csvField', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas in text only', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-lr 0.1')).toBe("'-lr 0.1");
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(null)).toBe('');
  });
});

describe('JSON export', () => {
  it('holds the document and every event, and parses back', () => {
    const parsed = JSON.parse(exportJSON(doc, history));
    expect(parsed).toMatchObject({ format: 'gradient-lab-training', version: 1, experiment: { title: doc.title, runs: [{ name: doc.runs[0].name }] } });
    expect(parsed.events).toHaveLength(history.length);
    expect(parsed.events[0]).toEqual(history[0]);
    expect(parsed.events[4].loss).toBeNull(); // NaN has no JSON form
  });

  it('copies rather than shares the history and the document', () => {
    const out = trainingExport(doc, history);
    expect(out.events).toEqual(history);
    expect(out.events[0]).not.toBe(history[0]);
    expect(out.experiment).not.toBe(doc);
    expect(trainingExport(null, []).experiment).toBeNull();
  });
});

describe('exportFileName', () => {
  it('makes a file name from the title', () => {
    expect(exportFileName('XOR with one hidden layer', 'metrics', 'csv')).toBe('xor-with-one-hidden-layer-metrics.csv');
    expect(exportFileName('Café: ReLU vs. tanh!', 'loss', 'png')).toBe('cafe-relu-vs-tanh-loss.png');
    expect(exportFileName('', 'run', 'json')).toBe('gradient-lab-run.json');
    expect(exportFileName(null, 'run', 'json')).toBe('gradient-lab-run.json');
  });
});

describe('importing an export', () => {
  it('opens the document a training export was made from, and a plain document as itself', () => {
    const doc = experiment({ task: 'xor', title: 'exported', runs: [{ name: 'a' }] });
    const file = JSON.parse(exportJSON(doc, [{ type: 'metrics', run: 'a', step: 1, loss: 0.5, accuracy: 0.5 }]));
    const opened = parseExperiment(experimentOf(file));
    expect(opened.ok && opened.doc).toEqual(doc);
    const plain = { task: 'xor', runs: [{}] };
    expect(experimentOf(plain)).toBe(plain);
    // Without the wrapper's unwrapping, the validator refuses the export (the control).
    expect(parseExperiment(file).ok).toBe(false);
  });
});
