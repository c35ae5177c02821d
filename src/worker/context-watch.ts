// The session's watch on the WebGL context. When the context is lost, every readback the engine
// waits for never comes back (the issue: "Training · step 275 of 100,000" forever), so whatever
// waits on the GPU (a training, a view's question) is raced against the loss instead.
import { watchWebGLContext, type BackendName } from '../core/backend';

export const CONTEXT_LOST = "the GPU's WebGL context was lost (the graphics driver reset, the computer slept, or the browser reclaimed the GPU)";

/** What guard() gives when the context was lost first. */
export const LOST: unique symbol = Symbol('the WebGL context was lost');

export class ContextWatch {
  private unwatch: () => void = () => {};
  private readonly waiting = new Set<() => void>();
  /** The backend followed is webgl, whose context can be lost. */
  watching = false;

  constructor(private readonly events: { lost(): void; restored(): void }) {}

  /** Follows the backend just chosen: its canvas if it is webgl, nothing otherwise. */
  follow(backend: BackendName): void {
    this.unwatch();
    this.watching = backend === 'webgl';
    this.unwatch =
      backend === 'webgl'
        ? watchWebGLContext({
            lost: () => {
              for (const wake of [...this.waiting]) wake();
              this.events.lost();
            },
            restored: () => this.events.restored(),
          })
        : () => {};
  }

  /** The work's result, or LOST if the context is lost before it settles (the work is then left to hang). */
  async guard<T>(work: Promise<T>): Promise<T | typeof LOST> {
    let wake!: () => void;
    const lost = new Promise<typeof LOST>((resolve) => {
      wake = () => resolve(LOST);
      this.waiting.add(wake);
    });
    try {
      return await Promise.race([work, lost]);
    } finally {
      // Nothing stays registered per call: views ask questions every few hundred milliseconds.
      this.waiting.delete(wake);
    }
  }

  /** The work's result; a context loss before it settles is its error (CONTEXT_LOST). */
  async required<T>(work: Promise<T>): Promise<T> {
    const result = await this.guard(work);
    if (result === LOST) throw new Error(CONTEXT_LOST);
    return result;
  }
}
