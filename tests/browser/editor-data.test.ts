// The task and data panel in real Chromium, and a look at the whole set-up at lecture-hall width.
import { flushSync, mount, unmount, type Component } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ExperimentEditor } from '../../src/state/editor.svelte';
import DataPanel from '../../src/ui/editor/DataPanel.svelte';
import RunList from '../../src/ui/editor/RunList.svelte';

const mounted: (() => void)[] = [];
afterEach(() => mounted.splice(0).forEach((undo) => undo()));

function render<P extends Record<string, unknown>>(component: Component<P>, props: P, target = document.body.appendChild(document.createElement('div'))) {
  const instance = mount(component, { target, props });
  flushSync();
  mounted.push(() => {
    void unmount(instance);
    target.remove();
  });
  return target;
}

const control = <T extends HTMLElement = HTMLInputElement>(root: ParentNode, path: string) => root.querySelector<T>(`[data-path="${path}"]`);
const messagesOf = (el: HTMLElement) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '';

async function choose(element: HTMLElement | null, value: string) {
  if (!element) throw new Error(`nothing to choose ${value} in`);
  await userEvent.selectOptions(element, value);
  flushSync();
}

describe('DataPanel', () => {
  test('switching the task to mnist gives its defaults and shows the split sizes', async () => {
    const editor = new ExperimentEditor();
    const root = render(DataPanel, { editor });
    // The XOR truth table is its four corners: no sizes, no noise.
    expect(control(root, 'data.trainSize')).toBeNull();
    expect(control(root, 'data.testSize')).toBeNull();
    expect(control(root, 'data.noise')).toBeNull();
    expect(control(root, 'data.xorPoints')).not.toBeNull();

    await choose(control(root, 'task'), 'mnist');
    expect(editor.draft.task).toBe('mnist');
    expect(editor.draft.data).toMatchObject({ trainSize: 8000, testSize: 2000, order: 'shuffled' });
    expect(editor.draft.runs[0].model).toBe('INPUT 784, FC-100 HE, FC-10');
    expect(control(root, 'data.trainSize')?.value).toBe('8000');
    expect(control(root, 'data.testSize')?.value).toBe('2000');
    expect(control(root, 'data.xorPoints')).toBeNull();

    const train = control(root, 'data.trainSize')!;
    // Before training, the panel says what the first training downloads.
    expect(root.querySelector('[data-testid="download-size"]')?.textContent).toContain('Training downloads 1.6 MB of digits (6 of 40 chunks)');
    await userEvent.fill(train, '60001');
    flushSync();
    expect(messagesOf(train)).toContain('data.trainSize must be at most 60000 for mnist (the official training digits), got 60001');
    expect(editor.result.ok).toBe(false);
    await userEvent.fill(train, '60000');
    await userEvent.fill(control(root, 'data.testSize')!, '10000');
    flushSync();
    expect(root.querySelector('[data-testid="download-size"]')?.textContent).toContain('Training downloads 11.5 MB of digits (40 of 40 chunks)');
  });

  test('one-class-first reveals the first class; the xor cloud reveals sizes and noise', async () => {
    const editor = new ExperimentEditor();
    const root = render(DataPanel, { editor });
    expect(control(root, 'data.firstClass')).toBeNull();
    await choose(control(root, 'data.order'), 'one-class-first');
    const first = control(root, 'data.firstClass')!;
    expect(first.value).toBe('0');
    await userEvent.fill(first, '5');
    flushSync();
    expect(messagesOf(first)).toContain('data.firstClass must be below 2 for xor, got 5');

    await choose(control(root, 'data.xorPoints'), 'cloud');
    expect(control(root, 'data.trainSize')?.value).toBe('200');
    const noise = control(root, 'data.noise')!;
    await userEvent.fill(noise, '0.2');
    flushSync();
    expect(editor.draft.data).toMatchObject({ xorPoints: 'cloud', noise: 0.2, order: 'one-class-first', firstClass: 5 });

    // A problem with a field that is hidden still shows, at the panel's foot.
    await choose(control(root, 'data.order'), 'shuffled');
    expect(root.querySelector('.unshown')?.textContent).toContain('data.firstClass must be below 2');
  });

  test('screenshot: data panel and two run cards side by side at 1400 px', async () => {
    await page.viewport(1400, 1400);
    const editor = new ExperimentEditor();
    editor.setTask('mnist');
    editor.draft.runs[0].model = 'INPUT 28x28x1, CONV5-8 HE, POOL2, CONV5-16 HE, POOL3, FC-10';
    editor.setOptimizer(0, 'adam');
    editor.duplicateRun(0);
    editor.draft.runs[1].model = 'INPUT 784, FC-100 RELUU, FC-10';
    editor.setOptimizer(1, 'momentum');
    editor.draft.runs[1].optimizer = { name: 'momentum', learningRate: 0.01, momentum: 1.5 };
    editor.draft.data.order = 'one-class-first';

    const frame = document.body.appendChild(document.createElement('div'));
    frame.style.cssText = 'width: 1352px; padding: 24px; display: grid; gap: 16px; font-family: system-ui, sans-serif; background: #f7f9fb; color: #1c2833';
    render(DataPanel, { editor }, frame.appendChild(document.createElement('div')));
    const live = {
      'run 1': { step: 350, loss: 0.2841, accuracy: 0.9, testLoss: 0.31, testAccuracy: 0.912, msPerStep: 14.2, msPerInference: 3.1, examplesPerSecond: 2250, divergedAt: null, reason: null },
    };
    render(RunList, { editor, color: (i: number) => ['#0072B2', '#D55E00'][i], live }, frame.appendChild(document.createElement('div')));
    mounted.push(() => frame.remove());

    const cards = [...frame.querySelectorAll<HTMLElement>('.run-card')];
    expect(cards).toHaveLength(2);
    expect(cards[1].getBoundingClientRect().top).toBe(cards[0].getBoundingClientRect().top); // side by side
    // Under the project (Vite refuses paths outside it); test-results/ is ignored by git.
    await page.screenshot({ path: '../../test-results/editor.png', element: frame });
  });
});
