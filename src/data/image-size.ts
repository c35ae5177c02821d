// Reads an image's width and height from its header, so a huge image is refused before a decoder
// allocates its pixels, and a file that is no PNG or JPEG is named as such whatever decoder runs.

export interface ImageHeader {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk or a JPEG's frame header (SOFn); throws when neither is there. */
export function imageDimensions(bytes: Uint8Array): ImageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    // The signature, then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4), big-endian.
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('a truncated PNG (no IHDR header)');
    return size('png', view.getUint32(16, false), view.getUint32(20, false));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    // Markers FF xx, each but the standalone ones followed by a 2-byte length, until a frame header.
    let at = 2;
    while (at + 4 <= bytes.length) {
      if (bytes[at] !== 0xff) throw new Error(`a corrupt JPEG (no marker at byte ${at})`);
      const marker = bytes[at + 1];
      if (marker === 0xff) {
        at++; // fill byte
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        at += 2;
        continue;
      }
      const length = view.getUint16(at + 2, false);
      const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isFrame) {
        if (at + 9 > bytes.length) break;
        return size('jpeg', view.getUint16(at + 7, false), view.getUint16(at + 5, false));
      }
      if (marker === 0xda || length < 2) break; // image data before any frame header
      at += 2 + length;
    }
    throw new Error('a truncated or corrupt JPEG (no frame header)');
  }
  const start = Array.from(bytes.subarray(0, 4), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  throw new Error(`not a PNG or JPEG (it starts with ${JSON.stringify(start)})`);
}

function size(format: ImageHeader['format'], width: number, height: number): ImageHeader {
  if (width === 0 || height === 0) throw new Error(`a ${format.toUpperCase()} of ${width}x${height} pixels`);
  return { format, width, height };
}
