// The stage fits the screens a class uses: a projector at 1280x720 in presentation mode shows the
// momentum lesson's valley, its loss chart, the controls and the verdict without scrolling; a phone
// (390x844) never scrolls sideways, in presentation mode too (its wider columns once outranked the
// narrow-screen rule and cut the page off on the right).
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPage, SCREENSHOT_DIR } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  browser = await launch();
});
afterAll(() => browser?.close());

async function visit(hash: string, viewport: { width: number; height: number }, presentation: boolean): Promise<{ page: Page; errors: string[] }> {
  const watched = await openPage(browser, `${baseUrl}${hash}`, viewport);
  const { page } = watched;
  await page.getByRole('heading', { name: 'Gradient Lab', exact: true }).waitFor();
  const toggle = page.getByRole('checkbox', { name: 'Presentation mode' });
  if ((await toggle.isChecked()) !== presentation) await toggle.click();
  return watched;
}

/** The element's box lies inside the viewport (no scrolling needed to see it whole). */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const size = page.viewportSize()!;
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 1 && box.y + box.height <= size.height + 1;
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the stage on a projector and a phone', () => {
  it('1280x720, presentation: the momentum valley, loss chart, controls and verdict on one screen', async () => {
    const { page, errors } = await visit('#lesson=momentum', { width: 1280, height: 720 }, true);
    await page.locator('[data-headline="valley"]').waitFor();
    await page.waitForTimeout(500); // layout settles after the charts measure themselves
    const seen = {
      valley: await onScreen(page, '[data-headline="valley"]'),
      loss: await onScreen(page, '[data-headline="metric"]'),
      train: await onScreen(page, 'button:text-is("Train")'),
      verdict: await onScreen(page, '[data-verdict]'),
    };
    await page.screenshot({ path: `${SCREENSHOT_DIR}/layout-1280x720-presentation-momentum.png` });
    expect(seen).toEqual({ valley: true, loss: true, train: true, verdict: true });
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['the start page', '', false],
    ['the start page in presentation mode', '', true],
    ['the momentum lesson in presentation mode', '#lesson=momentum', true],
  ] as const)('390x844, %s: nothing scrolls sideways', async (_, hash, presentation) => {
    const { page, errors } = await visit(hash, { width: 390, height: 844 }, presentation);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/layout-390x844${presentation ? '-presentation' : ''}${hash ? '-momentum' : ''}.png`, fullPage: true });
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
