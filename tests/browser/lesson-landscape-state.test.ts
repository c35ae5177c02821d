// LessonState with a lesson that measures after training (the loss landscape): it asks the session,
// says it is measuring, judges the claim on the answer, drops an answer that a newer training made
// stale, and says why when the landscape fails. A hand-made landscape, so the verdict is known.
import { describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import type { LandscapeResult, LandscapeSpec, RunLandscape } from '../../src/core/landscape-spec';
import { lossLandscape } from '../../src/lessons/loss-landscape';
import { LessonState, type AfterTrainingHost } from '../../src/state/lesson.svelte';

const land = (run: string, around: number): RunLandscape => ({
  run,
  line: { t: [-0.25, 0, 0.5, 1, 1.25], loss: [2.5, 2.4, 1.2, 0.4, 0.38] },
  slice: { coords: [-1, 0, 1], loss: [around, around, around, around, 0.4, around, around, around, around] },
  path: [{ step: 0, alpha: 0.01, beta: 0 }, { step: 300, alpha: 0, beta: 0 }],
  pathCaptured: 0.01,
  varied: 100,
  parameters: 110,
});
const result = (narrowAround: number): LandscapeResult => ({ spec: lossLandscape.afterTraining!.landscape, runs: [land('narrow', narrowAround), land('wide', 0.6)] });

/** A session whose answers the test gives by hand, in any order. */
function session() {
  const asked: { spec: LandscapeSpec; resolve: (r: LandscapeResult) => void; reject: (e: Error) => void; progress?: (d: number, t: number) => void }[] = [];
  const host: AfterTrainingHost = {
    landscape: (spec, progress) => new Promise((resolve, reject) => asked.push({ spec, resolve, reject, progress })),
  };
  return { host, asked };
}

const doc = experiment(lossLandscape.experiment);

describe('a lesson judged on its landscape', () => {
  it('measures, then judges on the answer: held when the narrow basin is steep, not held when it is as flat as the wide one', async () => {
    const lessons = new LessonState();
    lessons.open('loss-landscape');
    const { host, asked } = session();
    lessons.judge(doc, [], host);
    expect(asked).toHaveLength(1);
    expect(asked[0].spec.runs).toEqual(['narrow', 'wide']);
    expect(lessons.verdict?.kind).toBe('waiting');
    asked[0].progress?.(100, 944);
    expect(lessons.landscape).toEqual({ kind: 'computing', done: 100, total: 944 });
    expect(lessons.verdict).toEqual({ kind: 'waiting', reason: expect.stringMatching(/10% of 944 points/) });
    asked[0].resolve(result(2.4));
    await expect.poll(() => lessons.verdict?.kind).toBe('claim');
    expect(lessons.verdict?.kind === 'claim' && lessons.verdict.claim.held).toBe(true);
    expect(lessons.landscape?.kind).toBe('done');

    lessons.clearVerdict();
    lessons.judge(doc, [], host);
    asked[1].resolve(result(0.6));
    await expect.poll(() => lessons.verdict?.kind).toBe('claim');
    const claim = lessons.verdict?.kind === 'claim' ? lessons.verdict.claim : null;
    expect(claim?.held).toBe(false);
    expect(claim?.checks.filter((c) => !c.held).map((c) => c.id)).toEqual(['wider-basin']);
  });

  it('drops the answer of a training that a newer one replaced, and says why a failed landscape leaves the claim unjudged', async () => {
    const lessons = new LessonState();
    lessons.open('loss-landscape');
    const { host, asked } = session();
    lessons.judge(doc, [], host);
    lessons.clearVerdict(); // a new training began
    asked[0].resolve(result(2.4));
    await new Promise((r) => setTimeout(r, 20));
    expect(lessons.verdict).toBeNull();
    expect(lessons.landscape).toBeNull();

    lessons.judge(doc, [], host);
    asked[1].reject(new Error('the WebGL context was lost'));
    await expect.poll(() => lessons.verdict?.kind).toBe('not-judged');
    expect(lessons.verdict?.kind === 'not-judged' && lessons.verdict.reason).toMatch(/loss landscape could not be computed: the WebGL context was lost/);
    expect(lessons.landscape?.kind).toBe('failed');
  });
});
