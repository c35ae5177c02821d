// The built app from the keyboard and through axe-core: the skip link, every control reachable by
// Tab and working with keys (chips and their side panel, the lesson menu, the valley slider, chart
// legends, the views' run pickers), and no axe violation on any lesson, after training XOR and a
// small MNIST CNN (every view drawn), in presentation mode and on a phone. Screenshots: a11y-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons';
import { axeViolations } from './axe';
import { finished, train, useAppSession } from './app-session';
import { SCREENSHOT_DIR } from './browser';

const { baseUrl, visit } = useAppSession();


/** What has the focus, in words: tag, role, name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const name = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${name.replace(/\s+/g, ' ').trim().slice(0, 60)}`;
  });

describe('from the keyboard', () => {
  it('the skip link is the first Tab stop, shows when focused, and takes focus to the controls without touching the address', async () => {
    const page = await visit();
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#exp=/);
    const address = page.url();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a Skip to the training controls');
    const box = (await page.locator('.skip').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0); // on screen while focused, not parked above it
    await page.screenshot({ path: `${SCREENSHOT_DIR}/a11y-01-skip-link.png` });
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatch(/^div#training-controls/);
    // The address holds the experiment: a skip link must not replace it with #training-controls.
    expect(page.url()).toBe(address);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button Train');
  });

  it('a run chip opens its card in the side panel; Escape closes it and focus goes back to the chip', async () => {
    const page = await visit();
    const chip = page.locator('[data-chip-index="0"]');
    await chip.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: /^Run: / });
    await panel.waitFor();
    expect(await focused(page)).toMatch(/^h2\S* Run: run 1/);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^button Close/);
    await page.keyboard.press('Tab');
    expect(await panel.evaluate((p) => p.contains(document.activeElement))).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/a11y-02-side-panel.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(await chip.evaluate((c) => c === document.activeElement)).toBe(true);
  });

  it('the lesson menu opens with Enter, arrow keys do not load lessons, Enter on a link does, and Escape closes it', async () => {
    const page = await visit();
    const summary = page.locator('details.lesson-menu > summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('details.lesson-menu').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe(`a 1. ${LESSONS[0].title}`.slice(0, 62));
    const before = page.url();
    await page.keyboard.press('ArrowDown');
    expect(page.url()).toBe(before);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/a11y-03-lesson-menu.png` });
    await page.keyboard.press('Escape');
    expect(await page.locator('details.lesson-menu').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await focused(page)).toBe('summary Lessons');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe(`a 2. ${LESSONS[1].title}`.slice(0, 62));
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: LESSONS[1].title }).waitFor();
  });

  it('the valley slider moves the paths with the arrow keys, Home and End', async () => {
    const page = await visit(`${baseUrl}#lesson=momentum`);
    const valley = page.getByRole('region', { name: 'Optimizer paths on a two-parameter valley' });
    const shown = () => valley.locator('canvas').first().getAttribute('data-shown');
    await expect.poll(shown, { timeout: 60_000 }).toBe('200');
    await valley.getByLabel('Steps of the paths shown').focus();
    await page.keyboard.press('Home');
    await expect.poll(shown).toBe('0');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(shown).toBe('2');
    await page.keyboard.press('End');
    await expect.poll(shown).toBe('200');
  });

  it('after training two XOR runs, Tab reaches every control (legends, run pickers) and nothing hidden', async () => {
    const page = await visit(`${baseUrl}#lesson=xor-hidden-layer`);
    await page.getByLabel('step budget').fill('200');
    await train(page);
    await finished(page);
    await page.locator('.network-view svg').waitFor({ timeout: 60_000 });
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    const stops: string[] = [];
    const hidden: string[] = [];
    for (let i = 0; i < 150; i++) {
      await page.keyboard.press('Tab');
      const stop = await focused(page);
      if (stops.includes(stop) && stop === stops[0]) break; // around once
      stops.push(stop);
      const visible = await page.evaluate(() => {
        const r = (document.activeElement as HTMLElement).getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      });
      if (!visible) hidden.push(stop);
    }
    const has = (pattern: RegExp) => stops.some((s) => pattern.test(s));
    expect(hidden).toEqual([]);
    for (const want of [/^a Skip/, /^summary Lesson:/, /^select .*Backend/, /^input .*Presentation mode/, /^button .*perceptron/, /^button Train/, /^select .*speed/]) {
      expect(has(want), `${want} among ${stops.length} Tab stops`).toBe(true);
    }
    // Chart legends are buttons (one per run), and each view with several runs has a run picker.
    expect(stops.filter((s) => /^button .*one hidden layer/.test(s)).length).toBeGreaterThan(1);
    expect(stops.filter((s) => /^select Run/.test(s)).length).toBeGreaterThan(0);
    // A legend button toggles its run from the keyboard.
    const legend = page.locator('[data-chart="loss"] .legend button').first();
    await legend.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => legend.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Space');
    await expect.poll(() => legend.getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/a11y-04-xor-trained-focus.png` });
  });
});

describe('axe-core', () => {
  it('finds no violation on any lesson as it opens', async () => {
    const page = await visit();
    const found: Record<string, string[]> = { start: await axeViolations(page) };
    for (const lesson of LESSONS) {
      await page.goto(`${baseUrl}#lesson=${lesson.id}`);
      await page.getByRole('region', { name: lesson.title }).waitFor();
      if (lesson.id === 'momentum') await page.locator('.valley canvas').first().waitFor({ timeout: 60_000 });
      found[lesson.id] = await axeViolations(page);
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });

  it('finds no violation after training a small MNIST CNN (every view drawn), with a run card open, in presentation mode and on a phone', async () => {
    const page = await visit();
    await page.getByRole('button', { name: /^Data/ }).click();
    await page.getByLabel('Task', { exact: true }).selectOption('mnist');
    await page.locator('[data-chip-index="0"]').click();
    await page.getByLabel('Architecture (course notation)').fill('INPUT 28x28x1, CONV5-8, POOL2, FC-10');
    await page.getByLabel('step budget').fill('30');
    await train(page);
    await finished(page);
    await page.getByRole('region', { name: 'Activation maps' }).waitFor();
    await page.getByRole('region', { name: 'Predictions on test digits' }).locator('ol').waitFor({ timeout: 60_000 });
    const found: Record<string, string[]> = { 'mnist trained, run card open': await axeViolations(page) };
    await page.screenshot({ path: `${SCREENSHOT_DIR}/a11y-05-mnist-cnn.png`, fullPage: true });
    await page.getByRole('button', { name: /^Close/ }).click();
    await page.getByLabel('Presentation mode').check();
    found.presentation = await axeViolations(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/a11y-06-presentation.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    // The trained page's widest parts (the run table, the confusion matrix) scroll in their own boxes.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    found.phone = await axeViolations(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/a11y-07-phone.png` });
    // On a phone the card covers the page, and its layer table is wider than the screen.
    await page.locator('[data-chip-index="0"]').click();
    await page.getByRole('dialog').waitFor();
    found['phone, run card open'] = await axeViolations(page);
    expect(found).toEqual({ 'mnist trained, run card open': [], presentation: [], phone: [], 'phone, run card open': [] });
  });

  it('without a pointer, the draw pad takes a test digit from the keyboard and every run predicts it', async () => {
    const page = await visit();
    await page.getByRole('button', { name: /^Data/ }).click();
    await page.getByLabel('Task', { exact: true }).selectOption('mnist');
    await page.getByLabel('step budget').fill('10');
    await train(page);
    await finished(page);
    const draw = page.getByRole('region', { name: 'Draw a digit' });
    await draw.getByText('Without a mouse, pen or touch: Use a test digit.').waitFor();
    await draw.getByRole('button', { name: 'Use a test digit' }).focus();
    await page.keyboard.press('Enter');
    await draw.getByText(/^Test digit 1 of 10 is on the pad: a \d\.$/).waitFor();
    await draw.locator('.predictions[aria-busy="false"] figure[data-run="run 1"] li').nth(9).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await draw.getByText(/^Test digit 2 of 10 is on the pad/).waitFor();
    await draw.screenshot({ path: `${SCREENSHOT_DIR}/a11y-08-test-digit-on-pad.png` });
  });
});
