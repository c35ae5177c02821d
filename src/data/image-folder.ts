// A student's own images: PNG or JPEG files, one sub-folder per class (cats/1.png, dogs/7.jpg, ...),
// from a folder or a zip. Decoding is injected (pngjs + jpeg-js in Node, createImageBitmap in the
// browser), so this module stays pure: files in, one float array out. Each image is composited over a
// background, made grey (or kept RGB), fitted into a size x size square by area averaging, and scaled
// to [0, 1] like the MNIST pixels. Every limit is checked before the work or the memory it guards.
import { imageDimensions } from './image-size';

export interface ImageFile {
  /** Path inside the folder or zip, with "/" separators, e.g. "cats/003.png". */
  path: string;
  bytes: Uint8Array;
}

/** A decoded image: width * height RGBA pixels, row after row. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** Decodes a PNG or JPEG; throws (any message) when it cannot. */
export type ImageDecoder = (bytes: Uint8Array, path: string) => RgbaImage | Promise<RgbaImage>;

export interface ImageLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  /** Width x height of one decoded image (read from its header before decoding). */
  maxPixels: number;
  maxClasses: number;
  /** Floats in the finished dataset: images x size x size x channels. */
  maxValues: number;
}

/** 20,000 images, 10 MiB each, 200 MiB in all, 16 megapixels each, 100 classes, 50 million floats (200 MB). */
export const IMAGE_LIMITS: Readonly<ImageLimits> = {
  maxFiles: 20_000,
  maxFileBytes: 10 * 2 ** 20,
  maxTotalBytes: 200 * 2 ** 20,
  maxPixels: 4096 * 4096,
  maxClasses: 100,
  maxValues: 50_000_000,
};

export interface ImageFolderOptions {
  /** Side of the square every image is fitted into: 8 to 128, default 28 (MNIST's). */
  size?: number;
  /** 1: grey (default, as MNIST); 3: RGB. */
  channels?: 1 | 3;
  /** 'pad' (default) keeps the aspect ratio and fills the rest with the background; 'stretch' does not. */
  fit?: 'pad' | 'stretch';
  /** What transparent pixels and padding become (default 'white', as images are usually viewed). */
  background?: 'white' | 'black';
  /** v -> 1 - v, to turn dark-on-light drawings into MNIST's light-on-dark. */
  invert?: boolean;
  /** Leave unreadable images out (listed in `skipped`) instead of failing. Default false. */
  skipUnreadable?: boolean;
  limits?: Partial<ImageLimits>;
}

export interface ImageDataset {
  /** Class folder names, sorted; labels index into this. */
  classNames: string[];
  count: number;
  featureShape: [number, number, number];
  /** count images of size x size x channels floats in [0, 1], channels last. */
  x: Float32Array;
  labels: Uint8Array;
  /** The file each image came from, in order: for the preview grid and messages. */
  paths: string[];
  /** Files left out, each with why (not an image, a system file, unreadable with skipUnreadable). */
  skipped: { path: string; reason: string }[];
}

const IMAGE_NAME = /\.(png|jpe?g)$/i;

/** Why a file of a folder or zip is not one of its images (hidden, a system file, another type), or null. */
export function skipReason(path: string): string | null {
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.some((p) => p.startsWith('.') || p === '__MACOSX') || /^(thumbs\.db|desktop\.ini)$/i.test(parts.at(-1) ?? '')) return 'a hidden or system file';
  if (!IMAGE_NAME.test(path)) return 'not a .png, .jpg or .jpeg file';
  return null;
}

export interface Classified {
  entries: { index: number; path: string; className: string }[];
  classNames: string[];
  skipped: { path: string; reason: string }[];
}

/**
 * Sorts a listing into classes by its first folder, before anything is read or decoded. A single folder
 * around everything (a zip of "pets/cats/..., pets/dogs/...") is looked through.
 */
export function classifyPaths(listing: readonly { path: string; size: number }[], limitsIn: Partial<ImageLimits> = {}): Classified {
  const limits = { ...IMAGE_LIMITS, ...limitsIn };
  const skipped: Classified['skipped'] = [];
  const images: { index: number; parts: string[] }[] = [];
  let total = 0;
  listing.forEach(({ path, size }, index) => {
    const parts = path.split('/').filter((p) => p !== '');
    const reason = skipReason(path);
    if (reason) return skipped.push({ path, reason });
    if (size > limits.maxFileBytes) throw new Error(`${path}: ${mib(size)} is over the limit of ${mib(limits.maxFileBytes)} per image.`);
    total += size;
    images.push({ index, parts });
  });
  if (images.length === 0) throw new Error('No PNG or JPEG images found: put each class in its own folder, e.g. cats/1.png and dogs/1.png.');
  if (images.length > limits.maxFiles) throw new Error(`${images.length.toLocaleString('en-US')} images; the limit is ${limits.maxFiles.toLocaleString('en-US')}.`);
  if (total > limits.maxTotalBytes) throw new Error(`The images take ${mib(total)}; the limit is ${mib(limits.maxTotalBytes)} in all.`);
  // Look through folders that hold everything.
  while (images.every((im) => im.parts.length >= 3 && im.parts[0] === images[0].parts[0])) for (const im of images) im.parts.shift();
  const loose = images.find((im) => im.parts.length < 2);
  if (loose) {
    throw new Error(`${listing[loose.index].path} is not in a class folder: put each class in its own folder (e.g. cats/1.png, dogs/1.png); the folder names are the class names.`);
  }
  const classNames = [...new Set(images.map((im) => im.parts[0]))].sort();
  if (classNames.length < 2) throw new Error(`Only one class folder, ${JSON.stringify(classNames[0])}: a classifier needs at least two, one folder per class.`);
  if (classNames.length > limits.maxClasses) throw new Error(`${classNames.length} class folders; the limit is ${limits.maxClasses} classes.`);
  const entries = images.map((im) => ({ index: im.index, path: listing[im.index].path, className: im.parts[0] }));
  return { entries, classNames, skipped };
}

/** Decodes, converts and resizes every image of a folder or zip into one dataset. */
export async function loadImageFolder(files: readonly ImageFile[], decode: ImageDecoder, options: ImageFolderOptions = {}): Promise<ImageDataset> {
  const limits = { ...IMAGE_LIMITS, ...options.limits };
  const size = options.size ?? 28;
  const channels = options.channels ?? 1;
  if (!Number.isInteger(size) || size < 8 || size > 128) throw new Error(`The image size must be an integer from 8 to 128, got ${size}.`);
  if (channels !== 1 && channels !== 3) throw new Error(`Images are grey (1 channel) or RGB (3), got ${channels} channels.`);
  const { entries, classNames, skipped } = classifyPaths(files.map((f) => ({ path: f.path, size: f.bytes.length })), limits);
  const perImage = size * size * channels;
  if (entries.length * perImage > limits.maxValues) {
    throw new Error(`${entries.length} images of ${size}x${size}x${channels} make ${(entries.length * perImage).toLocaleString('en-US')} values; the limit is ${limits.maxValues.toLocaleString('en-US')}: use fewer or smaller images.`);
  }
  const x = new Float32Array(entries.length * perImage);
  const labels = new Uint8Array(entries.length);
  const paths: string[] = [];
  const failures: string[] = [];
  const background = options.background === 'black' ? 0 : 255;
  for (const entry of entries) {
    const bytes = files[entry.index].bytes;
    let image: RgbaImage;
    try {
      const dims = imageDimensions(bytes);
      if (dims.width * dims.height > limits.maxPixels) {
        throw new Error(`${dims.width}x${dims.height} is over the limit of ${limits.maxPixels.toLocaleString('en-US')} pixels`);
      }
      image = await decode(bytes, entry.path);
      if (image.data.length !== image.width * image.height * 4) throw new Error('the decoder returned the wrong number of pixels');
    } catch (err) {
      failures.push(`${entry.path} (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    const at = paths.length;
    fitImage(image, size, channels, options.fit ?? 'pad', background, options.invert ?? false, x.subarray(at * perImage, (at + 1) * perImage));
    labels[at] = classNames.indexOf(entry.className);
    paths.push(entry.path);
  }
  if (failures.length > 0 && !options.skipUnreadable) {
    const listed = failures.slice(0, 5).join('; ') + (failures.length > 5 ? `; and ${failures.length - 5} more` : '');
    throw new Error(`${failures.length === 1 ? '1 image' : `${failures.length} images`} could not be read: ${listed}. Remove or replace ${failures.length === 1 ? 'it' : 'them'}.`);
  }
  for (const failure of failures) {
    const cut = failure.indexOf(' (');
    skipped.push({ path: failure.slice(0, cut), reason: `unreadable: ${failure.slice(cut + 2, -1)}` });
  }
  const count = paths.length;
  return { classNames, count, featureShape: [size, size, channels], x: x.subarray(0, count * perImage), labels: labels.subarray(0, count), paths, skipped };
}

/**
 * Writes one image into `out` (size * size * channels floats in [0, 1]): alpha composited over the
 * background, grey by Rec. 601 luma (0.299 R + 0.587 G + 0.114 B) when channels is 1, and resized by
 * area averaging, which neither drops thin strokes when shrinking nor invents detail when growing.
 */
export function fitImage(
  image: RgbaImage,
  size: number,
  channels: 1 | 3,
  fit: 'pad' | 'stretch',
  background: number,
  invert: boolean,
  out: Float32Array = new Float32Array(size * size * channels),
): Float32Array {
  const { width, height, data } = image;
  const scaleX = fit === 'pad' ? size / Math.max(width, height) : size / width;
  const scaleY = fit === 'pad' ? scaleX : size / height;
  const cols = coverage(width, size, scaleX);
  const rows = coverage(height, size, scaleY);
  const pixel = new Float64Array(3);
  for (let oy = 0; oy < size; oy++) {
    const row = rows[oy];
    for (let ox = 0; ox < size; ox++) {
      const col = cols[ox];
      pixel.fill(0);
      let covered = 0;
      for (let j = 0; j < row.weights.length; j++) {
        for (let i = 0; i < col.weights.length; i++) {
          const w = row.weights[j] * col.weights[i];
          const p = 4 * ((row.start + j) * width + col.start + i);
          const alpha = data[p + 3] / 255;
          for (let c = 0; c < 3; c++) pixel[c] += w * (data[p + c] * alpha + background * (1 - alpha));
          covered += w;
        }
      }
      // A fully covered pixel is normalised by its exact coverage, so rounding leaks no padding into it.
      const full = covered > 1 - 1e-9;
      for (let c = 0; c < 3; c++) pixel[c] = (full ? pixel[c] / covered : pixel[c] + (1 - covered) * background) / 255;
      const o = (oy * size + ox) * channels;
      if (channels === 1) {
        const grey = 0.299 * pixel[0] + 0.587 * pixel[1] + 0.114 * pixel[2];
        out[o] = invert ? 1 - grey : grey;
      } else {
        for (let c = 0; c < 3; c++) out[o + c] = invert ? 1 - pixel[c] : pixel[c];
      }
    }
  }
  return out;
}

/**
 * For each output pixel along one axis, the source pixels it covers and by what fraction of the output
 * pixel each one does. The scaled image is centred; the uncovered fraction is padding.
 */
function coverage(sourceLength: number, size: number, scale: number): { start: number; weights: number[] }[] {
  const offset = (size - sourceLength * scale) / 2;
  return Array.from({ length: size }, (_, o) => {
    const from = Math.max(0, (o - offset) / scale);
    const to = Math.min(sourceLength, (o + 1 - offset) / scale);
    const start = Math.floor(from);
    const weights: number[] = [];
    for (let s = start; s < to; s++) weights.push(((Math.min(s + 1, to) - Math.max(s, from)) * scale));
    return { start, weights };
  });
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
