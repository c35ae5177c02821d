// The page's side of a lesson's compute step, with the session played by hand: LessonState asks for
// the step when the lesson opens, keeps the verdict waiting until the result is in, measures edited
// runs anew and says when the step failed; the gradient check's picture draws what it is given.
import { Chart } from 'chart.js';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import type { ExperimentDoc } from '../../src/core/experiment-types';
import type { GradientCheck } from '../../src/core/gradient-check';
import type { HandCheck } from '../../src/lessons/conv-by-hand-compute';
import { convByHand } from '../../src/lessons/conv-by-hand';
import { LessonState, type Computed } from '../../src/state/lesson.svelte';
import GradientCheckView from '../../src/ui/lessons/GradientCheckView.svelte';

/** A compute step that answers when the test says so. */
function handStep() {
  const asked: { lesson: string; doc: ExperimentDoc; resolve: (r: unknown) => void; reject: (e: Error) => void }[] = [];
  const step = (lesson: string, doc: ExperimentDoc) => new Promise<unknown>((resolve, reject) => asked.push({ lesson, doc, resolve, reject }));
  return { asked, step };
}
const settle = () => new Promise((done) => setTimeout(done, 0));

/** What the conv-by-hand step would measure, written by hand: a match, and a flipped filter far off. */
const handChecks = (doc: ExperimentDoc): HandCheck[] =>
  doc.runs.map((r, i) => ({
    run: r.name,
    backend: 'webgl',
    example: 0,
    label: 7,
    layer: 'CONV',
    input: [28, 28],
    kernel: 5 - i,
    stride: 1 + i,
    pad: 2 - i,
    filters: 4,
    formula: { rows: 28 / (1 + i), columns: 28 / (1 + i), text: '…' },
    engineShape: [28 / (1 + i), 28 / (1 + i), 4],
    scale: 1,
    difference: 1e-7,
    flippedDifference: 1,
  }));

describe('LessonState and a compute step', () => {
  it('asks on opening, waits to judge until the result is in, then judges with it', async () => {
    const { asked, step } = handStep();
    const lessons = new LessonState(step);
    lessons.open('conv-by-hand');
    expect(asked.map((a) => a.lesson)).toEqual(['conv-by-hand']);
    expect(lessons.computed?.state).toBe('running');
    const doc = experiment(convByHand.experiment);
    lessons.judge(doc, []);
    expect(lessons.verdict?.kind).toBe('waiting');
    expect(asked).toHaveLength(1); // the same runs: not asked twice
    asked[0].resolve(handChecks(doc));
    await settle();
    expect(lessons.computed?.state).toBe('done');
    expect(lessons.verdict).toMatchObject({ kind: 'claim', claim: { held: true } });
  });

  it('measures edited runs anew, and a failed step leaves the claim unjudged with its reason', async () => {
    const { asked, step } = handStep();
    const lessons = new LessonState(step);
    lessons.open('conv-by-hand');
    const doc = experiment(convByHand.experiment);
    asked[0].resolve(handChecks(doc));
    await settle();
    const edited = { ...doc, runs: doc.runs.map((r) => ({ ...r, seed: 5 })) };
    lessons.judge(edited, []);
    expect(asked.map((a) => a.doc)).toEqual([doc, edited]);
    expect(lessons.verdict?.kind).toBe('waiting');
    asked[1].reject(new Error('the WebGL context was lost'));
    await settle();
    expect(lessons.verdict).toEqual({ kind: 'not-judged', reason: "the claim could not be checked: the lesson's measurement failed (the WebGL context was lost)" });
    // Judged again, the failed step is asked again.
    lessons.judge(edited, []);
    expect(asked).toHaveLength(3);
  });

  it('drops an answer for a lesson that is no longer open, and never asks for lessons without a step', async () => {
    const { asked, step } = handStep();
    const lessons = new LessonState(step);
    lessons.open('conv-by-hand');
    lessons.open('xor-hidden-layer');
    expect(asked).toHaveLength(1);
    asked[0].resolve([]);
    await settle();
    expect(lessons.computed).toBeNull();
  });
});

describe('GradientCheckView', () => {
  let target: HTMLElement | null = null;
  let instance: Record<string, unknown> | null = null;
  afterEach(() => {
    if (instance) unmount(instance);
    target?.remove();
  });
  const show = (computed: Computed | null) => {
    target = document.body.appendChild(document.createElement('div'));
    target.style.width = '900px';
    instance = mount(GradientCheckView, { target, props: { computed, colorOf: () => '#0072B2' } });
    flushSync();
    return target;
  };
  const check: GradientCheck = {
    run: 'smooth',
    hs: [1e-1, 1e-2, 1e-3],
    dtype: 'float32',
    backend: 'webgl',
    loss: 2.3,
    examples: 4,
    layers: [{ layer: 1, label: 'FC-10', centredError: [1e-3, 0, 1e-4], oneSidedError: [1e-1, 1e-2, 1e-3], crossedFraction: [0, 0, 0], entries: [] }],
  };

  it('draws a log–log line per layer and difference, leaving out an error of exactly 0, with the numbers in a table', () => {
    const root = show({ state: 'done', key: 'k', result: [check] });
    const chart = Chart.getChart(root.querySelector('canvas')!)!;
    expect(chart.data.datasets.map((d) => [d.label, d.data.length])).toEqual([
      ['FC-10 centred', 2],
      ['FC-10 one-sided', 3],
    ]);
    expect([(chart.options.scales!.x as { type: string }).type, (chart.options.scales!.y as { type: string }).type]).toEqual(['logarithmic', 'logarithmic']);
    // An exact match (error 0) is the best there is: the table says so, the log axis cannot.
    expect([...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()))).toEqual([
      ['smooth'],
      ['FC-10', '0 (1e-2)', '1.0e-3 (1e-3)', '1.0e-4 (h = 1e-3)', '0%'],
    ]);
  });

  it('says that it is measuring, or why it failed, as text', () => {
    expect(show({ state: 'running', key: 'k' }).querySelector('[role="status"]')!.textContent).toMatch(/^Checking every layer/);
    unmount(instance!);
    target!.remove();
    instance = null;
    expect(show({ state: 'failed', key: 'k', error: '<b>lost</b>' }).querySelector('[role="alert"]')!.textContent).toBe('The gradient check failed: <b>lost</b>');
  });
});
