// The loss-landscape lesson as a student meets it: opened from its link, trained, then the worker
// computes the landscape (with progress) and the page draws the line and both slices, and judges
// the claim on that very landscape. axe-core checks the drawn picture.
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from './browser';
import { axeViolations } from './axe';
import { finished, train, useAppSession } from './app-session';

const { baseUrl, visit } = useAppSession();

describe('the loss-landscape lesson', () => {
  it('trains, computes the landscape in the worker and draws it, with a verdict judged on it', async () => {
    const page = await visit(`${baseUrl}#lesson=loss-landscape`);
    const picture = page.getByRole('region', { name: 'The loss landscape around the trained weights', exact: true });
    await expect.poll(() => picture.textContent()).toMatch(/computed when training stops/);
    await train(page);
    await finished(page);
    const slices = picture.locator('canvas');
    await expect.poll(() => slices.evaluateAll((all) => all.map((c) => (c as HTMLElement).dataset.run)), { timeout: 240_000 }).toEqual(['narrow', 'wide']);
    await expect.poll(() => picture.getByRole('img', { name: /straight line from the initial weights/ }).count()).toBe(1);
    const verdict = page.locator('[data-verdict]');
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('held');
    expect(await verdict.textContent()).toMatch(/rises on average [\d.]+ above θ1's for the narrow net and [\d.]+ for the wide one: [\d.]+ times as steep/);
    // The words say what the picture shows, for a screen reader.
    expect(await picture.locator('.summary li').allTextContents()).toEqual([expect.stringMatching(/^narrow: on the line the loss goes from/), expect.stringMatching(/^wide: /)]);
    await picture.screenshot({ path: `${SCREENSHOT_DIR}/landscape-01-drawn.png` });
    expect(await axeViolations(page)).toEqual([]);
  }, 400_000);
});
