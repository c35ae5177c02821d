// The training controls in real Chromium, without training: a fake host records what the
// controller asks of it and plays the session's messages back.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { ExperimentEditor } from '../../src/state/editor.svelte';
import { TrainingController } from '../../src/state/training.svelte';
import TrainingControls from '../../src/ui/controls/TrainingControls.svelte';
import RunCard from '../../src/ui/editor/RunCard.svelte';
import { handleShortcut, type ShortcutActions } from '../../src/ui/shell/keyboard';
import { FakeHost } from './fake-host';



let host: FakeHost;
let training: TrainingController;
let editor: ExperimentEditor;
let target: HTMLElement;
let controls: ReturnType<typeof mount> | null = null;

const button = (name: string | RegExp) => page.getByRole('button', { name, exact: true });

beforeEach(() => {
  host = new FakeHost();
  training = new TrainingController(host.asHost(), null);
  editor = new ExperimentEditor();
  target = document.createElement('div');
  document.body.append(target);
  controls = mount(TrainingControls, { target, props: { training, editor, backend: 'wasm' } });
  flushSync();
});

afterEach(() => {
  if (controls) unmount(controls);
  training.dispose();
  target.remove();
});

describe('TrainingControls', () => {
  it('refuses to train an invalid document and says why, and trains a valid one', async () => {
    editor.draft.runs[0].training.batchSize = 0;
    flushSync();
    await expect.element(button('Train')).toBeDisabled();
    await expect.element(page.getByText('Fix the highlighted fields to train.')).toBeVisible();

    editor.draft.runs[0].training.batchSize = 4;
    flushSync();
    await expect.element(button('Train')).toBeEnabled();
    expect(target.textContent).not.toContain('Fix the highlighted fields');
    await expect.element(button('Train')).toHaveAttribute('title', 'Train every run (Space)');
  });

  it('keeps Train disabled while a number box holds no number, even though the draft kept its last number', async () => {
    const card = mount(RunCard, { target, props: { editor, index: 0, color: '#0072B2' } });
    try {
      flushSync();
      const rate = target.querySelector<HTMLInputElement>('[data-path="runs[0].optimizer.learningRate"]')!;
      await page.elementLocator(rate).fill('1e');
      flushSync();
      expect(editor.doc).not.toBeNull(); // the document itself is still valid
      await expect.element(button('Train')).toBeDisabled();
      await expect.element(page.getByText('Fix the highlighted fields to train.')).toBeVisible();
      // The units of a layer sit deeper in the card; they are found through the card's editor too.
      await page.elementLocator(rate).fill('0.2');
      flushSync();
      await expect.element(button('Train')).toBeEnabled();
      const units = page.getByRole('textbox', { name: 'Units' }).first();
      await units.fill('');
      flushSync();
      await expect.element(button('Train')).toBeDisabled();
      await units.fill('8');
      flushSync();
      await expect.element(button('Train')).toBeEnabled();
      expect(editor.draft.runs[0].optimizer.learningRate).toBe(0.2);
    } finally {
      unmount(card);
    }
  });

  it('passes the step budget and the speed to the host, and empty budget means each run’s own steps', async () => {
    await page.getByRole('spinbutton', { name: 'step budget' }).fill('250');
    await page.getByRole('combobox', { name: 'speed' }).selectOptions('20 steps/s');
    expect(host.calls.at(-1)).toEqual({ method: 'setSpeed', args: [20] });
    await button('Train').click();

    const start = host.calls.find((c) => c.method === 'start')!;
    expect(start.args[0]).toEqual(editor.doc);
    expect(start.args[1]).toBe('wasm');
    expect(start.args[2]).toEqual({ stepsOverride: 250, speed: 20 });
    await expect.element(button('Train')).toBeDisabled(); // training

    host.push({ type: 'finished' });
    await page.getByRole('spinbutton', { name: 'step budget' }).fill('');
    await button('Train').click();
    expect(host.calls.filter((c) => c.method === 'start')[1].args[2]).toEqual({ speed: 20 });

    host.push({ type: 'finished' });
    await page.getByRole('spinbutton', { name: 'step budget' }).fill('0');
    await expect.element(button('Train')).toBeDisabled();
    await expect.element(page.getByText(/step budget must be a whole number/)).toBeVisible();
  });

  it('ends a run on its median timings, with the examples/s its done event computed from the same per-step time', async () => {
    await button('Train').click();
    const run = editor.doc!.runs[0];
    const done = {
      type: 'done',
      run: run.name,
      steps: 50,
      loss: 0.4,
      accuracy: 0.5,
      testLoss: 0.4,
      testAccuracy: 0.5,
      msPerStep: 10,
      msPerInference: 2,
      examplesPerSecond: (1000 * run.training.batchSize) / 10,
      diverged: false,
      stopped: false,
      reason: null,
    } as const;
    host.push({
      type: 'events',
      events: [
        { type: 'timing', run: run.name, step: 50, msPerStep: 20, msPerInference: 5, examplesPerSecond: (1000 * run.training.batchSize) / 20, kernelsPerInference: 5 },
        done,
      ],
    });
    expect(training.runs[run.name]).toMatchObject({ msPerStep: 10, msPerInference: 2, examplesPerSecond: (1000 * run.training.batchSize) / 10 });
  });

  it('pauses, resumes, steps and resets through the host, and shows the status', async () => {
    await expect.element(button('Pause training')).toBeDisabled();
    await button('Train').click();
    host.push({ type: 'events', events: [{ type: 'metrics', run: editor.doc!.runs[0].name, step: 7, loss: 0.5, accuracy: 0.5 }] });
    await expect.element(page.getByText(`Training · step 7 of ${editor.doc!.runs[0].training.steps.toLocaleString('en-US')}`, { exact: true })).toBeVisible();

    await button('Pause training').click();
    await expect.element(button('Resume training')).toBeVisible();
    await expect.element(page.getByText(/^Paused · step 7/)).toBeVisible();
    await button('Resume training').click();
    await button(/^Step/).click(); // pauses first, then one step
    await button('Stop').click();
    expect(host.methods().slice(1)).toEqual(['pause', 'resume', 'pause', 'step', 'stop']);

    const done = { type: 'done', run: 'run 1', steps: 8, loss: 0.4, accuracy: 0.5, testLoss: 0.4, testAccuracy: 0.5, msPerStep: 1, msPerInference: 1, examplesPerSecond: 4000, diverged: false, stopped: true, reason: null } as const;
    host.push({ type: 'events', events: [done] });
    host.push({ type: 'finished' });
    await expect.element(page.getByText('Stopped at step 7')).toBeVisible();
    await expect.element(button('Stop')).toBeDisabled();
  });

  it('Reset rebuilds the runs at step 0, paused, with empty charts; Train then continues that start', async () => {
    await button('Train').click();
    host.push({ type: 'events', events: [{ type: 'metrics', run: editor.doc!.runs[0].name, step: 30, loss: 0.5, accuracy: 0.5 }] });
    expect(training.history).toHaveLength(1);
    await button('Reset: back to the initial weights').click();
    const [, reset] = host.calls.filter((c) => c.method === 'start');
    expect(reset.args[0]).toEqual(editor.doc);
    expect(reset.args[2]).toMatchObject({ paused: true });
    expect(training.history).toEqual([]);
    await expect.element(page.getByText(`At the initial weights · step 0 of ${editor.doc!.runs[0].training.steps.toLocaleString('en-US')}`)).toBeVisible();
    await expect.element(button('Train')).toBeEnabled();
    await button('Train').click();
    expect(host.methods().at(-1)).toBe('resume'); // the runs built by Reset go on from step 0
    expect(host.calls.filter((c) => c.method === 'start')).toHaveLength(2);
    expect(training.status).toBe('training');

    // An edit after Reset means a new start, not the old one resumed.
    host.push({ type: 'finished' });
    await button('Reset: back to the initial weights').click();
    editor.draft.runs[0].seed = 99;
    flushSync();
    await button('Train').click();
    expect(host.calls.filter((c) => c.method === 'start')).toHaveLength(4);
  });

  it('exposes the keyboard actions under the names the App’s shortcut handler calls', () => {
    // The instance is what App passes to handleShortcut (bind:this), so the budget and speed apply.
    const actions = controls as unknown as ShortcutActions;
    const press = (key: string) => handleShortcut(new KeyboardEvent('keydown', { key, cancelable: true }), actions);
    press(' ');
    press(' ');
    press('s');
    press('r');
    expect(host.methods()).toEqual(['start', 'pause', 'step', 'start']);
    expect(host.calls.at(-1)!.args[2]).toMatchObject({ paused: true });
    expect(target.querySelector('[title="Train every run (Space)"]')).not.toBeNull();
    expect(target.querySelector('[title="One step of every run, then pause (S)"]')).not.toBeNull();
    expect(target.querySelector('[title="Stop, and rebuild every run at its initial weights (step 0, empty charts) (R)"]')).not.toBeNull();
  });

  it('keeps s and r working on a focused button, and leaves Space there and every key in a field to the control', () => {
    const calls: string[] = [];
    const actions: ShortcutActions = { trainOrPause: () => calls.push('trainOrPause'), step: () => calls.push('step'), reset: () => calls.push('reset') };
    const press = (element: HTMLElement, key: string) => {
      const listener = (e: KeyboardEvent) => handleShortcut(e, actions);
      element.addEventListener('keydown', listener);
      element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      element.removeEventListener('keydown', listener);
    };
    const [button, input, select] = (['button', 'input', 'select'] as const).map((tag) => document.body.appendChild(document.createElement(tag)));
    press(button, ' ');
    press(button, 's');
    press(button, 'r');
    for (const field of [input, select]) for (const key of [' ', 's', 'r']) press(field, key);
    press(document.body, ' ');
    expect(calls).toEqual(['step', 'reset', 'trainOrPause']);
    [button, input, select].forEach((e) => e.remove());
  });

  it('shows MNIST download progress, indeterminate until the size is known, and errors as text', async () => {
    editor.setTask('mnist');
    flushSync();
    await button('Train').click();
    const bar = () => target.querySelector('progress')!;
    expect(bar().hasAttribute('value')).toBe(false); // indeterminate before any progress message

    host.push({ type: 'loading', loaded: 1_000_000, total: 0 });
    expect(bar().hasAttribute('value')).toBe(false);
    host.push({ type: 'loading', loaded: 1_048_576, total: 4_194_304 });
    expect([bar().value, bar().max]).toEqual([1_048_576, 4_194_304]);
    await expect.element(page.getByText('1.0 MB of 4.0 MB')).toBeVisible();

    host.push({ type: 'error', message: '<b>download failed</b>', where: 'worker' });
    expect(target.querySelector('progress')).toBeNull();
    await expect.element(page.getByRole('alert')).toHaveTextContent('<b>download failed</b>');
    expect(target.querySelector('.error b')).toBeNull();
  });
});
