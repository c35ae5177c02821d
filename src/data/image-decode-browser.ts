// The browser's ImageDecoder: createImageBitmap decodes PNG and JPEG off the main thread's parser, an
// OffscreenCanvas reads the pixels back. Works in a page and in a worker (Chromium 69+, Firefox 105+,
// Safari 16.4+). Colour-space conversion and premultiplication are turned off so pixels arrive as stored.
import type { ImageDecoder } from './image-folder';
import { imageDimensions } from './image-size';

// The core build has no DOM types: the slice of the canvas API used here.
interface BitmapLike {
  width: number;
  height: number;
  close(): void;
}
interface Context2D {
  drawImage(image: BitmapLike, x: number, y: number): void;
  getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
}
interface Canvas {
  getContext(kind: '2d', options: { willReadFrequently: boolean }): Context2D | null;
}
interface BrowserGlobals {
  Blob?: new (parts: Uint8Array[], options: { type: string }) => unknown;
  OffscreenCanvas?: new (width: number, height: number) => Canvas;
  createImageBitmap?: (blob: unknown, options: { premultiplyAlpha: 'none'; colorSpaceConversion: 'none' }) => Promise<BitmapLike>;
}

export const browserImageDecoder: ImageDecoder = async (bytes) => {
  const g = globalThis as unknown as BrowserGlobals;
  if (!g.Blob || !g.OffscreenCanvas || !g.createImageBitmap) throw new Error('this browser cannot decode images off-screen (no createImageBitmap or OffscreenCanvas)');
  const { format } = imageDimensions(bytes);
  let bitmap: BitmapLike;
  try {
    bitmap = await g.createImageBitmap(new g.Blob([bytes], { type: `image/${format}` }), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  } catch {
    throw new Error(`the browser could not decode this ${format.toUpperCase()}: the file is damaged or truncated`);
  }
  try {
    const { width, height } = bitmap;
    const context = new g.OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2-D canvas context is available');
    context.drawImage(bitmap, 0, 0);
    return { width, height, data: context.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
};
