// Real Chromium: images encoded here by the browser's own canvas, decoded back by browserImageDecoder,
// and a zipped class folder turned into a dataset, all in the page.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { browserImageDecoder } from '../../src/data/image-decode-browser';
import { loadImageFolder } from '../../src/data/image-folder';
import { unzipFiles } from '../../src/data/zip';

/** A width x height image, left half one colour and right half another, encoded by the browser. */
async function encode(type: 'image/png' | 'image/jpeg', width: number, height: number, left: string, right: string): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = left;
  context.fillRect(0, 0, width / 2, height);
  context.fillStyle = right;
  context.fillRect(width / 2, 0, width / 2, height);
  return new Uint8Array(await (await canvas.convertToBlob({ type, quality: 0.95 })).arrayBuffer());
}

describe('browserImageDecoder', () => {
  it('decodes a PNG to exact RGBA pixels, transparency included', async () => {
    const image = await browserImageDecoder(await encode('image/png', 8, 4, 'rgb(255, 0, 0)', 'rgba(0, 0, 255, 0.5)'), 'a.png');
    expect([image.width, image.height]).toEqual([8, 4]);
    expect(Array.from(image.data.subarray(0, 4))).toEqual([255, 0, 0, 255]);
    const right = Array.from(image.data.subarray(4 * 7, 4 * 8));
    expect(right[2]).toBe(255);
    expect(Math.abs(right[3] - 128)).toBeLessThanOrEqual(1);
  });

  it('decodes a JPEG to about the colours encoded', async () => {
    const image = await browserImageDecoder(await encode('image/jpeg', 16, 16, 'rgb(0, 0, 0)', 'rgb(255, 255, 255)'), 'a.jpg');
    expect([image.width, image.height]).toEqual([16, 16]);
    expect(image.data[0]).toBeLessThan(16);
    expect(image.data[4 * 15]).toBeGreaterThan(240);
  });

  it('names a damaged file instead of crashing', async () => {
    const png = await encode('image/png', 8, 8, 'red', 'blue');
    await expect(browserImageDecoder(png.slice(0, 40), 'a.png')).rejects.toThrow('the browser could not decode this PNG: the file is damaged or truncated');
    await expect(browserImageDecoder(new TextEncoder().encode('GIF89a......'), 'a.gif')).rejects.toThrow('not a PNG or JPEG (it starts with "GIF8")');
  });

  it('turns a zip of class folders into a dataset in the page, with the damaged file named', async () => {
    const black = await encode('image/png', 20, 20, 'black', 'black');
    const white = await encode('image/jpeg', 20, 20, 'white', 'white');
    const zip = zipSync({ 'dark/1.png': black, 'dark/2.png': black, 'light/1.jpg': white, 'light/bad.png': black.slice(0, 50) });
    const files = unzipFiles(zip, 'shades.zip');
    await expect(loadImageFolder(files, browserImageDecoder)).rejects.toThrow(/^1 image could not be read: light\/bad.png \(/);
    const ds = await loadImageFolder(files, browserImageDecoder, { skipUnreadable: true });
    expect(ds.classNames).toEqual(['dark', 'light']);
    expect(ds.count).toBe(3);
    const mean = (i: number) => ds.x.subarray(i * 784, (i + 1) * 784).reduce((s, v) => s + v, 0) / 784;
    expect(mean(ds.paths.indexOf('dark/1.png'))).toBe(0);
    expect(mean(ds.paths.indexOf('light/1.jpg'))).toBeGreaterThan(0.97);
  });
});
