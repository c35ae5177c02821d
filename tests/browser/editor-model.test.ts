// The architecture inside a run card: the notation text, the layer list and the summary table move
// together; a text that does not parse leaves the list greyed on the last model that did.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ExperimentEditor } from '../../src/state/editor.svelte';
import RunCard from '../../src/ui/editor/RunCard.svelte';

const mounted: (() => void)[] = [];
afterEach(() => mounted.splice(0).forEach((undo) => undo()));

function card(editor: ExperimentEditor): HTMLElement {
  const target = document.body.appendChild(document.createElement('div'));
  const instance = mount(RunCard, { target, props: { editor, index: 0, color: '#009E73' } });
  flushSync();
  mounted.push(() => {
    void unmount(instance);
    target.remove();
  });
  return target;
}

function mnistEditor(model?: string): ExperimentEditor {
  const editor = new ExperimentEditor();
  editor.setTask('mnist');
  if (model) editor.draft.runs[0].model = model;
  return editor;
}

const notation = (root: HTMLElement) => root.querySelector<HTMLInputElement>('[data-path="runs[0].model"]')!;
const rows = (root: HTMLElement) => [...root.querySelectorAll<HTMLLIElement>('li.layer')];
const words = (root: HTMLElement) => rows(root).map((row) => row.querySelector('.word')?.textContent?.replace(/^\d+/, ''));
const messagesOf = (el: HTMLElement) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '';

/** The input labelled `label` inside layer row `n` (1-based, as in the table). */
function layerField<T extends HTMLElement = HTMLInputElement>(root: HTMLElement, n: number, label: string): T {
  const row = rows(root)[n - 1];
  const found = [...row.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  const control = found && document.getElementById(found.htmlFor);
  if (!control) throw new Error(`layer ${n} has no field "${label}"`);
  return control as T;
}

function summaryRow(root: HTMLElement, layer: string): string[] {
  const row = [...root.querySelectorAll('table.summary tbody tr')].find((tr) => tr.querySelector('td')?.textContent === layer);
  return row ? [...row.querySelectorAll('td')].map((td) => td.textContent ?? '') : [];
}

async function type(element: HTMLElement, text: string) {
  await userEvent.fill(element, text);
  flushSync();
}

describe('architecture editing', () => {
  test('editing the notation updates the layer list and the summary table', async () => {
    const root = card(mnistEditor());
    expect(words(root)).toEqual(['FC', 'FC']);
    await type(notation(root), 'INPUT 28x28x1, CONV5-8, POOL2, CONV5-16, POOL3, FC-10');
    expect(words(root)).toEqual(['CONV', 'POOL', 'CONV', 'POOL', 'FC']);
    expect(layerField(root, 1, 'Filters').value).toBe('8');
    expect(layerField(root, 1, 'Kernel size').value).toBe('5');
    expect(summaryRow(root, 'CONV5-8')).toEqual(['CONV5-8', '28×28×8', '208', '5']);
    expect(summaryRow(root, 'POOL3')).toEqual(['POOL3', '4×4×16', '0', '18']);
    expect(root.querySelector('table.summary tfoot')?.textContent).toContain('5,994');
  });

  test('editing a layer in the list rewrites the notation text', async () => {
    const editor = mnistEditor();
    const root = card(editor);
    expect(notation(root).value).toBe('INPUT 784, FC-100 HE, FC-10'); // the task default, canonical
    await type(layerField(root, 1, 'Units'), '50');
    expect(notation(root).value).toBe('INPUT 784, FC-50 HE, FC-10');
    expect(editor.draft.runs[0].model).toBe('INPUT 784, FC-50 HE, FC-10');
    expect(summaryRow(root, 'FC-50 HE')[2]).toBe('39,250');

    await userEvent.selectOptions(layerField<HTMLSelectElement>(root, 1, 'Activation'), 'leaky-relu');
    flushSync();
    expect(notation(root).value).toBe('INPUT 784, FC-50 LRELU HE, FC-10');
    await type(layerField(root, 1, 'Negative slope'), '0.1');
    expect(notation(root).value).toBe('INPUT 784, FC-50 LRELU0.1 HE, FC-10');

    await userEvent.selectOptions(layerField<HTMLSelectElement>(root, 2, 'Bias init'), 'constant');
    flushSync();
    await type(layerField(root, 2, 'Bias init: value'), '0.5');
    expect(notation(root).value).toBe('INPUT 784, FC-50 LRELU0.1 HE, FC-10 BIAS-CONST0.5');
    expect(editor.result.ok).toBe(true);
  });

  test('a bad token shows the notation error and greys the list on the last valid model', async () => {
    const editor = mnistEditor();
    const root = card(editor);
    const text = notation(root);
    await type(text, 'INPUT 784, FC-100 RELUU, FC-10');
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(messagesOf(text)).toContain('unknown token "RELUU" in layer 1');
    expect(editor.result.ok).toBe(false);

    const list = root.querySelector<HTMLElement>('.layer-list')!;
    expect(list.classList.contains('stale')).toBe(true);
    expect(list.querySelector('fieldset')?.disabled).toBe(true);
    expect(list.textContent).toContain('the list shows the last model that parsed');
    expect(words(root)).toEqual(['FC', 'FC']);
    expect(layerField(root, 1, 'Units').value).toBe('100');
    expect(layerField<HTMLSelectElement>(root, 1, 'Weights init').value).toBe('he-normal');

    await type(text, 'INPUT 784, FC-30 TANH, FC-10');
    expect(list.classList.contains('stale')).toBe(false);
    expect(layerField(root, 1, 'Units').value).toBe('30');
    expect(layerField<HTMLSelectElement>(root, 1, 'Activation').value).toBe('tanh');
    expect(editor.result.ok).toBe(true);
  });

  test('add, move and remove layers; a moved layer takes the default activation of its new place', async () => {
    const editor = new ExperimentEditor(); // xor: INPUT 2, FC-4 TANH, FC-1
    const root = card(editor);
    const click = async (label: string) => {
      const button = [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === label);
      if (!button) throw new Error(`no button ${label}`);
      await userEvent.click(button);
      flushSync();
    };

    await userEvent.selectOptions(root.querySelector<HTMLSelectElement>('.add select')!, 'dropout');
    await click('Add before output');
    expect(notation(root).value).toBe('INPUT 2, FC-4 TANH, DROPOUT0.5, FC-1');
    await click('Move layer 2 up');
    expect(notation(root).value).toBe('INPUT 2, DROPOUT0.5, FC-4 TANH, FC-1');
    await click('Remove layer 1');
    expect(notation(root).value).toBe('INPUT 2, FC-4 TANH, FC-1');
    // FC-1 was the output (sigmoid by default); moved up it becomes a hidden ReLU layer, as in the text.
    await click('Move layer 2 up');
    expect(notation(root).value).toBe('INPUT 2, FC-1, FC-4 TANH');
    expect(root.querySelector<HTMLButtonElement>('[aria-label="Move layer 1 up"]')?.disabled).toBe(true);
    expect(editor.issuesAt('runs[0].model').join()).toContain('last layer must have 1 or 2 units');
  });

  test('an edit the notation cannot hold is refused with the reason, and the text stays', async () => {
    const editor = mnistEditor('INPUT 28x28x1, CONV5-8, POOL2, FC-10');
    const root = card(editor);
    const pool = layerField(root, 2, 'Pool size');
    await type(pool, '30');
    expect(rows(root)[1].textContent).toContain('a 30x30 window does not fit a 28x28 input');
    expect(notation(root).value).toBe('INPUT 28x28x1, CONV5-8, POOL2, FC-10');
    expect(pool.value).toBe('30');
    await type(pool, '4');
    expect(rows(root)[1].textContent).not.toContain('does not fit');
    expect(notation(root).value).toBe('INPUT 28x28x1, CONV5-8, POOL4, FC-10'); // POOLk: stride k still
    await type(layerField(root, 2, 'Stride'), '2');
    await type(pool, '3');
    expect(notation(root).value).toBe('INPUT 28x28x1, CONV5-8, POOL3 S2, FC-10'); // an explicit stride stays

    await userEvent.selectOptions(layerField<HTMLSelectElement>(root, 1, 'Padding'), 'pixels');
    flushSync();
    await type(layerField(root, 1, 'Padding (px)'), '2');
    await type(layerField(root, 1, 'Stride'), '2');
    expect(notation(root).value).toBe('INPUT 28x28x1, CONV5-8 S2 P2, POOL3 S2, FC-10');
    expect(summaryRow(root, 'CONV5-8 S2 P2')[1]).toBe('14×14×8');
  });
});
