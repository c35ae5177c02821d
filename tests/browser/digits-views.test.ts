// The digit views against a real network: a small CNN (and a linear model beside it) trained on MNIST
// in the real worker on WebGL, then drawn on, painted with a test digit, and looked inside.
import { flushSync, mount, unmount } from 'svelte';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { experiment } from '../../src/core/experiment';
import { TrainingController } from '../../src/state/training.svelte';
import ActivationMaps from '../../src/ui/digits/ActivationMaps.svelte';
import ConvFilters from '../../src/ui/digits/ConvFilters.svelte';
import DrawDigit from '../../src/ui/digits/DrawDigit.svelte';

const doc = experiment({
  title: 'Digits',
  task: 'mnist',
  data: { trainSize: 1000, testSize: 200 },
  runs: [
    {
      name: 'cnn',
      model: 'INPUT 28x28x1, CONV5-6, POOL2, FC-10',
      optimizer: { name: 'adam', learningRate: 0.003 },
      training: { steps: 120, batchSize: 32, evalEvery: 60 },
    },
    {
      name: 'linear',
      model: 'INPUT 784, FC-10',
      optimizer: { name: 'adam', learningRate: 0.003 },
      training: { steps: 120, batchSize: 32, evalEvery: 60 },
    },
  ],
});

let training: TrainingController;
let target: HTMLElement;
/** DrawDigit's exports (plain tsc sees every .svelte module as a generic component). */
let draw: { paint: (gray: ArrayLike<number>, width: number, height: number) => void } & Record<string, unknown>;
const mounted: Record<string, unknown>[] = [];
let seen: Float32Array | null = null;
/** What the views showed while the network was still training (they refresh every few seconds). */
const duringTraining = { filters: 0, maps: 0 };

function section(title: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = `<h3 style="margin: 0.6rem 0 0.3rem">${title}</h3>`;
  target.append(div);
  return div;
}

/** Each run's bars as numbers, read back from the DOM. */
function shownProbabilities(run: string): number[] {
  return [...target.querySelectorAll(`[data-run="${run}"] li[data-p]`)].map((li) => Number(li.getAttribute('data-p')));
}
const caption = (run: string) => target.querySelector(`figure[data-run="${run}"] figcaption`)?.textContent?.replace(/\s+/g, ' ').trim();

async function predict(run: string, x: Float32Array): Promise<number[]> {
  const answer = await training.inspect(run, { kind: 'predict', x, n: 1 });
  if (answer.kind !== 'predict') throw new Error('wrong answer kind');
  return [...answer.probabilities];
}

beforeAll(async () => {
  await page.viewport(1200, 1100);
  training = new TrainingController();
  target = document.createElement('div');
  target.style.cssText = 'width: 1160px; padding: 8px; font-family: system-ui, sans-serif; background: white;';
  document.body.append(target);
  // Mounted before training: the views must cope with no network, then follow the training.
  draw = mount(DrawDigit, { target: section('Draw a digit'), props: { training, onDigit: (x: Float32Array | null) => (seen = x) } }) as typeof draw;
  mounted.push(draw, mount(ConvFilters, { target: section('First-layer filters'), props: { training } }));
  mounted.push(mount(ActivationMaps, { target: section('Activation maps'), props: { training } }));
  flushSync();
  expect(target.textContent).toContain('Train an MNIST experiment');
  training.train(doc, 'webgl', { diagnosticsEvery: 0 });
  const deadline = performance.now() + 170_000;
  while (training.status !== 'finished') {
    if (training.status === 'error' || performance.now() > deadline) throw new Error(`training ended as ${training.status}: ${training.error}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (training.status === 'training') {
      duringTraining.filters = Math.max(duringTraining.filters, target.querySelectorAll('.filters [role="img"]').length);
      duringTraining.maps = Math.max(duringTraining.maps, target.querySelectorAll('.activations .layer [role="img"]').length);
    }
  }
}, 180_000);

afterAll(() => {
  for (const m of mounted) unmount(m);
  training.dispose();
  target.remove();
});

describe('DrawDigit', () => {
  it('predicts a stroke drawn with pointer events, for every run, as bars and text', async () => {
    const canvas = target.querySelector<HTMLCanvasElement>('[role="application"][aria-label^="Drawing area"] canvas')!;
    expect(canvas).not.toBeNull();
    const r = canvas.getBoundingClientRect();
    const fire = (type: string, y: number) =>
      canvas.dispatchEvent(new PointerEvent(type, { pointerId: 7, pointerType: 'pen', button: 0, bubbles: true, clientX: r.left + 150, clientY: r.top + y }));
    // A "1": one vertical stroke, slightly off-centre, sampled like a pen would be.
    fire('pointerdown', 50);
    for (let y = 60; y <= 230; y += 10) fire('pointermove', y);
    fire('pointerup', 230);

    for (const run of ['cnn', 'linear']) {
      await expect.poll(() => shownProbabilities(run)).toHaveLength(10);
      const p = shownProbabilities(run);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      const top = p.indexOf(Math.max(...p));
      expect(caption(run)).toBe(`${run}: ${top} (${Math.round(p[top] * 100)}%)`);
    }
    // What the network sees: a centred, 20-pixel-tall stroke.
    expect(seen).not.toBeNull();
    let rows = 0;
    for (let y = 0; y < 28; y++) if (seen!.subarray(y * 28, y * 28 + 28).some((v) => v > 0.5)) rows++;
    expect(rows).toBeGreaterThanOrEqual(19);
    expect(rows).toBeLessThanOrEqual(21);
    await page.screenshot({ path: '../../test-results/digits-stroke.png' });
  });

  it('shows, for a painted test digit, exactly what predict returns for the pixels it sends', async () => {
    const examples = await training.inspect('cnn', { kind: 'test-examples', count: 20 });
    if (examples.kind !== 'test-examples') throw new Error('wrong answer kind');
    // A digit the network is sure of, so that the small resampling differences cannot flip it.
    let index = -1;
    let original: Float32Array | null = null;
    for (let i = 0; i < 20 && index < 0; i++) {
      const x = examples.x.slice(i * 784, (i + 1) * 784);
      const p = await predict('cnn', x);
      if (p.indexOf(Math.max(...p)) === examples.labels[i] && Math.max(...p) > 0.9) [index, original] = [i, x];
    }
    expect(index).toBeGreaterThanOrEqual(0);
    draw.paint(original!, 28, 28);

    // The preprocessed drawing stays close to the original digit (already MNIST-normalised): closer,
    // allowing re-centring to move it by up to two pixels, than to any of the other test digits (the
    // control: a distance that does not tell digits apart proves nothing).
    const distance = (a: Float32Array, b: Float32Array) => {
      let best = Infinity;
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) {
          let sum = 0;
          for (let y = 0; y < 28; y++)
            for (let x = 0; x < 28; x++) {
              const [sy, sx] = [y + dy, x + dx];
              sum += Math.abs((sy >= 0 && sy < 28 && sx >= 0 && sx < 28 ? a[sy * 28 + sx] : 0) - b[y * 28 + x]);
            }
          best = Math.min(best, sum / 784);
        }
      return best;
    };
    await expect.poll(() => (seen ? distance(seen, original!) : 1)).toBeLessThan(0.08);
    const sent = seen!.slice();
    const others = Array.from({ length: 20 }, (_, i) => i).filter((i) => i !== index).map((i) => distance(sent, examples.x.slice(i * 784, (i + 1) * 784)));
    expect(distance(sent, original!)).toBeLessThan(0.75 * Math.min(...others));
    const expected = await predict('cnn', sent);
    await expect.poll(() => shownProbabilities('cnn').map((p, i) => Math.abs(p - expected[i])).every((d) => d < 1e-5)).toBe(true);
    expect(expected.indexOf(Math.max(...expected))).toBe(examples.labels[index]);
    expect(caption('cnn')).toMatch(new RegExp(`^cnn: ${examples.labels[index]} \\(\\d+%\\)$`));
    expect(shownProbabilities('linear')).toEqual((await predict('linear', sent)).map((p) => expect.closeTo(p, 5)));

    await page.getByRole('button', { name: 'Clear' }).click();
    expect(seen).toBeNull();
    expect(target.textContent).toContain('Draw a digit in the black square');
    draw.paint(original!, 28, 28); // back, for the screenshot
    await expect.poll(() => shownProbabilities('cnn')).toHaveLength(10);
  });
});

describe('ConvFilters', () => {
  it('shows the six 5x5 filters of the conv run, and nothing for the linear run', async () => {
    const images = () => [...target.querySelectorAll<HTMLElement>('.filters [data-run="cnn"] [role="img"]')];
    await expect.poll(() => images()).toHaveLength(6);
    expect(images().map((i) => i.dataset.size)).toEqual(Array(6).fill('5x5'));
    expect(images()[0].getAttribute('aria-label')).toBe('cnn filter 1, 5×5');
    const canvas = images()[0].querySelector('canvas')!;
    expect([canvas.width, canvas.height]).toEqual([40, 40]);
    // Nearest-neighbour: every 8x8 block is one colour, and trained filters are not flat.
    const px = canvas.getContext('2d')!.getImageData(0, 0, 40, 40).data;
    const at = (x: number, y: number) => [...px.slice((y * 40 + x) * 4, (y * 40 + x) * 4 + 3)];
    expect(at(8, 8)).toEqual(at(15, 15));
    expect(new Set(Array.from({ length: 25 }, (_, i) => at((i % 5) * 8, Math.floor(i / 5) * 8).join())).size).toBeGreaterThan(5);
    expect(target.querySelector('.filters [data-run="linear"]')).toBeNull();
    expect(duringTraining.filters).toBe(6);
  });
});

describe('ActivationMaps', () => {
  it('shows one map per channel of the conv layer for a chosen test digit', async () => {
    const maps = () => [...target.querySelectorAll<HTMLElement>('.activations .layer [role="img"]')];
    await expect.poll(() => maps()).toHaveLength(6);
    expect(target.querySelectorAll('.activations .layer')).toHaveLength(1);
    expect(duringTraining.maps).toBe(6);
    expect(maps()[0].getAttribute('aria-label')).toMatch(/^CONV5-6 channel 1, \d+×\d+$/);
    const pixels = () => [...maps()[2].querySelector('canvas')!.getContext('2d')!.getImageData(0, 0, 40, 40).data].join();
    const before = pixels();
    const second = page.getByRole('button', { name: /^Test digit 2, labelled \d$/ });
    await second.click();
    await expect.element(second).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(pixels).not.toBe(before);

    await page.screenshot({ path: '../../test-results/digits.png' });
  });

  it('offers the drawn digit as an input', async () => {
    const own = section('Activation maps of the drawn digit');
    mounted.push(mount(ActivationMaps, { target: own, props: { training, drawn: seen } }));
    const drawnButton = page.getByRole('button', { name: 'The drawn digit' });
    await drawnButton.click();
    await expect.element(drawnButton).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => own.querySelectorAll('.layer [role="img"]').length).toBe(6);
  });
});
