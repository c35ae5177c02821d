// The drawn-points editor in real Chromium, driven with real pointer and key events: a click adds a
// point of the chosen class, a drag moves one, a right-click or Delete removes one, and each change is
// the document's (and so the share link's) data.points.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ExperimentEditor } from '../../src/state/editor.svelte';
import { decodeShareHash, encodeShareHash } from '../../src/state/share-link';
import PointsEditor from '../../src/ui/views/PointsEditor.svelte';

const mounted: (() => void)[] = [];
afterEach(() => mounted.splice(0).forEach((undo) => undo()));

function render(editor: ExperimentEditor) {
  const target = document.body.appendChild(document.createElement('div'));
  const instance = mount(PointsEditor, { target, props: { editor } });
  flushSync();
  mounted.push(() => {
    void unmount(instance);
    target.remove();
  });
  return target;
}

const SIZE = 320;
/** Where plane point (x, y) is, relative to the canvas element's border box (1px border). */
const at = (x: number, y: number) => ({ x: ((x + 6) / 12) * SIZE + 1, y: ((6 - y) / 12) * SIZE + 1 });
const points = (editor: ExperimentEditor) => editor.snapshot().data.points ?? [];
const near = (point: number[] | undefined, x: number, y: number, label: number) => {
  expect(point).toBeDefined();
  expect(Math.abs(point![0] - x)).toBeLessThan(0.08);
  expect(Math.abs(point![1] - y)).toBeLessThan(0.08);
  expect(point![2]).toBe(label);
};

describe('PointsEditor', () => {
  it('adds, moves and removes points with clicks, drags, right-clicks and Delete; the document follows', async () => {
    await page.viewport(800, 700);
    const editor = new ExperimentEditor();
    editor.setTask('points');
    const root = render(editor);
    const canvas = root.querySelector('canvas')!;
    const start = points(editor);
    expect(start).toHaveLength(12);
    expect(editor.doc).not.toBeNull();

    // A click on empty ground adds a point of the chosen class (class 0 to begin with).
    await userEvent.click(canvas, { position: at(0, 0) });
    flushSync();
    expect(points(editor)).toHaveLength(13);
    near(points(editor)[12], 0, 0, 0);

    // Choose class 1, then add one: it is of class 1.
    await userEvent.click(root.querySelector<HTMLInputElement>('input[type="radio"][value="1"]')!);
    await userEvent.click(canvas, { position: at(4, 4) });
    flushSync();
    near(points(editor)[13], 4, 4, 1);
    expect(root.querySelector('.status')?.textContent).toContain('14 points');

    // A drag moves the point under the pointer (the first starting point, at (-3, 2)) and adds none.
    await userEvent.dragAndDrop(canvas, canvas, { sourcePosition: at(-3, 2), targetPosition: at(1, -1) });
    flushSync();
    expect(points(editor)).toHaveLength(14);
    near(points(editor)[0], 1, -1, 0);
    // The rest did not move.
    expect(points(editor).slice(1, 12)).toEqual(start.slice(1));

    // A right-click removes the point under it: (4, 4), the class-1 point added above.
    await userEvent.click(canvas, { position: at(4, 4), button: 'right' });
    flushSync();
    expect(points(editor)).toHaveLength(13);
    expect(points(editor).some(([x, y]) => Math.abs(x - 4) < 0.1 && Math.abs(y - 4) < 0.1)).toBe(false);

    // Clicking a point selects it (and adds nothing); Delete removes it.
    await userEvent.click(canvas, { position: at(0, 0) });
    flushSync();
    expect(points(editor)).toHaveLength(13);
    await userEvent.keyboard('{Delete}');
    flushSync();
    expect(points(editor)).toHaveLength(12);
    expect(points(editor).some(([x, y]) => Math.abs(x) < 0.1 && Math.abs(y) < 0.1)).toBe(false);

    // Right-clicking empty ground removes nothing (the control of the removals above).
    await userEvent.click(canvas, { position: at(5.5, -5.5), button: 'right' });
    flushSync();
    expect(points(editor)).toHaveLength(12);

    // What was drawn is the document, and so the share link.
    const shared = decodeShareHash(encodeShareHash(editor.snapshot()));
    expect(shared.kind).toBe('document');
    const copy = new ExperimentEditor();
    expect(copy.load(shared.kind === 'document' ? shared.value : null, 'the link')).toBe(true);
    expect(copy.snapshot().data.points).toEqual(points(editor));
    expect(editor.doc?.data.trainSize).toBe(10); // 12 points, 20% held out: 2 test, 10 training
    await page.elementLocator(root).screenshot({ path: '../../test-results/points-editor.png' });
  });

  it('keys choose the class; a drawing of one class is refused by the validator, naming data.points', async () => {
    const editor = new ExperimentEditor();
    editor.setTask('points');
    editor.draft.data.classes = 3;
    const root = render(editor);
    const canvas = root.querySelector('canvas')!;
    await userEvent.click(root.querySelector<HTMLInputElement>('input[type="radio"][value="0"]')!);
    (root.querySelector('.pad') as HTMLElement).focus();
    await userEvent.keyboard('2');
    await userEvent.click(canvas, { position: at(-5, -5) });
    flushSync();
    expect(points(editor).at(-1)?.[2]).toBe(2);
    editor.draft.data.points = [[0, 0, 1], [1, 1, 1]];
    flushSync();
    expect(editor.issuesAt('data.points')).toEqual(['data.points holds only class 1: a classifier needs points of at least two classes']);
  });
});
