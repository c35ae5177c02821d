// Reads the files of a zip (an image folder a student zipped) with fflate. The sizes the zip's
// directory declares are checked against the limits before anything is inflated, so a zip bomb is
// refused rather than unpacked.
import { unzipSync } from 'fflate';
import { IMAGE_LIMITS, type ImageFile, type ImageLimits } from './image-folder';

/** The files of a zip (folders left out), paths with "/" as in the zip. `name` is used in messages. */
export function unzipFiles(zip: Uint8Array, name: string, limitsIn: Partial<ImageLimits> = {}): ImageFile[] {
  const limits = { ...IMAGE_LIMITS, ...limitsIn };
  if (zip.length > limits.maxTotalBytes) throw new Error(`${name}: ${mib(zip.length)} is over the limit of ${mib(limits.maxTotalBytes)}.`);
  let entries = 0;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter(file) {
        if (file.name.endsWith('/')) return false;
        // Non-images are listed too (and skipped later), so allow some beyond the image limit.
        if (++entries > 2 * limits.maxFiles) throw new LimitError(`${name} holds more than ${2 * limits.maxFiles} files; the limit is ${limits.maxFiles} images.`);
        if (file.originalSize > limits.maxFileBytes) {
          // Only images are read; anything else that large is not worth unpacking at all.
          if (!/\.(png|jpe?g)$/i.test(file.name)) return false;
          throw new LimitError(`${name}: ${file.name} unpacks to ${mib(file.originalSize)}, over the limit of ${mib(limits.maxFileBytes)} per image.`);
        }
        total += file.originalSize;
        if (total > limits.maxTotalBytes) throw new LimitError(`${name} unpacks to more than ${mib(limits.maxTotalBytes)}, the limit in all.`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof LimitError) throw new Error(err.message);
    throw new Error(`${name} is not a readable zip file (${err instanceof Error ? err.message : String(err)}).`);
  }
  return Object.entries(files).map(([path, bytes]) => ({ path, bytes }));
}

class LimitError extends Error {}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
