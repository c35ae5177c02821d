// What the page shows when the GPU's context is lost while training, with the real worker on WebGL:
// the status and a message saying what happened, the curves drawn so far kept, and the offer to
// continue from the weights last read back or to start again; Continue trains on to the last step
// with every step on the charts exactly once. With a fake host: the offer without snapshots, the
// restored GPU, and the run table's mark for a run that stopped learning.
import { Chart } from 'chart.js';
import { flushSync, mount, unmount, type Component } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { MetricsEvent } from '../../src/core/events';
import { experiment } from '../../src/core/experiment';
import { ExperimentEditor } from '../../src/state/editor.svelte';
import { TrainingController } from '../../src/state/training.svelte';
import ChartsPanel from '../../src/ui/charts/ChartsPanel.svelte';
import RunStats from '../../src/ui/controls/RunStats.svelte';
import TrainingControls from '../../src/ui/controls/TrainingControls.svelte';
import { TrainingHost } from '../../src/worker/host';
import { FakeHost } from './fake-host';

const STEPS = 1500;
const doc = experiment({
  title: 'Lost context',
  task: 'xor',
  data: { xorPoints: 'cloud', trainSize: 200, testSize: 100, noise: 0.2 },
  runs: [
    { name: 'tanh', model: 'INPUT 2, FC-8 TANH, FC-2', optimizer: { name: 'adam', learningRate: 0.01 }, training: { batchSize: 16, steps: STEPS, evalEvery: 50 } },
    { name: 'relu', model: 'INPUT 2, FC-8, FC-2', optimizer: { name: 'momentum', learningRate: 0.05 }, training: { batchSize: 16, steps: STEPS, evalEvery: 50 } },
  ],
});

let target: HTMLElement;
let training: TrainingController | null = null;
const mounted: Record<string, unknown>[] = [];

function mountIn<P extends Record<string, unknown>>(component: Component<P>, props: P) {
  mounted.push(mount(component, { target, props }));
  flushSync();
}

const button = (name: string | RegExp) => page.getByRole('button', { name, exact: true });
/** The steps of a run's raw training-loss curve as drawn (min/max-decimated to at most 1,000 points). */
const drawnSteps = (run: string) => {
  const chart = Chart.getChart(target.querySelector<HTMLCanvasElement>('[data-chart="loss"] canvas')!);
  return ((chart?.data.datasets.find((d) => d.label === `${run} · train (raw)`)?.data ?? []) as { x: number }[]).map((p) => p.x);
};
/** The drawn curve covers steps 1 to `last` once each: strictly increasing, from the start to (near) the end. */
function expectCurveTo(run: string, last: number) {
  const xs = drawnSteps(run);
  expect(xs.length, run).toBeGreaterThan(Math.min(100, last / 2));
  expect(xs.every((x, i) => i === 0 || x > xs[i - 1]), `${run}: each step drawn once, in order`).toBe(true);
  expect(xs[0]).toBe(1);
  expect(xs.at(-1)!).toBeLessThanOrEqual(last);
  expect(xs.at(-1)!).toBeGreaterThanOrEqual(last - 5);
}
const stepsOf = (run: string) => training!.history.filter((e): e is MetricsEvent => e.type === 'metrics' && e.run === run).map((e) => e.step);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

beforeEach(async () => {
  await page.viewport(1280, 1000);
  target = document.createElement('div');
  target.style.width = '1240px';
  document.body.append(target);
});

afterEach(() => {
  for (const instance of mounted.splice(0)) unmount(instance);
  training?.dispose();
  training = null;
  target.remove();
});

describe('a lost WebGL context while training (real worker)', () => {
  it('says what happened, keeps the curves, and Continue trains on to the end', async () => {
    const host = new TrainingHost();
    training = new TrainingController(host, null);
    const editor = new ExperimentEditor();
    expect(editor.load(doc, 'the test')).toBe(true);
    mountIn(TrainingControls, { training, editor, backend: 'webgl' });
    mountIn(ChartsPanel, { training, charts: ['loss'] });

    await button('Train').click();
    await expect.poll(() => training!.currentStep, { timeout: 120_000 }).toBeGreaterThan(120);
    host.simulateContextLoss();

    const alert = page.getByRole('alert');
    await expect.element(alert, { timeout: 30_000 }).toHaveTextContent(/^Training stopped at step [\d,]+: the GPU's WebGL context was lost \(.+\)\. The curves so far are kept\./);
    expect(training.status).toBe('interrupted');
    const at = training.interruption!.step;
    await expect.element(page.getByText(`Interrupted at step ${at.toLocaleString('en-US')} of 1,500`)).toBeVisible();
    // The curves drawn so far stay: every step that arrived before the loss, on the chart too.
    for (const run of ['tanh', 'relu']) {
      expect(stepsOf(run)).toEqual(range(1, stepsOf(run).length));
      await expect.poll(() => drawnSteps(run).at(-1)).toBeGreaterThanOrEqual(stepsOf(run).length - 5);
      expectCurveTo(run, stepsOf(run).length);
    }
    const from = Math.min(...training.interruption!.resumable.map((r) => r.step));
    expect(from).toBeGreaterThanOrEqual(100);
    await expect.element(button('Start again from step 0')).toBeEnabled();

    await button(`Continue from step ${from.toLocaleString('en-US')}`).click();
    expect(training.status).not.toBe('interrupted');
    await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
    await expect.poll(() => training!.status, { timeout: 170_000 }).toBe('finished');
    // Each step once: the ones after the snapshots were dropped from the curves and trained again.
    for (const run of ['tanh', 'relu']) {
      expect(stepsOf(run)).toEqual(range(1, STEPS));
      await expect.poll(() => drawnSteps(run).at(-1)).toBeGreaterThanOrEqual(STEPS - 5);
      expectCurveTo(run, STEPS);
    }
    expect(training.results.map((r) => [r.run, r.steps, r.stopped])).toEqual([
      ['tanh', STEPS, false],
      ['relu', STEPS, false],
    ]);
    await page.screenshot({ path: '../../test-results/interrupted-then-continued.png' });
  });
});

describe('the offer, with a fake host', () => {
  let host: FakeHost;
  let editor: ExperimentEditor;

  beforeEach(() => {
    host = new FakeHost();
    training = new TrainingController(host.asHost(), null);
    editor = new ExperimentEditor();
    editor.load(doc, 'the test');
    mountIn(TrainingControls, { training, editor, backend: 'webgl' });
  });

  it('offers only to start again when no weights were kept, and says when the GPU is back', async () => {
    training!.train(editor.doc!, 'webgl', { stepsOverride: 300 });
    host.push({ type: 'events', events: [{ type: 'metrics', run: 'tanh', step: 1, loss: 0.7, accuracy: 0.5 }] });
    host.push({ type: 'interrupted', reason: "the GPU's WebGL context was lost (test)", step: 1, resumable: [], where: 'worker' });
    await expect.element(page.getByRole('alert')).toHaveTextContent("Training stopped at step 1: the GPU's WebGL context was lost (test). The curves so far are kept.");
    expect(target.querySelectorAll('.interrupted button')).toHaveLength(1);
    host.push({ type: 'context-restored' });
    await expect.element(page.getByRole('alert')).toHaveTextContent(/The curves so far are kept\. The GPU is available again\.$/);

    await button('Start again from step 0').click();
    const [, again] = host.calls.filter((c) => c.method === 'start');
    expect(again.args[2]).toEqual({ stepsOverride: 300 });
    expect(training!.status).toBe('training');
    expect(training!.history).toEqual([]);
  });

  it('Continue asks the session to resume, with the same document and settings', async () => {
    training!.train(editor.doc!, 'webgl', { stepsOverride: 300 });
    host.push({ type: 'interrupted', reason: 'lost', step: 120, resumable: [{ run: 'tanh', step: 100 }, { run: 'relu', step: 100 }], where: 'worker' });
    await button('Continue from step 100').click();
    const [first, resumed] = host.calls.filter((c) => c.method === 'start');
    expect(resumed.args[0]).toEqual(first.args[0]);
    expect(resumed.args[2]).toEqual({ stepsOverride: 300, resume: true });
  });
});

describe('RunStats', () => {
  it('marks a run that stopped learning instead of showing it as plainly done', async () => {
    const host = new FakeHost();
    training = new TrainingController(host.asHost(), null);
    mountIn(RunStats, { training });
    training.train(doc, 'cpu');
    const done = { type: 'done', steps: STEPS, loss: 40, accuracy: 0.1, testLoss: 40, testAccuracy: 0.1, msPerStep: 1, msPerInference: 1, examplesPerSecond: 16000, diverged: false, stopped: false } as const;
    host.push({
      type: 'events',
      events: [
        { ...done, run: 'tanh', reason: { kind: 'blewUp', detail: 'the mean training loss of the last 50 steps, 40.0, is more than 2 times the first step\'s, 0.700' } },
        { ...done, run: 'relu', reason: null },
      ],
    });
    const rows = [...target.querySelectorAll('tbody th')].map((th) => th.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual(['tanh blew up', 'relu']);
    expect(target.querySelector('tbody th span[title^="the mean training loss"]')?.textContent).toBe('blew up');
  });
});
