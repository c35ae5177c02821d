// What the app's e2e files share: one Chromium per file, pages opened on the built app and checked
// for console errors after each test, and the ways a user reaches the parts of the stage (the side
// panel shows the data set-up or one run's card, one at a time).
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launch, openPage, SCREENSHOT_DIR, type WatchedPage } from './browser';

export interface AppSession {
  baseUrl: string;
  /** Opens the app (or a link into it) and waits for its heading. */
  visit(url?: string, viewport?: { width: number; height: number }): Promise<Page>;
}

/** Registers the file's hooks: call once at the top level of an e2e test file. */
export function useAppSession(): AppSession {
  let browser: Browser;
  let open: WatchedPage[] = [];
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launch();
  });
  afterEach(async () => {
    for (const { page, errors } of open) {
      expect(errors, `console errors on ${page.url().slice(0, 60)}`).toEqual([]);
      await page.close();
    }
    open = [];
  });
  afterAll(() => browser?.close());
  return {
    baseUrl,
    async visit(url = baseUrl, viewport) {
      const watched = await openPage(browser, url, viewport);
      open.push(watched);
      await watched.page.getByRole('heading', { name: 'Gradient Lab', exact: true }).waitFor();
      return watched.page;
    },
  };
}

export const card = (page: Page, index: number) => page.locator(`[data-run-index="${index}"]`);
/** Opens a run's full card in the side panel (from its chip in the rail), unless it is open already. */
export async function openRun(page: Page, index: number): Promise<void> {
  if ((await card(page, index).count()) === 0) await page.locator(`[data-chip-index="${index}"]`).click();
  await card(page, index).waitFor();
}
/** Opens the task and data set-up in the side panel. */
export async function openData(page: Page): Promise<void> {
  if ((await page.getByLabel('Task', { exact: true }).count()) === 0) await page.getByRole('button', { name: /^Data/ }).click();
  await page.getByLabel('Task', { exact: true }).waitFor();
}
export const trainButton = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });
export const train = (page: Page) => trainButton(page).click();
export const finished = (page: Page, timeout = 240_000) => page.locator('[data-status="finished"]').waitFor({ timeout });
export const liveValue = (page: Page, index: number, term: string) => card(page, index).locator('.live div', { hasText: term }).locator('dd');
