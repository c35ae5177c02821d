// The momentum lesson's valley, end to end below the app: the worker runs the engine's optimizers
// over it on WebGL, and the plot draws the contours and each path in its run's colour.
import { flushSync, mount, unmount } from 'svelte';
import { afterAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { runColor } from '../../src/charts/run-colors';
import { momentum } from '../../src/lessons/momentum';
import { optimizers } from '../../src/lessons/optimizers';
import ValleyPlot from '../../src/ui/lessons/ValleyPlot.svelte';
import { valleyToCanvas } from '../../src/ui/views/valley-draw';
import { TrainingHost } from '../../src/worker/host';
import type { ValleyTrace } from '../../src/core/valley';

const host = new TrainingHost();
const mounted: Record<string, unknown>[] = [];
afterAll(() => {
  for (const m of mounted) unmount(m);
  host.dispose();
});

function pixel(canvas: HTMLCanvasElement, x: number, y: number): number[] {
  return [...canvas.getContext('2d')!.getImageData(Math.round(x), Math.round(y), 1, 1).data];
}

const hex = (color: string) => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));

describe('the valley through the worker', () => {
  it('traces every path of the lesson on the session backend and refuses a bad valley by name', async () => {
    host.probe('webgl');
    const trace = await host.trace(momentum.valley!);
    expect(trace.paths.map((p) => p.name)).toEqual(['beta 0', 'beta 0.9', 'beta 0.99999']);
    const [plain, heavy] = [trace.paths[0], trace.paths[1]];
    // After the same number of steps, β 0.9 is far closer to the minimum than plain descent.
    expect(heavy.losses[80]).toBeLessThan(plain.losses[80] / 10);
    expect(trace.values).toHaveLength(trace.resolution ** 2);
    await expect(host.trace({ ...momentum.valley!, curvatures: [1, 0] })).rejects.toThrow(/curvatures\[1\] must be in \(0, 10000\], got 0/);
  });
});

describe('ValleyPlot', () => {
  it('draws each path up to the steps shown, in its run colour, with a legend', async () => {
    await page.viewport(900, 700);
    const trace: ValleyTrace = await host.trace(momentum.valley!);
    const target = document.createElement('div');
    document.body.append(target);
    const runColors = new Map([
      ['beta 0', 2],
      ['beta 0.9', 0],
      ['beta 0.99999', 1],
    ]);
    mounted.push(mount(ValleyPlot, { target, props: { trace, error: null, colorOf: (name: string, i: number) => runColor(runColors.get(name) ?? i) } }));
    flushSync();

    const canvases = [...target.querySelectorAll('canvas')];
    expect(canvases.map((c) => c.dataset.run)).toEqual(['beta 0', 'beta 0.9', 'beta 0.99999']);
    expect(canvases[0].dataset.shown).toBe(String(trace.spec.steps));
    const captions = [...target.querySelectorAll('figcaption')].map((f) => f.textContent?.replace(/\s+/g, ' ').trim());
    expect(captions[1]).toBe(`beta 0.9 loss ${trace.paths[1].losses[trace.spec.steps].toPrecision(3)}`);
    // The run's colour underlines its name (coloured text on white failed the contrast check).
    expect((target.querySelector('figcaption .name') as HTMLElement).style.borderBottomColor).toBe(`rgb(${hex(runColor(2)).join(', ')})`);

    // With no steps shown, each optimizer's marker sits on the start, in its run's colour.
    const slider = target.querySelector<HTMLInputElement>('input[type=range]')!;
    const show = (steps: number) => {
      slider.value = String(steps);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      flushSync();
    };
    show(0);
    expect(canvases[0].dataset.shown).toBe('0');
    expect(target.textContent).toContain('Steps shown: 0 of 200');
    const at = (canvas: HTMLCanvasElement, path: number, step: number) =>
      pixel(canvas, ...valleyToCanvas(trace.bounds, canvas.width, trace.paths[path].xs[step], trace.paths[path].ys[step]));
    canvases.forEach((canvas, i) => expect(at(canvas, i, 0).slice(0, 3)).toEqual(hex(runColor(runColors.get(trace.paths[i].name)!))));

    // At step 120 each marker has moved to its own path's position there.
    show(120);
    expect(at(canvases[1], 1, 120).slice(0, 3)).toEqual(hex(runColor(0)));
    expect(at(canvases[2], 2, 120).slice(0, 3)).toEqual(hex(runColor(1)));
    expect(target.textContent).toContain(`beta 0 loss ${trace.paths[0].losses[120].toPrecision(3)}`);
  });

  it('names each path\'s learning rate when the paths do not share one', async () => {
    const trace: ValleyTrace = await host.trace(optimizers.valley!);
    const target = document.createElement('div');
    document.body.append(target);
    mounted.push(mount(ValleyPlot, { target, props: { trace, error: null, colorOf: (_name: string, i: number) => runColor(i) } }));
    flushSync();
    const rates = [...target.querySelectorAll('figcaption')].map((f) => [f.querySelector('.name')?.textContent, f.querySelector('.rate')?.textContent]);
    expect(rates).toEqual(optimizers.valley!.paths.map((p) => [p.name, `lr ${p.optimizer.learningRate}`]));
    expect(target.querySelector('.note')?.textContent).not.toContain('same learning rate');
  });

  it('says what went wrong when the valley could not be traced', () => {
    const target = document.createElement('div');
    document.body.append(target);
    mounted.push(mount(ValleyPlot, { target, props: { trace: null, error: 'the valley could not be traced: no backend', colorOf: (_name: string, i: number) => runColor(i) } }));
    flushSync();
    expect(target.querySelector('[role=alert]')?.textContent).toBe('the valley could not be traced: no backend');
    expect(target.querySelector('canvas')).toBeNull();
  });
});
