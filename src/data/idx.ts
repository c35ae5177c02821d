// Parses IDX files, the format LeCun et al. published MNIST in (http://yann.lecun.com/exdb/mnist/):
//   bytes 0-1  zero
//   byte  2    element type: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64
//   byte  3    number of dimensions
//   then one big-endian uint32 per dimension, then the elements, big-endian, row-major.
// Pure (bytes in, typed array out) so the packer, Node and a worker share it. Every size is checked
// against the file's length before anything is allocated, so a hostile header cannot ask for gigabytes.

export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

export interface IdxArray {
  type: IdxType;
  dims: number[];
  /** A view into the input for uint8 (no copy); a new native-endian array for the wider types. */
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<number, { type: IdxType; bytes: number }> = {
  0x08: { type: 'uint8', bytes: 1 },
  0x09: { type: 'int8', bytes: 1 },
  0x0b: { type: 'int16', bytes: 2 },
  0x0c: { type: 'int32', bytes: 4 },
  0x0d: { type: 'float32', bytes: 4 },
  0x0e: { type: 'float64', bytes: 8 },
};

export interface IdxExpectation {
  type?: IdxType;
  /** Expected dimensions; null leaves one free (e.g. [null, 28, 28] for any number of 28x28 images). */
  dims?: (number | null)[];
}

/**
 * Parses one IDX file. `name` is used in messages (a file name or URL). When `expect` is given the
 * element type and dimensions must match it. Throws an Error that names the file and the problem.
 */
export function parseIdx(bytes: Uint8Array, name = 'IDX file', expect: IdxExpectation = {}): IdxArray {
  if (bytes.length < 4) {
    throw new Error(`${name}: ${bytes.length} bytes is too short for an IDX header (at least 4 bytes).`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    // A gzip-compressed download (1f 8b) is the usual culprit: the published files are .gz.
    const hint = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' It is gzip-compressed: decompress it first.' : '';
    throw new Error(`${name}: not an IDX file (magic bytes ${hex(bytes[0])} ${hex(bytes[1])}, expected 00 00).${hint}`);
  }
  const kind = TYPES[bytes[2]];
  if (!kind) throw new Error(`${name}: unknown IDX element type ${hex(bytes[2])} (expected 08, 09, 0b, 0c, 0d or 0e).`);
  const ndim = bytes[3];
  if (ndim === 0) throw new Error(`${name}: the IDX header declares 0 dimensions.`);
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) {
    throw new Error(`${name}: truncated header: ${ndim} dimensions need ${headerBytes} bytes, the file has ${bytes.length}.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let d = 0; d < ndim; d++) {
    dims.push(view.getUint32(4 + 4 * d, false));
    count *= dims[d];
  }
  // count is exact while it stays below 2^53; anything that large cannot match the length anyway.
  const expectedLength = headerBytes + count * kind.bytes;
  if (bytes.length !== expectedLength) {
    const what = bytes.length < expectedLength ? 'truncated' : 'longer than its header says';
    throw new Error(
      `${name}: ${what}: a ${kind.type} array of ${dims.join(' x ')} needs ${expectedLength} bytes, the file has ${bytes.length}.`,
    );
  }
  if (expect.type && expect.type !== kind.type) {
    throw new Error(`${name}: expected ${expect.type} elements, the file holds ${kind.type}.`);
  }
  if (expect.dims) {
    const matches = expect.dims.length === ndim && expect.dims.every((want, d) => want === null || want === dims[d]);
    if (!matches) {
      const wanted = expect.dims.map((d) => (d === null ? 'any' : String(d))).join(' x ');
      throw new Error(`${name}: expected dimensions ${wanted}, the file has ${dims.join(' x ')}.`);
    }
  }
  return { type: kind.type, dims, data: elements(bytes.subarray(headerBytes), view, headerBytes, kind.type, count) };
}

function elements(body: Uint8Array, view: DataView, offset: number, type: IdxType, count: number): IdxArray['data'] {
  switch (type) {
    case 'uint8':
      return body;
    case 'int8':
      return new Int8Array(body.buffer, body.byteOffset, count);
    case 'int16':
      return Int16Array.from({ length: count }, (_, i) => view.getInt16(offset + 2 * i, false));
    case 'int32':
      return Int32Array.from({ length: count }, (_, i) => view.getInt32(offset + 4 * i, false));
    case 'float32':
      return Float32Array.from({ length: count }, (_, i) => view.getFloat32(offset + 4 * i, false));
    case 'float64':
      return Float64Array.from({ length: count }, (_, i) => view.getFloat64(offset + 8 * i, false));
  }
}

/** Writes an IDX file: for tests and tools that need small files in this format. */
export function encodeIdx(type: IdxType, dims: number[], values: ArrayLike<number>): Uint8Array {
  const code = Number(Object.keys(TYPES).find((k) => TYPES[Number(k)].type === type));
  const size = TYPES[code].bytes;
  const count = dims.reduce((a, b) => a * b, 1);
  if (values.length !== count) throw new Error(`encodeIdx: ${dims.join(' x ')} needs ${count} values, got ${values.length}.`);
  const headerBytes = 4 + 4 * dims.length;
  const out = new Uint8Array(headerBytes + count * size);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < count; i++) {
    const at = headerBytes + i * size;
    const v = values[i];
    if (type === 'uint8') view.setUint8(at, v);
    else if (type === 'int8') view.setInt8(at, v);
    else if (type === 'int16') view.setInt16(at, v, false);
    else if (type === 'int32') view.setInt32(at, v, false);
    else if (type === 'float32') view.setFloat32(at, v, false);
    else view.setFloat64(at, v, false);
  }
  return out;
}

/** An MNIST image file and its label file, checked against each other. */
export interface IdxDigits {
  count: number;
  rows: number;
  cols: number;
  /** count * rows * cols bytes, image after image, row-major (0 = background, 255 = ink). */
  pixels: Uint8Array;
  /** count bytes, each below numClasses. */
  labels: Uint8Array;
}

/** Parses an MNIST-style pair (idx3 uint8 images, idx1 uint8 labels) and checks they agree. */
export function parseIdxDigits(
  images: Uint8Array,
  labels: Uint8Array,
  names: { images: string; labels: string } = { images: 'images file', labels: 'labels file' },
  numClasses = 10,
): IdxDigits {
  const img = parseIdx(images, names.images, { type: 'uint8', dims: [null, null, null] });
  const lab = parseIdx(labels, names.labels, { type: 'uint8', dims: [null] });
  const [count, rows, cols] = img.dims;
  if (lab.dims[0] !== count) {
    throw new Error(`${names.labels} holds ${lab.dims[0]} labels but ${names.images} holds ${count} images; they are not a pair.`);
  }
  const labelBytes = lab.data as Uint8Array;
  for (let i = 0; i < count; i++) {
    if (labelBytes[i] >= numClasses) {
      throw new Error(`${names.labels}: label ${i} is ${labelBytes[i]}, outside 0..${numClasses - 1}.`);
    }
  }
  return { count, rows, cols, pixels: img.data as Uint8Array, labels: labelBytes };
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
