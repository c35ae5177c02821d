// Two lessons whose picture is not a training chart, opened from their links in the built app: the
// gradient check (measured in the worker when the lesson opens, judged when training stops) and the
// convolution calculator, typed into as a student would.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { finished, train, useAppSession } from './app-session';
import { axeViolations } from './axe';
import { SCREENSHOT_DIR } from './browser';

const { baseUrl, visit } = useAppSession();

/** The output grid's numbers, row by row. */
const outputOf = (page: Page) =>
  page.locator('[data-grid="output"] tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('button')].map((b) => b.textContent?.trim())));

describe('lessons with their own pictures', () => {
  it('gradient-checking: the worker checks the gradients on opening; the plot, the table and a held verdict follow training', async () => {
    const page = await visit(`${baseUrl}#lesson=gradient-checking`);
    const picture = page.locator('[data-chart="gradientCheck"]');
    await page.locator('[data-chart="gradientCheck"]:is([data-state="done"], [data-state="failed"])').waitFor({ timeout: 240_000 });
    expect(await picture.getAttribute('data-state')).toBe('done');
    // One log–log plot per run, and the table with every checked layer under its run.
    expect(await picture.locator('canvas[data-run]').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-run')))).toEqual(['smooth: tanh, cross-entropy', 'kinks: relu, max-pool, hinge']);
    const table = page.getByRole('table', { name: /Best relative error per layer/ });
    expect(await table.getByRole('rowheader').allTextContents()).toEqual([
      'smooth: tanh, cross-entropy',
      'CONV3-4 TANH',
      'CONV3-4 S2 TANH',
      'FC-10',
      'kinks: relu, max-pool, hinge',
      'CONV3-4 BIAS-CONST0.01',
      'FC-10',
    ]);
    await expect.poll(() => picture.locator('.note').textContent()).toMatch(/float32 on webgl/);
    expect(await axeViolations(page)).toEqual([]);

    // Trained on wasm, the quickest here for these small nets (software WebGL compiles every shader on
    // the CPU); the check itself was made on webgl when the lesson opened, and the verdict says so.
    await page.getByLabel('Backend').selectOption('wasm');
    await expect.poll(() => page.getByTestId('backend-in-use').textContent(), { timeout: 60_000 }).toMatch(/^wasm/);
    await train(page);
    await finished(page);
    const verdict = page.locator('[data-verdict]');
    await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 120_000 }).toBe('held');
    expect(await verdict.textContent()).toMatch(/in float32 on webgl, the smooth net's centred differences agree with autodiff/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/lesson-gradient-checking.png`, fullPage: true });
  });

  it("conv-by-hand: typing the issue's example gives [1 1; 1 2] with each cell's sum; a bad matrix is named beside its field", async () => {
    const page = await visit(`${baseUrl}#lesson=conv-by-hand`);
    const calculator = page.getByRole('region', { name: 'Convolution and pooling calculator' });
    await calculator.getByLabel(/^Input matrix/).fill('0 1 0; 1 1 0; 0 0 1');
    await calculator.getByLabel('Filter').fill('1 0; 0 1');
    await calculator.getByLabel('Stride').fill('1');
    await calculator.getByLabel('Padding').fill('0');
    expect(await outputOf(page)).toEqual([
      ['1', '1'],
      ['1', '2'],
    ]);
    // The keyboard walks the output: one Tab stop, arrows move, the sum follows.
    await calculator.getByRole('button', { name: 'row 1, column 1: 1' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('row 2, column 2: 2');
    expect(await calculator.locator('[data-sum]').textContent()).toContain('1·1 + 0·0 + 0·0 + 1·1 = 2');
    expect(await calculator.locator('[data-formula]').textContent()).toContain('(3 − 2 + 2·0)/1 + 1 = 1/1 + 1 = 2 along both sides');
    expect(await calculator.locator('[data-grid="padded"] td.marked').count()).toBe(4);

    await calculator.getByLabel(/^Input matrix/).fill('0 1 0; 1 x 0');
    await calculator.locator('[data-error-for="input"]').waitFor();
    expect(await calculator.locator('[data-error-for="input"]').textContent()).toBe('input: row 2, column 2: "x" is not a number');
    expect(await calculator.getByLabel(/^Input matrix/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-grid="output"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/lesson-conv-by-hand.png`, fullPage: true });
  });
});
