// Test instrument: the highest tf.memory().numBytes reached while `work` runs. tfjs keeps that count
// in its engine state and changes it whenever a tensor's data is made or freed; a setter on the field
// sees every change (tf.profile cannot be used: the trainer's own tf.profile call resets it).
import * as tf from '@tensorflow/tfjs';

export async function peakBytes<T>(work: () => Promise<T>): Promise<{ result: T; peak: number; before: number; after: number }> {
  const state = (tf.engine() as unknown as { state: { numBytes: number } }).state;
  const before = state.numBytes;
  let value = before;
  let peak = before;
  Object.defineProperty(state, 'numBytes', {
    configurable: true,
    enumerable: true,
    get: () => value,
    set: (v: number) => {
      value = v;
      if (v > peak) peak = v;
    },
  });
  try {
    const result = await work();
    return { result, peak, before, after: value };
  } finally {
    // Back to a plain field holding the current count.
    Object.defineProperty(state, 'numBytes', { configurable: true, enumerable: true, writable: true, value });
  }
}

/**
 * The highest number of bytes the cpu backend really held in data buffers while `work` ran: a
 * reshape or clone shares its input's buffer, which tf.memory().numBytes counts once per tensor.
 */
export async function peakBufferBytes<T>(work: () => Promise<T>): Promise<{ result: T; peak: number; before: number; after: number }> {
  if (tf.getBackend() !== 'cpu') throw new Error(`peakBufferBytes reads the cpu backend's buffers, not ${tf.getBackend()}'s`);
  type Stored = { values: ArrayLike<unknown> & { byteLength?: number } };
  const backend = tf.backend() as unknown as {
    data: { get(id: object): Stored | undefined; has(id: object): boolean };
    write: (...args: unknown[]) => object;
    move: (id: object, ...args: unknown[]) => void;
    disposeData: (id: object, force?: boolean) => boolean;
  };
  const sizes = new WeakMap<object, number>();
  let live = 0;
  let peak = 0;
  const added = (id: object) => {
    const values = backend.data.get(id)?.values;
    const bytes = values && typeof values.byteLength === 'number' ? values.byteLength : 0;
    sizes.set(id, bytes);
    live += bytes;
    peak = Math.max(peak, live);
  };
  const { write, move, disposeData } = backend;
  backend.write = (...args) => {
    const id = write.apply(backend, args);
    added(id);
    return id;
  };
  backend.move = (id, ...args) => {
    move.call(backend, id, ...args);
    added(id);
  };
  backend.disposeData = (id, force) => {
    const freed = disposeData.call(backend, id, force);
    if (!backend.data.has(id) && sizes.has(id)) {
      live -= sizes.get(id)!;
      sizes.delete(id);
    }
    return freed;
  };
  try {
    const result = await work();
    return { result, peak, before: 0, after: live };
  } finally {
    // The wrappers are own properties over the class's methods: deleting them restores those.
    delete (backend as Partial<typeof backend>).write;
    delete (backend as Partial<typeof backend>).move;
    delete (backend as Partial<typeof backend>).disposeData;
  }
}
