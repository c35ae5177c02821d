// The built app with a user's own data and the 2-D tasks, driven as a user would in real Chromium:
// a CSV file loaded through the page's file input and trained on in the worker, its share link asking
// the recipient for the file; a three-armed spiral trained with extra input features and its decision
// boundary drawn. No console errors anywhere.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { card, finished, liveValue, openData, openRun, trainButton, useAppSession } from './app-session';
import { SCREENSHOT_DIR } from './browser';

const { visit } = useAppSession();


const IRIS = 'docs/examples/iris.csv';

describe('your own data', () => {
  it('loads a CSV file through the page, previews it and trains on it in the worker', async () => {
    const page = await visit();
    await openData(page);
    await page.getByLabel('Task', { exact: true }).selectOption('csv');
    await page.getByText('Load a CSV file: numeric feature columns and a label column, with a header row. It stays in your browser.').waitFor();
    expect(await trainButton(page).isDisabled()).toBe(true);
    await page.getByLabel('CSV file').setInputFiles(IRIS);
    await page.locator('.table-preview tbody tr').first().waitFor();
    expect(await page.locator('.table-preview tbody tr').first().locator('td').allTextContents()).toEqual(['5.1', '3.5', '1.4', '0.2', 'setosa']);
    await page.getByText('120 training examples, 30 held out for testing').waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/20-csv-loaded.png`, fullPage: true });
    await openRun(page, 0);
    await expect.poll(() => card(page, 0).getByLabel('Architecture (course notation)').inputValue()).toBe('INPUT 4, FC-16, FC-3');

    await trainButton(page).click();
    await finished(page);
    // 50 epochs of 4 steps (120 rows in batches of 32): the status line counts both.
    expect(await page.locator('[data-status]').textContent()).toMatch(/step 200 of 200 · epoch 50 of 50/);
    expect(parseFloat((await liveValue(page, 0, 'test accuracy').textContent()) ?? '')).toBeGreaterThan(80);
    await page.getByRole('region', { name: 'Confusion matrix' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/21-csv-trained.png`, fullPage: true });

    // The link names the file (name, size, checksum): the recipient is asked for it.
    const copy = await visit(page.url());
    await openData(copy);
    await copy.getByText('This experiment trains on the CSV file "iris.csv" (3,716 bytes, 150 rows, 3 classes, sha256 91eb642c3adb…)').waitFor();
    expect(await trainButton(copy).isDisabled()).toBe(true);
    await copy.getByText('Load the CSV file "iris.csv" to train: the experiment names it, but a link cannot carry it.').waitFor();
    // Another file is named as such, and does not train unless chosen.
    const edited = readFileSync(IRIS, 'utf8').replace('5.1,3.5,1.4,0.2,setosa', '5.9,3.5,1.4,0.2,setosa');
    await copy.getByLabel('CSV file').setInputFiles({ name: 'iris.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
    await copy.locator('.mismatch').getByText(/^This is not the CSV file "iris\.csv" .*its contents differ/).waitFor();
    expect(await trainButton(copy).isDisabled()).toBe(true);
    await copy.screenshot({ path: `${SCREENSHOT_DIR}/22-csv-link-other-file.png`, fullPage: true });
    // The very file: it trains.
    await copy.getByLabel('CSV file').setInputFiles(IRIS);
    await expect.poll(() => trainButton(copy).isDisabled()).toBe(false);
    expect(await copy.locator('.mismatch').count()).toBe(0);
  });
});

describe('2-D tasks', () => {
  it('a three-armed spiral trains with sin x and sin y as extra inputs, and its decision boundary is drawn', async () => {
    const page = await visit();
    await openData(page);
    await page.getByLabel('Task', { exact: true }).selectOption('spiral');
    // Before training, the plane previews the data.
    await page.getByText('The data to train on: training points filled, test points as rings.').waitFor();
    await page.getByLabel('Classes', { exact: true }).fill('3');
    await openRun(page, 0);
    const notation = card(page, 0).getByLabel('Architecture (course notation)');
    await expect.poll(() => notation.inputValue()).toBe('INPUT 2, FC-16 TANH, FC-16 TANH, FC-3');
    await card(page, 0).getByLabel('sin x').check();
    await card(page, 0).getByLabel('sin y').check();
    await expect.poll(() => notation.inputValue()).toBe('INPUT 4, FC-16 TANH, FC-16 TANH, FC-3');
    await page.getByLabel('step budget').fill('1500');
    await trainButton(page).click();
    await finished(page);
    const accuracy = parseFloat((await liveValue(page, 0, 'test accuracy').textContent()) ?? '');
    expect(accuracy).toBeGreaterThan(70);
    const map = page.locator('.decision-boundaries canvas[data-run="run 1"]');
    await expect.poll(() => map.getAttribute('data-misclassified'), { timeout: 30_000 }).toMatch(/^\d+ of 500 shown points misclassified$/);
    // The map's count of mistakes agrees with the test accuracy the run reports, on the 250 test points.
    const wrong = Number(/^(\d+)/.exec((await map.getAttribute('data-misclassified')) ?? '')?.[1]);
    expect(wrong).toBeLessThan(500 * 0.4);
    await page.getByText('where the likeliest class changes').waitFor();
    await page.locator('.plane-view').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/23-spiral-trained.png`, fullPage: true });
    await page.locator('.plane-view').screenshot({ path: `${SCREENSHOT_DIR}/24-spiral-boundary.png` });
  });

  it('draws points on the plane, trains on them, and the link carries the drawing', async () => {
    const page = await visit();
    await openData(page);
    await page.getByLabel('Task', { exact: true }).selectOption('points');
    const pad = page.locator('.points-editor canvas');
    await pad.waitFor();
    await pad.scrollIntoViewIfNeeded();
    expect(await page.locator('.points-editor .pad').getAttribute('data-points')).toBe('12');
    // The pad's box is read at each click: choosing a class scrolls the page, and the sticky control
    // bar may then cover the pad's top, so the pad is brought to the middle of the screen first.
    const click = async (x: number, y: number, options: { button?: 'right' } = {}) => {
      await pad.evaluate((e) => e.scrollIntoView({ block: 'center' }));
      const box = (await pad.boundingBox())!;
      await page.mouse.click(box.x + 1 + ((x + 6) / 12) * 320, box.y + 1 + ((6 - y) / 12) * 320, options);
    };
    await click(-4, -4);
    await page.getByLabel('class 1').check();
    await click(4, 4);
    await expect.poll(() => page.locator('.points-editor .pad').getAttribute('data-points')).toBe('14');
    await trainButton(page).click();
    await finished(page);
    await page.locator('.decision-boundaries canvas[data-run="run 1"][data-misclassified]').waitFor({ timeout: 30_000 });
    await page.locator('.plane-view').screenshot({ path: `${SCREENSHOT_DIR}/25-points-trained.png` });
    const copy = await visit(page.url());
    await expect.poll(() => copy.locator('.points-editor .pad').getAttribute('data-points')).toBe('14');
  });
});
