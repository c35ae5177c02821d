// Small PNG and JPEG files made here with pngjs and jpeg-js, read back through the real decoders.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { fitImage, loadImageFolder, type ImageFile, type RgbaImage } from '../../src/data/image-folder';
import { imageDimensions } from '../../src/data/image-size';
import { nodeImageDecoder, readImageFiles } from '../../src/data/node-source';
import { unzipFiles } from '../../src/data/zip';

type Rgba = [number, number, number, number];
const image = (width: number, height: number, colour: (x: number, y: number) => Rgba): RgbaImage => {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colour(x, y), 4 * (y * width + x));
  return { width, height, data };
};
const png = (im: RgbaImage) => {
  const out = new PNG({ width: im.width, height: im.height });
  out.data.set(im.data);
  return new Uint8Array(PNG.sync.write(out));
};
const jpg = (im: RgbaImage) => new Uint8Array(jpeg.encode({ width: im.width, height: im.height, data: Buffer.from(im.data) }, 95).data);
const solid = (rgba: Rgba, w = 10, h = 10) => image(w, h, () => rgba);
const BLACK: Rgba = [0, 0, 0, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const RED: Rgba = [255, 0, 0, 255];

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function folder(files: Record<string, Uint8Array | string>): string {
  const root = mkdtempSync(join(tmpdir(), 'images-'));
  temps.push(root);
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  return root;
}
const PETS = () => ({
  'cats/1.png': png(solid(BLACK)),
  'cats/2.png': png(solid(WHITE, 12, 7)),
  'dogs/1.jpg': jpg(solid(WHITE, 16, 16)),
  'dogs/2.PNG': png(solid(RED)),
  'dogs/.DS_Store': 'x',
  'notes.txt': 'not an image',
});

describe('loadImageFolder', () => {
  it('reads a folder: one class per sub-folder, PNG and JPEG, other files skipped with a reason', async () => {
    const files = await readImageFiles(folder(PETS()));
    const ds = await loadImageFolder(files, nodeImageDecoder);
    expect(ds.classNames).toEqual(['cats', 'dogs']);
    expect(ds.count).toBe(4);
    expect(ds.featureShape).toEqual([28, 28, 1]);
    expect(ds.x.length).toBe(4 * 784);
    const byPath = Object.fromEntries(ds.paths.map((p, i) => [p, i]));
    expect(ds.labels[byPath['cats/1.png']]).toBe(0);
    expect(ds.labels[byPath['dogs/1.jpg']]).toBe(1);
    expect(ds.skipped.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'dogs/.DS_Store', reason: 'a hidden or system file' },
      { path: 'notes.txt', reason: 'not a .png, .jpg or .jpeg file' },
    ]);
    const mean = (i: number) => ds.x.subarray(i * 784, (i + 1) * 784).reduce((s, v) => s + v, 0) / 784;
    expect(mean(byPath['cats/1.png'])).toBe(0); // black, and square: no padding
    expect(mean(byPath['dogs/1.jpg'])).toBeGreaterThan(0.99); // white JPEG, lossy
    expect(mean(byPath['dogs/2.PNG'])).toBeCloseTo(0.299, 5); // red's luma
  });

  it('reads the same images from a zip, looking through a folder around everything', async () => {
    const files = Object.fromEntries(Object.entries(PETS()).map(([p, b]) => [`pets/${p}`, typeof b === 'string' ? new TextEncoder().encode(b) : b]));
    const zip = zipSync(files);
    const fromZip = await loadImageFolder(unzipFiles(zip, 'pets.zip'), nodeImageDecoder);
    const fromFolder = await loadImageFolder(await readImageFiles(folder(PETS())), nodeImageDecoder);
    expect(fromZip.classNames).toEqual(['cats', 'dogs']);
    expect(fromZip.count).toBe(4);
    const sorted = (ds: typeof fromZip) => ds.paths.map((p, i) => [p.replace(/^pets\//, ''), Array.from(ds.x.subarray(i * 784, i * 784 + 784))]).sort();
    expect(sorted(fromZip)).toEqual(sorted(fromFolder));
    // Node can read the .zip by path as well.
    const root = folder({ 'pets.zip': zip });
    expect((await readImageFiles(join(root, 'pets.zip'))).length).toBe(6);
  });

  it('reports a corrupt file by its name, or leaves it out when asked to', async () => {
    const broken = png(solid(BLACK)).slice(0, 60);
    const files = await readImageFiles(folder({ ...PETS(), 'cats/broken.png': broken, 'dogs/fake.jpg': 'hello, not a jpeg' }));
    await expect(loadImageFolder(files, nodeImageDecoder)).rejects.toThrow(
      /^2 images could not be read: cats\/broken.png \(.+\); dogs\/fake.jpg \(not a PNG or JPEG \(it starts with "hell"\)\)\. Remove or replace them\.$/,
    );
    const ds = await loadImageFolder(files, nodeImageDecoder, { skipUnreadable: true });
    expect(ds.count).toBe(4);
    expect(ds.skipped.map((s) => s.path)).toContain('cats/broken.png');
    expect(ds.skipped.find((s) => s.path === 'dogs/fake.jpg')!.reason).toBe('unreadable: not a PNG or JPEG (it starts with "hell")');
  });

  it('explains folder layouts it cannot use', async () => {
    const decode = nodeImageDecoder;
    const one = (path: string): ImageFile => ({ path, bytes: png(solid(BLACK)) });
    await expect(loadImageFolder([one('a.png'), one('cats/1.png')], decode)).rejects.toThrow(
      'a.png is not in a class folder: put each class in its own folder (e.g. cats/1.png, dogs/1.png); the folder names are the class names.',
    );
    await expect(loadImageFolder([one('cats/1.png'), one('cats/2.png')], decode)).rejects.toThrow('Only one class folder, "cats": a classifier needs at least two');
    await expect(loadImageFolder([{ path: 'readme.md', bytes: new Uint8Array(1) }], decode)).rejects.toThrow('No PNG or JPEG images found');
    // Deeper folders count toward their class folder.
    const nested = await loadImageFolder([one('cats/kittens/1.png'), one('dogs/1.png')], decode);
    expect(nested.classNames).toEqual(['cats', 'dogs']);
  });

  it('enforces its limits before decoding', async () => {
    const files: ImageFile[] = [
      { path: 'a/1.png', bytes: png(solid(BLACK)) },
      { path: 'b/1.png', bytes: png(solid(WHITE)) },
      { path: 'c/1.png', bytes: png(solid(RED)) },
    ];
    const never = () => {
      throw new Error('decoded');
    };
    await expect(loadImageFolder(files, never, { limits: { maxFiles: 2 } })).rejects.toThrow('3 images; the limit is 2.');
    await expect(loadImageFolder(files, never, { limits: { maxClasses: 2 } })).rejects.toThrow('3 class folders; the limit is 2 classes.');
    await expect(loadImageFolder(files, never, { limits: { maxFileBytes: 50 } })).rejects.toThrow(/^a\/1.png: 0.0 MiB is over the limit of 0.0 MiB per image.$/);
    await expect(loadImageFolder(files, never, { limits: { maxTotalBytes: 100 } })).rejects.toThrow(/^The images take 0.0 MiB; the limit is 0.0 MiB in all.$/);
    await expect(loadImageFolder(files, never, { size: 64, channels: 3, limits: { maxValues: 30000 } })).rejects.toThrow(
      '3 images of 64x64x3 make 36,864 values; the limit is 30,000: use fewer or smaller images.',
    );
    // A header that claims 5000 x 5000 pixels is refused without calling the decoder.
    const header = png(solid(BLACK));
    new DataView(header.buffer).setUint32(16, 5000);
    new DataView(header.buffer).setUint32(20, 5000);
    const decoded: string[] = [];
    const recording = (bytes: Uint8Array, path: string) => (decoded.push(path), nodeImageDecoder(bytes, path));
    await expect(loadImageFolder([{ path: 'a/big.png', bytes: header }, files[1]], recording)).rejects.toThrow(
      '1 image could not be read: a/big.png (5000x5000 is over the limit of 16,777,216 pixels). Remove or replace it.',
    );
    expect(decoded).toEqual(['b/1.png']);
    await expect(loadImageFolder(files, never, { size: 200 })).rejects.toThrow('The image size must be an integer from 8 to 128, got 200.');
  });
});

describe('fitImage', () => {
  it('pads a wide image into the square with the background and keeps RGB when asked', () => {
    const red = solid(RED, 20, 10);
    const grey = fitImage(red, 8, 1, 'pad', 255, false);
    // 20 x 10 scaled to 8 x 4, centred: rows 0-1 and 6-7 are white padding.
    expect(grey[0]).toBe(1);
    expect(grey[7 * 8]).toBe(1);
    expect(grey[3 * 8 + 4]).toBeCloseTo(0.299, 6);
    const rgb = fitImage(red, 8, 3, 'pad', 0, false);
    expect(Array.from(rgb.subarray(3 * 24 + 12, 3 * 24 + 15))).toEqual([1, 0, 0]);
    expect(Array.from(rgb.subarray(0, 3))).toEqual([0, 0, 0]);
    const stretched = fitImage(red, 8, 1, 'stretch', 255, false);
    expect(stretched.every((v) => Math.abs(v - 0.299) < 1e-6)).toBe(true);
  });

  it('averages areas: a fine checkerboard becomes grey and a one-pixel line survives shrinking', () => {
    const board = image(56, 56, (x, y) => ((x + y) % 2 ? BLACK : WHITE));
    expect(fitImage(board, 28, 1, 'pad', 255, false).every((v) => Math.abs(v - 0.5) < 1e-6)).toBe(true);
    const line = image(56, 56, (x) => (x === 10 ? BLACK : WHITE));
    const out = fitImage(line, 28, 1, 'pad', 255, false);
    expect(out[5]).toBeCloseTo(0.5, 6); // column 5 covers source columns 10 and 11
    expect(out[4]).toBe(1);
    // Growing a 2 x 2 image: each source pixel becomes a block.
    const tiny = image(2, 2, (x, y) => (x === 0 && y === 0 ? BLACK : WHITE));
    const grown = fitImage(tiny, 8, 1, 'pad', 255, false);
    expect(grown[0]).toBe(0);
    expect(grown[3 * 8 + 3]).toBe(0);
    expect(grown[4]).toBe(1);
  });

  it('composites transparency over the background, and inverts for MNIST-style light-on-dark', () => {
    const clear = solid([0, 0, 0, 0]);
    expect(fitImage(clear, 8, 1, 'pad', 255, false)[0]).toBe(1);
    expect(fitImage(clear, 8, 1, 'pad', 0, false)[0]).toBe(0);
    const half = solid([0, 0, 0, 128]);
    expect(fitImage(half, 8, 1, 'pad', 255, false)[0]).toBeCloseTo(1 - 128 / 255, 6);
    expect(fitImage(solid(BLACK), 8, 1, 'pad', 255, true)[0]).toBe(1);
  });
});

describe('unzipFiles and imageDimensions', () => {
  it('refuses a zip whose declared sizes exceed the limits, and names an unreadable zip', () => {
    const big = zipSync({ 'a/1.png': new Uint8Array(3000) });
    expect(() => unzipFiles(big, 'big.zip', { maxFileBytes: 1000 })).toThrow('big.zip: a/1.png unpacks to 0.0 MiB, over the limit of 0.0 MiB per image.');
    expect(() => unzipFiles(big, 'big.zip', { maxTotalBytes: 2000, maxFileBytes: 5000 })).toThrow('big.zip unpacks to more than 0.0 MiB, the limit in all.');
    expect(() => unzipFiles(new TextEncoder().encode('PK not really'), 'bad.zip')).toThrow(/^bad.zip is not a readable zip file \(.+\)\.$/);
  });

  it('reads width and height from PNG and JPEG headers', () => {
    expect(imageDimensions(png(solid(RED, 21, 13)))).toEqual({ format: 'png', width: 21, height: 13 });
    expect(imageDimensions(jpg(solid(RED, 33, 17)))).toEqual({ format: 'jpeg', width: 33, height: 17 });
    expect(() => imageDimensions(new TextEncoder().encode('GIF89a'))).toThrow('not a PNG or JPEG (it starts with "GIF8")');
    expect(() => imageDimensions(jpg(solid(RED)).slice(0, 30))).toThrow(/JPEG/);
  });
});
