// Trains a lesson and each of its controls on the current backend, and asserts the verdicts: the
// claim holds on the lesson; on every control it does not, and the checks that control is meant to
// break are among those that failed. The thresholds live in the claims, not here. No Node-only
// imports: the browser project runs the same on WebGL.
import { expect } from 'vitest';
import type { MnistDigits } from '../../src/data/mnist';
import { lessonById } from '../../src/lessons';
import type { Lesson } from '../../src/lessons/lesson';
import { runControl, runLesson, type LessonResult } from '../../src/lessons/run-lesson';

export interface Judged {
  lesson: Lesson;
  result: LessonResult;
  controls: { id: string; result: LessonResult }[];
}

export async function judgeOnCurrentBackend(id: string, loadDigits: () => Promise<MnistDigits>): Promise<Judged> {
  const lesson = lessonById(id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  const result = await runLesson(lesson, loadDigits);
  const controls = [];
  // Runs a control shares with the lesson are not trained again (see runLesson's reuse).
  for (const control of lesson.controls) controls.push({ id: control.id, result: await runControl(lesson, control, loadDigits, { reuse: result.outcome }) });
  return { lesson, result, controls };
}

export function expectVerdicts({ lesson, result, controls }: Judged): void {
  expect(result.claim.held, `${lesson.id}: ${result.claim.detail}`).toBe(true);
  expect(controls.length).toBeGreaterThan(0);
  for (const { id, result: c } of controls) {
    const failed = c.claim.checks.filter((k) => !k.held).map((k) => k.id);
    const breaks = lesson.controls.find((x) => x.id === id)!.breaks;
    expect(c.claim.held, `${lesson.id} control ${id} should not hold: ${c.claim.detail}`).toBe(false);
    expect(failed, `${lesson.id} control ${id}: ${c.claim.detail}`).toEqual(expect.arrayContaining(breaks));
  }
}
