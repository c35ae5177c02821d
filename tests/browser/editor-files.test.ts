// The user's own file in the data panel, in real Chromium: picked through the file input, read in the
// page, previewed, named in the document (name, size, sha256), the models fitted to it; parser
// errors shown in words; a recipient of a link asked for the file, and another file named as such.
import { zipSync } from 'fflate';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ExperimentEditor } from '../../src/state/editor.svelte';
import DataPanel from '../../src/ui/editor/DataPanel.svelte';

const mounted: (() => void)[] = [];
afterEach(() => mounted.splice(0).forEach((undo) => undo()));

function render(editor: ExperimentEditor) {
  const target = document.body.appendChild(document.createElement('div'));
  target.style.width = '640px';
  const instance = mount(DataPanel, { target, props: { editor } });
  flushSync();
  mounted.push(() => {
    void unmount(instance);
    target.remove();
  });
  return target;
}

const IRIS_SHA = '91eb642c3adbc7bad8e99c930c11fa3a5cc8a07262c7a753b4e6ecf405f2e05e';
const iris = async () => new Uint8Array(await (await fetch('/docs/examples/iris.csv')).arrayBuffer());
const input = (root: HTMLElement, label: string) => [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)!.nextElementSibling as HTMLInputElement;
const settled = (editor: ExperimentEditor) => vi.waitFor(() => expect(editor.files.busy).toBe(false), { timeout: 20_000, interval: 20 });

async function digitPng(shade: number): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(20, 20);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, 20, 20);
  ctx.fillStyle = `rgb(${shade}, ${shade}, ${shade})`;
  ctx.fillRect(5, 2, 10, 16);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

describe('the data panel with a CSV file', () => {
  it('loads the file, previews its head, names it in the document and fits the model to it', async () => {
    await page.viewport(900, 900);
    const editor = new ExperimentEditor();
    editor.setTask('csv');
    const root = render(editor);
    expect(editor.doc).toBeNull();
    expect(editor.issuesAt('data.source')[0]).toMatch(/^data\.source is required for the csv task/);
    expect(editor.files.problem(editor.doc)).toBeNull(); // the document's own problem says it

    await userEvent.upload(input(root, 'CSV file'), new File([await iris()], 'iris.csv', { type: 'text/csv' }));
    await settled(editor);
    flushSync();
    expect(editor.draft.data.source).toEqual({ kind: 'csv', name: 'iris.csv', size: 3716, sha256: IRIS_SHA, examples: 150, classes: 3, features: 4 });
    expect(editor.draft.runs[0].model).toBe('INPUT 4, FC-16, FC-3');
    expect(editor.doc).not.toBeNull();
    expect(editor.files.problem(editor.doc)).toBeNull();
    const rows = [...root.querySelectorAll('.table-preview tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows[0]).toEqual(['5.1', '3.5', '1.4', '0.2', 'setosa']);
    expect(rows).toHaveLength(5);
    expect(root.querySelector('[data-testid="counted-sizes"]')?.textContent).toContain('120 training examples, 30 held out for testing');
    // The label column's menu offers the file's columns.
    const label = root.querySelector<HTMLSelectElement>('[data-path="data.label"]')!;
    expect([...label.options].map((o) => o.value)).toEqual(['', 'sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    // The examples the start message carries are those of this file.
    expect(editor.files.examplesFor(editor.doc!)?.source.sha256).toBe(IRIS_SHA);
    await page.elementLocator(root).screenshot({ path: '../../test-results/data-panel-csv.png' });
  });

  it('shows the parser\'s message, naming line and column', async () => {
    const editor = new ExperimentEditor();
    editor.setTask('csv');
    const root = render(editor);
    await userEvent.upload(input(root, 'CSV file'), new File(['a,b,label\n1,2,x\n3,4\n'], 'ragged.csv'));
    await settled(editor);
    flushSync();
    expect(root.querySelector('.file-source .error')?.textContent).toBe('ragged.csv: line 3 has 2 fields, but the header has 3 columns (a ragged row: a missing or extra comma?).');
    expect(editor.draft.data.source).toBeUndefined();
  });

  it('asks a link\'s recipient for the file, names another file as such, and takes it only when told', async () => {
    const sender = new ExperimentEditor();
    sender.setTask('csv');
    const bytes = await iris();
    const examples = await sender.files.pick(async () => ({ kind: 'csv', name: 'iris.csv', bytes }), {});
    sender.draft.data.source = examples!.source;
    sender.draft.runs[0].model = 'INPUT 4, FC-16 RELU, FC-3';

    const editor = new ExperimentEditor();
    expect(editor.load(sender.snapshot(), 'The link')).toBe(true);
    const root = render(editor);
    expect(root.querySelector('.file-source .expected')?.textContent).toContain('This experiment trains on the CSV file "iris.csv" (3,716 bytes, 150 rows, 3 classes, sha256 91eb642c3adb…). Load it below');
    expect(editor.files.problem(editor.doc)).toBe('Load the CSV file "iris.csv" to train: the experiment names it, but a link cannot carry it.');

    const edited = new TextDecoder().decode(bytes).replace('5.1,3.5,1.4,0.2,setosa', '5.9,3.5,1.4,0.2,setosa');
    await userEvent.upload(input(root, 'CSV file'), new File([edited], 'iris.csv'));
    await settled(editor);
    flushSync();
    const alert = root.querySelector('.mismatch p')?.textContent ?? '';
    expect(alert).toMatch(/^This is not the CSV file "iris\.csv" \(3,716 bytes, sha256 91eb642c3adb…\): its contents differ \(sha256 [0-9a-f]{12}… instead of 91eb642c3adb…\)\. Load that file to repeat the experiment\.$/);
    expect(editor.draft.data.source?.sha256).toBe(IRIS_SHA); // not taken yet
    expect(editor.files.problem(editor.doc)).toBe(alert);

    await userEvent.click(root.querySelector<HTMLButtonElement>('.mismatch button')!);
    flushSync();
    expect(editor.draft.data.source?.sha256).not.toBe(IRIS_SHA);
    expect(editor.files.problem(editor.doc)).toBeNull();

    // The very file, under another name: accepted, with a note.
    await userEvent.upload(input(root, 'CSV file'), new File([bytes], 'flowers.csv'));
    await settled(editor);
    editor.draft.data.source = { ...editor.draft.data.source!, ...examples!.source };
    flushSync();
    expect(root.querySelector('.file-source .note')?.textContent).toBe('"flowers.csv" has the same contents as "iris.csv", under another name.');
  });
});

describe('the data panel with images', () => {
  it('loads a zip of class folders, previews a grid per class and fits the model to the image size', async () => {
    const editor = new ExperimentEditor();
    editor.setTask('images');
    const root = render(editor);
    const [dark, light] = await Promise.all([digitPng(20), digitPng(200)]);
    const zip = zipSync({ 'shapes/dark/1.png': dark, 'shapes/dark/2.png': dark, 'shapes/light/1.png': light, 'shapes/light/2.png': light, 'shapes/readme.txt': new TextEncoder().encode('hi') });
    await userEvent.upload(input(root, 'Zip of images'), new File([zip], 'shapes.zip', { type: 'application/zip' }));
    await settled(editor);
    flushSync();
    expect(editor.draft.data.source).toMatchObject({ kind: 'image-zip', name: 'shapes.zip', size: zip.length, examples: 4, classes: 2 });
    expect(editor.draft.runs[0].model).toBe('INPUT 784, FC-100 HE, FC-2');
    expect([...root.querySelectorAll('.image-preview .name')].map((n) => n.textContent)).toEqual(['dark', 'light']);
    expect(root.querySelectorAll('.image-preview canvas')).toHaveLength(4);
    expect(root.querySelector('.image-preview .summary')?.textContent).toContain('4 images of 28×28 grey, 2 classes; 1 other files left out');

    // A smaller image size makes the examples again, and the model's input follows.
    await userEvent.fill(root.querySelector<HTMLInputElement>('[data-path="data.imageSize"]')!, '16');
    await vi.waitFor(() => expect(editor.files.examples?.featureShape).toEqual([16, 16, 1]), { timeout: 20_000 });
    flushSync();
    expect(editor.draft.runs[0].model).toBe('INPUT 256, FC-100 HE, FC-2');
    expect(editor.files.problem(editor.doc)).toBeNull();

    // A damaged image is named by its path.
    const bad = zipSync({ 'a/1.png': dark, 'b/1.png': dark.slice(0, 60) });
    await userEvent.upload(input(root, 'Zip of images'), new File([bad], 'bad.zip'));
    await settled(editor);
    flushSync();
    expect(root.querySelector('.file-source .error')?.textContent).toMatch(/^1 image could not be read: b\/1\.png \(.+\)\. Remove or replace it\.$/);
  });
});
