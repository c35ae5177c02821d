// The built app, driven as a user would in real Chromium.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPage, SCREENSHOT_DIR } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  browser = await launch();
});
afterAll(() => browser?.close());

describe('the app', () => {
  it('loads with its architecture table and no console errors', async () => {
    const { page, errors } = await openPage(browser, baseUrl);
    await page.getByRole('heading', { name: 'Gradient Lab' }).waitFor();
    await page.locator('table.summary').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/app-loaded.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
