// MNIST-style preprocessing of a drawn digit (bounding box to 20x20, centre of mass to the centre),
// the small image helpers of the digit views, and the request gate that throttles their questions.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelPlanes, divergingMap, filterPlanes, grayMap } from '../../src/ui/digits/images';
import { centreOfMass, grayFromRGBA, inkBox, preprocessDigit } from '../../src/ui/digits/preprocess';
import { requestGate } from '../../src/state/request-gate';

const W = 280;

/** A canvas-sized image with filled ellipses (cx, cy, rx, ry) of full intensity, soft edges. */
function drawing(ellipses: [number, number, number, number][], width = W, height = W): Float32Array {
  const img = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (const [cx, cy, rx, ry] of ellipses) {
        const d = Math.hypot((x + 0.5 - cx) / rx, (y + 0.5 - cy) / ry);
        img[y * width + x] = Math.max(img[y * width + x], Math.min(1, Math.max(0, (1.1 - d) * 5)));
      }
    }
  }
  return img;
}

function expectDigit(result: ReturnType<typeof preprocessDigit>) {
  if (result.kind !== 'digit') throw new Error('expected a digit');
  expect(result.pixels).toHaveLength(784);
  expect(result.pixels.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
  return result;
}

describe('preprocessDigit', () => {
  it('centres an off-centre blob by its centre of mass and fits it in 20x20', () => {
    // A tall blob in the top-left corner: 40 wide, 120 high.
    const result = expectDigit(preprocessDigit(drawing([[50, 80, 20, 60]]), W, W));
    const com = centreOfMass(result.pixels, 28, 28)!;
    expect(Math.abs(com.x - 14)).toBeLessThan(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThan(0.5);
    const box = inkBox(result.pixels, 28, 28, 0)!;
    expect(box.height).toBeLessThanOrEqual(21); // 20 plus at most one partly covered pixel
    expect(box.height).toBeGreaterThanOrEqual(19);
    expect(box.width).toBeLessThanOrEqual(9); // aspect ratio kept: 40/120 of 20 is about 7
    expect(Math.max(...result.pixels)).toBe(1);
  });

  it('centres by mass, not by box, for a lopsided drawing', () => {
    // A big blob with a thin tail to the right: the box centre lies right of the mass centre.
    const result = expectDigit(preprocessDigit(drawing([[100, 140, 40, 40], [190, 140, 50, 4]]), W, W));
    const com = centreOfMass(result.pixels, 28, 28)!;
    expect(Math.abs(com.x - 14)).toBeLessThan(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThan(0.5);
    const box = inkBox(result.pixels, 28, 28, 0)!;
    expect(box.x + box.width).toBeLessThanOrEqual(28);
    expect(box.x).toBeGreaterThanOrEqual(0);
  });

  it('keeps the whole digit in the field when centring by mass would push it out', () => {
    // Nearly all the mass at the far left of a wide box: centring it exactly would cut the right end off.
    const result = expectDigit(preprocessDigit(drawing([[30, 140, 28, 28], [160, 140, 110, 2]]), W, W));
    // The mass centre sits 4 px into the 20-px box: exact centring would start the box at 10 and end it
    // at 30; instead the box ends at the field's right edge, and the mass centre stays left of centre.
    const box = inkBox(result.pixels, 28, 28, 0)!;
    expect(box.x).toBe(8);
    expect(box.x + box.width).toBe(28);
    expect(centreOfMass(result.pixels, 28, 28)!.x).toBeLessThan(13);
  });

  it('enlarges a tiny drawing to 20 pixels', () => {
    const tiny = new Float32Array(W * W);
    for (let y = 100; y < 104; y++) for (let x = 200; x < 202; x++) tiny[y * W + x] = 1;
    const result = expectDigit(preprocessDigit(tiny, W, W));
    expect(inkBox(result.pixels, 28, 28, 0.5)).toEqual({ x: 9, y: 4, width: 10, height: 20 });
  });

  it('says "nothing drawn" for an empty or nearly empty canvas instead of returning NaNs', () => {
    expect(preprocessDigit(new Float32Array(W * W), W, W)).toEqual({ kind: 'empty' });
    expect(preprocessDigit(new Float32Array(W * W).fill(0.01), W, W)).toEqual({ kind: 'empty' });
    expect(() => preprocessDigit(new Float32Array(10), W, W)).toThrow(/280x280/);
  });

  it('reads grey levels from RGBA bytes', () => {
    expect([...grayFromRGBA([0, 0, 0, 255, 255, 255, 255, 255, 51, 51, 51, 255], 3, 1)].map((v) => +v.toFixed(3))).toEqual([0, 1, 0.2]);
  });
});

describe('digit view images', () => {
  it('slices a [k, k, inC, filters] bank into one k x k plane per filter and input channel', () => {
    // Value encodes its position: r * 1000 + c * 100 + ch * 10 + f, laid out row-major.
    const [k, inC, n] = [3, 2, 4];
    const values = new Float32Array(k * k * inC * n);
    for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) for (let ch = 0; ch < inC; ch++) for (let f = 0; f < n; f++) values[((r * k + c) * inC + ch) * n + f] = r * 1000 + c * 100 + ch * 10 + f;
    const filters = filterPlanes({ shape: [k, k, inC, n], values });
    expect(filters).toHaveLength(4);
    expect(filters[3].planes).toHaveLength(2);
    expect(filters[3].planes[1].values[1 * 3 + 2]).toBe(1213);
    expect(filters[2].absMax).toBe(2212);
  });

  it('slices an [h, w, c] activation map into one plane per channel', () => {
    const values = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => i);
    const planes = channelPlanes({ layer: 1, label: 'CONV', shape: [2, 3, 4], values });
    expect(planes).toHaveLength(4);
    expect([...planes[1].values]).toEqual([1, 5, 9, 13, 17, 21]);
  });

  it('maps zero to white and the sign to blue or vermillion, and grey levels linearly', () => {
    const map = divergingMap(2);
    expect(map(0)).toEqual([255, 255, 255]);
    expect(map(2)).toEqual([0, 114, 178]);
    expect(map(-4)).toEqual([213, 94, 0]);
    expect(grayMap(0, 4)(1)).toEqual([64, 64, 64]);
    expect(grayMap(1, 1)(1)).toEqual([0, 0, 0]);
  });
});

describe('requestGate', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps one request in flight, at most one start per interval, and never drops the last request', async () => {
    vi.useFakeTimers();
    const clock = { now: () => Date.now(), setTimeout: (f: () => void, ms: number) => setTimeout(f, ms), clearTimeout: (h: unknown) => clearTimeout(h as number) };
    const starts: number[] = [];
    const pending: (() => void)[] = [];
    const gate = requestGate(() => {
      starts.push(Date.now());
      return new Promise<void>((resolve) => pending.push(resolve));
    }, 200, clock);
    const t0 = Date.now();

    gate.request(); // starts at once
    gate.request(); // in flight: queued
    gate.request();
    expect(starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50);
    pending.shift()!(); // answered at 50 ms; the queued one waits for the interval
    await vi.advanceTimersByTimeAsync(100);
    expect(starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60);
    expect(starts.map((t) => t - t0)).toEqual([0, 200]);

    pending.shift()!();
    await vi.advanceTimersByTimeAsync(1);
    gate.flush(); // ignores the interval
    expect(starts).toHaveLength(3);
    pending.shift()!();
    await vi.advanceTimersByTimeAsync(1);
    gate.dispose();
    gate.request();
    await vi.advanceTimersByTimeAsync(1000);
    expect(starts).toHaveLength(3);
  });
});
