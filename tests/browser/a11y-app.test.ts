// The whole app (App.svelte with its real worker and tfjs) checked by axe-core as a student meets
// it: the first visit with its start panel, an open lesson with its menu and a run's card, after a
// short XOR training (views and charts drawn), and in presentation mode. Zero violations each time.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import App from '../../src/ui/App.svelte';
import { axeViolations } from './a11y-axe';

let target: HTMLElement;
let app: ReturnType<typeof mount> | null = null;

/** Mounts the app as a first visit to `hash` would (no stored preferences). */
function start(hash = '') {
  localStorage.clear();
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  // The page the tests run in is not index.html: give it the same language and title.
  document.documentElement.lang = 'en';
  document.title = 'Gradient Lab';
  app = mount(App, { target });
  flushSync();
}

const status = () => document.querySelector('[data-status]')?.getAttribute('data-status');
async function until(what: string, ok: () => boolean, timeout = 150_000) {
  await expect.poll(ok, { timeout, message: what }).toBe(true);
}

beforeEach(async () => {
  // A laptop's window, not the runner's phone-sized default (the narrow layout is checked too).
  await page.viewport(1400, 900);
  target = document.createElement('div');
  document.body.append(target);
});
afterEach(() => {
  if (app) unmount(app);
  app = null;
  target.remove();
  localStorage.clear();
  history.replaceState(null, '', `${location.pathname}${location.search}`);
});

describe('axe-core finds nothing to fix', () => {
  it('on the start page (the first-visit panel shown)', async () => {
    start();
    await expect.element(page.getByRole('heading', { name: 'Gradient Lab', exact: true })).toBeVisible();
    // The backend probe settles the header's status line; check the page as it then stands.
    await until('the backend named', () => !!document.querySelector('[data-testid="backend-in-use"]')?.textContent?.trim());
    expect(await axeViolations()).toEqual([]);
  });

  it('with a lesson open, its menu unfolded and a run’s card in the side panel', async () => {
    start('#lesson=momentum');
    await expect.element(page.getByRole('region', { name: 'Optimizer paths on a two-parameter valley' })).toBeVisible();
    await until('the valley traced', () => document.querySelectorAll('.valley canvas').length === 3, 60_000);
    const found: Record<string, string[]> = { lesson: await axeViolations() };
    (document.querySelector('details.lesson-menu') as HTMLDetailsElement).open = true;
    await page.getByRole('button', { name: /^beta 0\.9\b/ }).first().click();
    await expect.element(page.getByRole('dialog')).toBeVisible();
    found['menu and run card'] = await axeViolations();
    await page.viewport(390, 844);
    found['phone width'] = await axeViolations();
    expect(found).toEqual({ lesson: [], 'menu and run card': [], 'phone width': [] });
  });

  it('after a short XOR training, and again in presentation mode', async () => {
    start();
    await page.getByLabelText('step budget').fill('150');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await until('training finished', () => status() === 'finished');
    // The views ask the trained network after the last step: wait until they have drawn.
    await until('the network view drawn', () => !!document.querySelector(".network-view svg"), 60_000);
    const found: Record<string, string[]> = { trained: await axeViolations() };
    await page.getByLabelText('Presentation mode').click();
    flushSync();
    expect(document.querySelector('.app.presentation')).not.toBeNull();
    found.presentation = await axeViolations();
    expect(found).toEqual({ trained: [], presentation: [] });
  });
});
