// A control trains only the runs it changes: a reused run's events are exactly those a fresh
// training produces (same spec, same seed, same backend), under the control's name for it.
import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../src/core/events';
import { allOf, check, type Lesson } from '../../src/lessons/lesson';
import { runControl, runLesson } from '../../src/lessons/run-lesson';
import { backend, mnistDigits } from '../support/engine';

const run = (name: string, units: number) => ({ name, seed: 3, model: `INPUT 2, FC-${units} TANH, FC-1 SIGMOID`, optimizer: { name: 'adam', learningRate: 0.05 }, training: { batchSize: 4, steps: 60, evalEvery: 20 } });
const doc = (second: number) => ({ version: 1, task: 'xor', data: { xorPoints: 'table' }, runs: [run('a', 4), run('b', second)] });
const lesson: Lesson = {
  id: 'test',
  title: 'test',
  question: 'q',
  claimInWords: 'b ends above a',
  explanation: [],
  lookAt: [],
  experiment: doc(2),
  claim: (o) => allOf(check('b-smaller', o.finalLoss('b') > o.finalLoss('a'), 'b ends above a')),
  controls: [{ id: 'same', describe: 'b as wide as a', experiment: doc(4), breaks: ['b-smaller'] }],
};
// Timing fields differ from one training to the next; everything else must not.
const strip = (events: readonly TrainEvent[], run: string) =>
  events.filter((e) => 'run' in e && e.run === run && e.type !== 'timing').map((e) => (e.type === 'done' ? { ...e, msPerStep: 0, msPerInference: 0, examplesPerSecond: 0 } : e));

describe('runControl with reuse', () => {
  it('reuses identical runs, renamed, and trains the rest; the events match a fresh training', async () => {
    await backend('cpu');
    const base = await runLesson(lesson, mnistDigits);
    const trained: string[] = [];
    const control = await runControl(lesson, lesson.controls[0], mnistDigits, { reuse: base.outcome, onEvent: (e) => 'run' in e && trained.push(e.run) });
    expect(new Set(trained)).toEqual(new Set()); // both runs of the control match a's spec: nothing trains
    const fresh = await runControl(lesson, lesson.controls[0], mnistDigits);
    expect(strip(control.outcome.events, 'b')).toEqual(strip(fresh.outcome.events, 'b'));
    expect(strip(control.outcome.events, 'a')).toEqual(strip(base.outcome.events, 'a'));
    expect(control.claim.held).toBe(false);
    expect(base.claim.held).toBe(true);
  });

  it('trains a changed run, and reuses nothing across different data options', async () => {
    await backend('cpu');
    const base = await runLesson(lesson, mnistDigits);
    const trained = new Set<string>();
    const other = { ...lesson.controls[0], experiment: { ...doc(3), data: { xorPoints: 'table', seed: 2 } } };
    await runControl(lesson, other, mnistDigits, { reuse: base.outcome, onEvent: (e) => 'run' in e && trained.add(e.run) });
    expect(trained).toEqual(new Set(['a', 'b']));
    trained.clear();
    await runControl(lesson, { ...lesson.controls[0], experiment: doc(3) }, mnistDigits, { reuse: base.outcome, onEvent: (e) => 'run' in e && trained.add(e.run) });
    expect(trained).toEqual(new Set(['b']));
  });
});
