// Runs that stop learning end marked as such: the two rules on their own, then real MNIST training on
// wasm, where a learning rate of 100 blows up with finite losses, 5 stalls at chance, and the control
// at 0.1 learns and ends plain "done"; `lab run` shows the same in its status column.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lab } from '../../src/cli/lab';
import { chanceAccuracy, LearningCheck } from '../../src/core/learning-check';
import { backend, train } from '../support/engine';

describe('the rules', () => {
  const evaluated = (accuracies: number[], steps: number[], total = 100, chance = 0.1) => {
    const check = new LearningCheck(total, chance);
    check.loss(2.3);
    for (let s = 1; s < total; s++) check.loss(2.3);
    accuracies.forEach((a, i) => check.evaluation(steps[i], a));
    return check.verdict();
  };

  it('chance is the share of the most common test label', () => {
    expect(chanceAccuracy(Uint8Array.from([0, 1, 1, 2]))).toBe(0.5);
    expect(chanceAccuracy(Uint8Array.from([3, 3, 3]))).toBe(1);
  });

  it('stalled: the last three evaluations, all after 20% of the steps, at most 2 points above chance', () => {
    expect(evaluated([0.12, 0.09, 0.1], [60, 80, 100])).toMatchObject({ kind: 'stalled', detail: expect.stringContaining('12.0%, 9.0%, 10.0% at steps 60, 80, 100') });
    // One evaluation above the margin, too few evaluations, or an evaluation before 20% of the steps: not stalled.
    expect(evaluated([0.1, 0.121, 0.1], [60, 80, 100])).toBeNull();
    expect(evaluated([0.1, 0.1], [80, 100])).toBeNull();
    expect(evaluated([0.1, 0.1, 0.1], [10, 50, 100])).toBeNull();
    // Only the last three count: an early good evaluation does not save a run that ends at chance.
    expect(evaluated([0.9, 0.1, 0.1, 0.1], [40, 60, 80, 100])?.kind).toBe('stalled');
  });

  it("blewUp: the mean loss of the last tenth of the steps (at most 50) above twice the first step's", () => {
    const check = new LearningCheck(100, 0.1);
    for (let s = 0; s < 100; s++) check.loss(s < 90 ? 1 : 2.01);
    expect(check.verdict()).toMatchObject({ kind: 'blewUp', detail: expect.stringContaining('the last 10 steps, 2.01, is more than 2 times') });
    const under = new LearningCheck(100, 0.1);
    for (let s = 0; s < 100; s++) under.loss(s < 90 ? 1 : 2);
    expect(under.verdict()).toBeNull();
  });

  it('carries on from a snapshot of its state', () => {
    const check = new LearningCheck(100, 0.1);
    check.loss(1);
    check.evaluation(60, 0.1);
    check.evaluation(80, 0.1);
    const resumed = new LearningCheck(100, 0.1, check.snapshot());
    for (let s = 0; s < 10; s++) resumed.loss(5);
    resumed.evaluation(100, 0.1);
    expect(resumed.verdict()?.kind).toBe('blewUp');
  });
});

const RATES = { sane: 0.1, stalls: 5, blowsUp: 100 };
const doc = {
  version: 1,
  task: 'mnist',
  data: { trainSize: 2000, testSize: 500 },
  runs: Object.entries(RATES).map(([name, learningRate]) => ({
    name,
    model: 'INPUT 784, FC-100 RELU HE, FC-10',
    optimizer: { name: 'sgd', learningRate },
    training: { steps: 200, evalEvery: 25 },
  })),
};

describe('real training on MNIST', () => {
  beforeAll(() => backend('wasm'));

  it('marks the run that blows up with finite losses and the one stuck at chance; the control ends done', async () => {
    const { results, of } = await train(doc, { diagnosticsEvery: 0 });
    const [sane, stalls, blowsUp] = results;
    for (const r of results) {
      expect(r).toMatchObject({ steps: 200, diverged: false, stopped: false });
      expect(of('metrics', r.run).every((m) => Number.isFinite(m.loss))).toBe(true);
    }
    expect(sane.reason).toBeNull();
    expect(sane.testAccuracy).toBeGreaterThan(0.7);
    expect(stalls.reason).toMatchObject({ kind: 'stalled', detail: expect.stringMatching(/^test accuracy [\d.]+%, [\d.]+%, [\d.]+% at steps 150, 175, 200: no more than 2 points above always guessing the most common class \([\d.]+%\)$/) });
    expect(stalls.testAccuracy).toBeLessThan(0.15);
    expect(blowsUp.reason).toMatchObject({ kind: 'blewUp', detail: expect.stringMatching(/^the mean training loss of the last 20 steps, [\d.]+, is more than 2 times the first step's, 2\.\d+$/) });
    expect(blowsUp.testAccuracy).toBeLessThan(0.15);
  });

  it("lab run's status column says so instead of done, with the figures below the table", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'learning-')), 'rates.json');
    writeFileSync(file, JSON.stringify(doc));
    const out: string[] = [];
    const code = await lab(['run', file], { out: (l) => out.push(l), err: () => {}, status: () => {} });
    expect(code).toBe(0);
    const lines = out.join('\n').split('\n');
    const status = (run: string) => lines.find((l) => l.startsWith(`${run} `))?.trim().split(/\s{2,}/).at(-1);
    expect(status('sane')).toBe('done');
    expect(status('stalls')).toBe('stalled at chance');
    expect(status('blowsUp')).toBe('blew up');
    expect(lines).toContainEqual(expect.stringMatching(/^stalls: stalled at chance: test accuracy /));
    expect(lines).toContainEqual(expect.stringMatching(/^blowsUp: blew up: the mean training loss /));
    expect(lines.filter((l) => l.startsWith('sane:'))).toEqual([]);
  });
});
