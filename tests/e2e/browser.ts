// A real Chromium for end-to-end tests (playwright-core, the system browser), with every console
// error and uncaught exception collected so that tests can assert there were none.
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../browser/chromium.js';

export async function launch(): Promise<Browser> {
  const found = findChromium();
  if (!found.ok) throw new Error(found.message);
  return chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  page: Page;
  errors: string[];
}

export async function openPage(browser: Browser, url: string, viewport = { width: 1400, height: 900 }): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

/** Screenshots land here as CI artifacts (gitignored). */
export const SCREENSHOT_DIR = 'test-results/screenshots';
