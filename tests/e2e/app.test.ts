// The built app, driven as a user would in real Chromium: training in the worker on WebGL
// (SwiftShader here), duplicating a run, share links, drawing a digit. No console errors anywhere.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import { LESSONS } from '../../src/lessons';
import { decodeShareHash } from '../../src/state/share-link';
import { card, finished, liveValue, openData, openRun, train, useAppSession } from './app-session';
import { SCREENSHOT_DIR } from './browser';

const { baseUrl, visit } = useAppSession();


const verdictOf = (page: Page) => page.locator('[data-verdict]');
// A chart panel names the runs it draws on its own element (per-layer panels hold several canvases).
const drawnRuns = async (page: Page, chart: string) =>
  JSON.parse((await page.locator(`[data-chart="${chart}"]`).getAttribute('data-drawn-runs')) ?? '[]') as string[];

describe('the playground', () => {
  it('shows the backend in use before training, with a note that WebGL is software here', async () => {
    const page = await visit();
    await expect.poll(() => page.getByTestId('backend-in-use').textContent(), { timeout: 60_000 }).toMatch(/^webgl · .*SwiftShader/);
    await page.getByText('software WebGL: CPU speed').waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/01-start.png` });
  });

  it('trains XOR in the worker to a loss below 0.05 and draws its decision boundary', async () => {
    const page = await visit();
    await train(page);
    await finished(page);
    await openRun(page, 0);
    const loss = Number(await liveValue(page, 0, 'loss').textContent());
    expect(loss).toBeLessThan(0.05);
    expect(await liveValue(page, 0, 'test accuracy').textContent()).toBe('100.0%');
    expect(await drawnRuns(page, 'loss')).toEqual(['run 1']);
    await page.getByText('P = 0.5').waitFor(); // the decision-boundary legend
    await page.screenshot({ path: `${SCREENSHOT_DIR}/02-xor-trained.png`, fullPage: true });
  });

  it('duplicates a run, changes its initializer, and overlays two curves', async () => {
    const page = await visit();
    await openRun(page, 0);
    await card(page, 0).getByRole('button', { name: 'Duplicate run' }).click();
    await openRun(page, 1);
    await card(page, 1).getByLabel('Weights init').first().selectOption('he-normal');
    await page.getByLabel('step budget').fill('200');
    await train(page);
    await finished(page);
    expect(await drawnRuns(page, 'loss')).toEqual(['run 1', 'run 1 (2)']);
    expect(await drawnRuns(page, 'gradNorm')).toEqual(['run 1', 'run 1 (2)']);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/03-two-runs.png`, fullPage: true });
  });

  it('four MNIST runs train in the worker while the page stays usable', async () => {
    const page = await visit();
    await openData(page);
    await page.getByLabel('Task', { exact: true }).selectOption('mnist');
    await openRun(page, 0);
    for (let i = 0; i < 3; i++) await card(page, 0).getByRole('button', { name: 'Duplicate run' }).click();
    await expect.poll(() => page.locator('[data-chip-index]').count()).toBe(4);
    await page.getByRole('button', { name: /^Close/ }).click();
    await page.getByLabel('step budget').fill('5000'); // more than this test waits for: still training throughout
    // Main-thread frame gaps while training, measured for the report below (never asserted: shared machine).
    await page.evaluate(() => {
      const w = window as unknown as { frameGaps: number[] };
      w.frameGaps = [];
      let last = performance.now();
      const tick = (t: number) => {
        w.frameGaps.push(t - last);
        last = t;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await train(page);
    const status = page.locator('[data-status]');
    const stepOf = async () => Number(/step ([\d,]+)/.exec((await status.textContent()) ?? '')?.[1].replace(/,/g, '') ?? 0);
    await expect.poll(stepOf, { timeout: 120_000 }).toBeGreaterThan(20);
    await page.evaluate(() => ((window as unknown as { frameGaps: number[] }).frameGaps = []));
    const from = { step: await stepOf(), at: Date.now() };

    // While four runs train, the controls answer a user at once (5 s is a frozen page, not a slow one).
    const quick = { timeout: 5_000 };
    const logScale = page.locator('[data-chart="loss"]').getByRole('checkbox', { name: 'log scale' });
    await logScale.check(quick);
    await expect.poll(() => page.locator('[data-chart="loss"] canvas').getAttribute('data-y-scale'), quick).toBe('logarithmic');
    await page.getByLabel('speed').selectOption({ label: '5 steps/s' }, quick);
    await page.getByLabel('speed').selectOption({ label: 'max' }, quick);
    await page.getByRole('button', { name: 'Pause training' }).click(quick);
    await expect.poll(() => status.getAttribute('data-status'), quick).toBe('paused');
    await page.getByRole('button', { name: 'Resume training' }).click(quick);
    await expect.poll(() => status.getAttribute('data-status'), quick).toBe('training');
    await expect.poll(stepOf, { timeout: 60_000 }).toBeGreaterThan(from.step + 100);
    await expect.poll(async () => (await drawnRuns(page, 'loss')).sort(), { timeout: 10_000 }).toEqual(['run 1', 'run 1 (2)', 'run 1 (3)', 'run 1 (4)']);

    const gaps = (await page.evaluate(() => (window as unknown as { frameGaps: number[] }).frameGaps)).sort((a, b) => a - b);
    const at = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))]?.toFixed(0);
    const seconds = (Date.now() - from.at) / 1000;
    console.log(
      `4 MNIST runs on webgl in the worker: ${(((await stepOf()) - from.step) / seconds).toFixed(1)} steps/s per run; ` +
        `main-thread frame gaps over ${seconds.toFixed(0)} s: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (${gaps.length} frames)`,
    );
    await page.screenshot({ path: `${SCREENSHOT_DIR}/10-four-runs.png` });
    // r resets: every run back at its initial weights, step 0, waiting for Train.
    await page.keyboard.press('r');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    await expect.poll(() => status.textContent()).toMatch(/^At the initial weights · step 0 of 5,000/);
  });

  it('a copied link reopens the same experiment in a new page', async () => {
    const page = await visit();
    await openRun(page, 0);
    await card(page, 0).getByRole('button', { name: 'Duplicate run' }).click();
    await openRun(page, 1);
    const notation = card(page, 1).getByLabel('Architecture (course notation)');
    await notation.fill('INPUT 2, FC-8 HE, FC-1'); // canonical: ReLU is a hidden layer's default
    await card(page, 1).getByLabel('Learning rate').fill('0.25');
    // The address bar follows every edit; take the link once it holds the last one.
    const rateInLink = () => {
      const content = decodeShareHash(new URL(page.url()).hash);
      return content.kind === 'document' ? (content.value as { runs: { optimizer: { learningRate: number } }[] }).runs[1]?.optimizer.learningRate : null;
    };
    await expect.poll(rateInLink).toBe(0.25);
    const link = page.url();
    const copy = await visit(link);
    await openRun(copy, 1);
    await expect.poll(() => card(copy, 1).getByLabel('Architecture (course notation)').inputValue()).toBe('INPUT 2, FC-8 HE, FC-1');
    expect(await card(copy, 1).getByLabel('Learning rate').inputValue()).toBe('0.25');
    expect(await card(copy, 1).getByLabel('Run name').inputValue()).toBe('run 1 (2)');
  });

  it.each([
    ['#exp=not-really-a-document', /damaged/],
    // A truncated % escape used to throw URIError out of the page's start-up (issue 13).
    ['#lesson=%E0%A4%A', /broken % escape/],
  ])('a damaged link (%s) says so and keeps the starting experiment', async (hash, message) => {
    const page = await visit(`${baseUrl}${hash}`);
    await page.getByRole('alert').getByText(message).waitFor();
    await openRun(page, 0);
    expect(await card(page, 0).getByLabel('Run name').inputValue()).toBe('run 1');
  });

  it('trains the MNIST MLP until the page shows test accuracy above 80%, then predicts a drawn digit', async () => {
    const page = await visit();
    await openData(page);
    await page.getByLabel('Task', { exact: true }).selectOption('mnist');
    await openRun(page, 0);
    await card(page, 0).getByLabel('Steps', { exact: true }).fill('300');
    await train(page);
    await page.getByLabel('Loading MNIST').first().waitFor({ timeout: 30_000 }).catch(() => undefined);
    await finished(page);
    const accuracyText = (await liveValue(page, 0, 'test accuracy').textContent()) ?? '';
    expect(parseFloat(accuracyText)).toBeGreaterThan(80);
    // The views end on the final weights: the confusion matrix agrees with the run's last evaluation.
    const confusionAccuracy = page.getByRole('region', { name: 'Confusion matrix' }).locator('.accuracy');
    await expect.poll(() => confusionAccuracy.textContent(), { timeout: 30_000 }).toBe(accuracyText.trim());
    await page.screenshot({ path: `${SCREENSHOT_DIR}/04-mnist-trained.png`, fullPage: true });

    // Draw a "1": one vertical stroke down the middle of the canvas.
    const canvas = page.locator('section.draw canvas').first();
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let t = 0.2; t <= 0.8; t += 0.05) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * t);
    await page.mouse.up();
    // Predictions arrive during the stroke and after it: wait for the one for the finished drawing
    // (the view is aria-busy until then), then read caption and bars in one go, from one render.
    // Read in two round trips, a later prediction could land between them (the old flake).
    await page.locator('section.draw .predictions[aria-busy="false"] figure[data-run="run 1"] li').nth(9).waitFor({ timeout: 30_000 });
    const shown = await page.locator('figure[data-run="run 1"]').evaluate((figure) => ({
      caption: figure.querySelector('figcaption .top')?.textContent ?? '',
      probabilities: [...figure.querySelectorAll('li')].map((li) => Number(li.getAttribute('data-p'))),
    }));
    expect(shown.probabilities).toHaveLength(10);
    expect(shown.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    // The caption names the bars' most probable digit (which digit a 300-step MLP sees in a
    // synthetic stroke is not something to promise).
    const top = shown.probabilities.indexOf(Math.max(...shown.probabilities));
    expect(shown.caption).toMatch(new RegExp(`^${top} \\(${Math.round(shown.probabilities[top] * 100)}%\\)$`));
    await page.locator('section.draw').screenshot({ path: `${SCREENSHOT_DIR}/05-drawn-digit.png` });
  });

  it('opens a lesson from its URL, trains it, and shows whether its claim held', async () => {
    const page = await visit(`${baseUrl}#lesson=xor-hidden-layer`);
    const panel = page.getByRole('region', { name: 'XOR needs a hidden layer' });
    await panel.waitFor();
    await openRun(page, 0);
    expect(await card(page, 0).getByLabel('Run name').inputValue()).toBe('perceptron');
    await openRun(page, 1);
    expect(await card(page, 1).getByLabel('Run name').inputValue()).toBe('one hidden layer');
    expect(new URL(page.url()).hash).toBe('#lesson=xor-hidden-layer');
    await train(page);
    await finished(page);
    const verdict = verdictOf(page);
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('held');
    expect(await verdict.textContent()).toMatch(/perceptron classifies .*% of the XOR table.*one hidden layer of 4 tanh units reaches 100.0%/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/06-lesson-verdict.png`, fullPage: true });

    // Editing the lesson's runs turns the link into the edited document.
    await openRun(page, 0);
    await card(page, 0).getByLabel('Seed').fill('5');
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#exp=/);
  });

  it('the momentum lesson draws each optimizer’s path over the valley, and its verdict covers the valley', async () => {
    const page = await visit(`${baseUrl}#lesson=momentum`);
    const valley = page.getByRole('region', { name: 'Optimizer paths on a two-parameter valley' });
    const pictures = valley.locator('canvas');
    await expect.poll(() => pictures.evaluateAll((all) => all.map((c) => (c as HTMLElement).dataset.run)), { timeout: 60_000 }).toEqual(['beta 0', 'beta 0.9', 'beta 0.99999']);
    expect(await pictures.first().getAttribute('data-shown')).toBe('200');
    await valley.getByLabel('Steps of the paths shown').fill('60');
    await expect.poll(() => pictures.first().getAttribute('data-shown')).toBe('60');
    await valley.getByRole('button', { name: 'Replay the paths' }).click();
    await expect.poll(() => pictures.first().getAttribute('data-shown'), { timeout: 20_000 }).toBe('200');
    await valley.screenshot({ path: `${SCREENSHOT_DIR}/07-momentum-valley.png` });

    await train(page);
    await finished(page);
    const verdict = verdictOf(page);
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('held');
    expect(await verdict.textContent()).toMatch(/On the valley, the loss settled within 0\.1% of its start in \d+ steps with β 0\.9/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/08-momentum-verdict.png`, fullPage: true });
  });

  it('a teacher can enlarge the stage for a projector, keep it after a reload, and drive training from the keyboard', async () => {
    const page = await visit();
    const trainSize = () => page.getByRole('button', { name: 'Train', exact: true }).evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
    const speedSize = () => page.getByLabel('speed').evaluate((s) => parseFloat(getComputedStyle(s).fontSize));
    const before = { train: await trainSize(), speed: await speedSize() };
    await page.getByLabel('Presentation mode').check();
    expect(await trainSize()).toBeGreaterThan(before.train * 1.25);
    // Form controls too, not only the text around them.
    expect(await speedSize()).toBeGreaterThan(before.speed * 1.25);
    await page.reload();
    await expect.poll(() => page.getByLabel('Presentation mode').isChecked()).toBe(true);
    // Shortcuts belong to the page, not to a focused control.
    await page.getByRole('heading', { name: 'Gradient Lab', exact: true }).click();
    const status = page.locator('[data-status]');
    await page.keyboard.press('Space');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 60_000 }).toBe('training');
    await page.keyboard.press('Space');
    await expect.poll(() => status.getAttribute('data-status')).toBe('paused');
    const stepOf = async () => Number(/step ([\d,]+)/.exec((await status.textContent()) ?? '')?.[1].replace(/,/g, '') ?? NaN);
    const pausedAt = await stepOf();
    await page.keyboard.press('s');
    // The first step may wait for the worker's WebGL backend to start (shaders compile in software).
    await expect.poll(stepOf, { timeout: 60_000 }).toBe(pausedAt + 1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/09-presentation-mode.png` });
    await page.keyboard.press('r');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Stopped at step 0/);
  });

  it('opens every lesson from its URL with its runs and explanation', async () => {
    const page = await visit();
    for (const lesson of LESSONS) {
      await page.goto(`${baseUrl}#lesson=${lesson.id}`);
      await page.reload(); // a fresh load from the link, as a student following it would get
      await page.getByRole('region', { name: lesson.title }).waitFor();
      const names = await page.locator('[data-chip-index]').evaluateAll((chips) => chips.length);
      const doc = experiment(lesson.experiment);
      expect(names, lesson.id).toBe(doc.runs.length);
      await openRun(page, 0);
      expect(await card(page, 0).getByLabel('Run name').inputValue()).toBe(doc.runs[0].name);
      expect(new URL(page.url()).hash).toBe(`#lesson=${lesson.id}`);
    }
  });
});
