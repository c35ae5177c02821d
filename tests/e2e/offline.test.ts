// Offline and safe, on the built app: the service worker keeps the app so that a reload works
// without network after one visit; MNIST then trains from the digits kept in Cache Storage with no
// download at all; digits never downloaded are explained in words. The Content-Security-Policy is
// in force, and loading and training (XOR on webgl and wasm, MNIST) break none of its rules.
import { mkdirSync, readdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, SCREENSHOT_DIR } from './browser';

let browser: Browser;
let contexts: { context: BrowserContext; errors: string[] }[] = [];
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  browser = await launch();
});
afterEach(async () => {
  for (const { context } of contexts) await context.close();
  contexts = [];
});
afterAll(() => browser?.close());

/** A fresh browser profile (its own caches and service worker), with its console errors collected. */
async function profile(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  contexts.push({ context, errors });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

const heading = (page: Page) => page.getByRole('heading', { name: 'Gradient Lab', exact: true });
const status = (page: Page) => page.locator('[data-status]');
const finished = (page: Page, timeout = 240_000) => page.locator('[data-status="finished"]').waitFor({ timeout });
const train = (page: Page) => page.getByRole('button', { name: 'Train', exact: true }).click();
async function openData(page: Page): Promise<void> {
  if ((await page.getByLabel('Task', { exact: true }).count()) === 0) await page.getByRole('button', { name: /^Data/ }).click();
}
/** Switches the free experiment to MNIST with a short step budget. */
async function chooseMnist(page: Page, steps: number): Promise<void> {
  await openData(page);
  await page.getByLabel('Task', { exact: true }).selectOption('mnist');
  await page.getByLabel('step budget').fill(String(steps));
}
/** Waits until the service worker is active: the app shell is then in its precache. */
const serviceWorkerActive = (page: Page) =>
  page
    .evaluate(async () => {
      const worker = (await navigator.serviceWorker.ready).active!;
      // ready resolves while it is still activating; activated is when the old caches are sorted out.
      if (worker.state !== 'activated') await new Promise((done) => worker.addEventListener('statechange', () => worker.state === 'activated' && done(null)));
      return worker.state;
    })
    .then((state) => expect(state).toBe('activated'));

describe('offline', () => {
  it('after one visit a reload works offline, MNIST trains from the kept digits without a download, and missing digits are explained', async () => {
    const { context, page, errors } = await profile();
    const dataRequests: string[] = [];
    context.on('request', (request) => {
      if (request.url().includes('/data/mnist/')) dataRequests.push(request.url());
    });
    await page.goto(baseUrl);
    await heading(page).waitFor();
    await serviceWorkerActive(page);
    await chooseMnist(page, 20);
    await train(page);
    await finished(page);
    // Control for the request log below: online, the digits did come over the network.
    expect(dataRequests.length).toBeGreaterThan(0);
    // The two caches side by side: Workbox's precache (the app) and the data bucket (the digits).
    const buckets = await page.evaluate(() => caches.keys());
    expect(buckets).toContain('gradient-lab-data-v1');
    expect(buckets.some((name) => name.startsWith('workbox-precache'))).toBe(true);

    await context.setOffline(true);
    dataRequests.length = 0;
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
    await heading(page).waitFor();
    // The address kept the experiment: still MNIST, ready to train.
    await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-01-reloaded.png` });
    await page.getByLabel('step budget').fill('20');
    await train(page);
    await finished(page);
    await expect.poll(() => status(page).textContent()).toMatch(/step 20\b/);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(dataRequests, 'no MNIST request went out offline').toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-02-mnist-trained.png` });

    // More digits than were downloaded: said in words, with how much is missing.
    await openData(page);
    await page.getByLabel('Training examples').fill('20000');
    await train(page);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 60_000 }).toMatch(
      /This experiment needs more MNIST digits than are downloaded, and you are offline: connect once to download the rest \(\d+\.\d MB\)/,
    );
    expect(await alert.textContent()).not.toMatch(/Failed to fetch/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-03-more-digits-missing.png` });
    // The worker's failed fetches log as console errors; nothing else may.
    expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  });

  it('a student who only trained XOR opens an MNIST lesson offline: told it is not downloaded yet, and its size', async () => {
    const { context, page } = await profile();
    await page.goto(baseUrl);
    await heading(page).waitFor();
    await serviceWorkerActive(page);
    await context.setOffline(true);
    await page.goto(`${baseUrl}#lesson=dying-relu`);
    await page.reload();
    await page.getByRole('region', { name: 'Dying ReLU units' }).waitFor();
    await train(page);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 60_000 }).toMatch(/MNIST is not downloaded yet and you are offline: connect once to download it \(\d+\.\d MB\)/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-04-not-downloaded.png` });
  });

  it('control: without the service worker, an offline reload gets the browser’s error page', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    contexts.push({ context, errors: [] });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await heading(page).waitFor();
    await context.setOffline(true);
    await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
  });
});

describe('Content-Security-Policy', () => {
  it('is in force, and loading, training XOR on webgl and wasm and training MNIST report no violation', async () => {
    const { page, errors } = await profile();
    // Before any page script: collects every report of the policy (an init script is not itself subject to it).
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
    });
    const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    await page.goto(baseUrl);
    await heading(page).waitFor();
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);

    await page.getByLabel('step budget').fill('100');
    // The page's default is 'auto' (the fastest backend measured here, maybe cpu): name each one.
    // The backend line changes when the worker has set the backend up (wasm's gradient check first):
    // waited for before "finished", which the previous training's status would satisfy at once.
    const backendInUse = (name: string) => expect.poll(() => page.getByTestId('backend-in-use').textContent(), { timeout: 120_000 }).toMatch(new RegExp(`^${name}`));
    await page.getByLabel('Backend').selectOption('webgl');
    await train(page);
    await backendInUse('webgl');
    await finished(page);
    await page.getByLabel('Backend').selectOption('wasm');
    await train(page);
    await backendInUse('wasm');
    await finished(page);
    await chooseMnist(page, 20);
    await train(page);
    await finished(page);
    // tfjs's wasm binaries compile under this policy in the page too (the page-thread fallback).
    const wasm = readdirSync('dist/assets').find((file) => /^tfjs-backend-wasm-simd-.*\.wasm$/.test(file));
    expect(wasm).toBeDefined();
    const compiled = await page.evaluate(async (url) => {
      const bytes = await (await fetch(url)).arrayBuffer();
      return WebAssembly.compile(bytes).then(() => 'compiled', (e: unknown) => String(e));
    }, `/assets/${wasm}`);
    expect(compiled).toBe('compiled');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);

    // Control: the listener hears the policy, and the policy stops an injected inline script.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
    });
    await expect.poll(violations).toEqual([expect.stringMatching(/^script-src-elem blocked inline/)]);
    expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false);
  });
});
