// Coalesces redraw requests: training emits metrics hundreds of times a second, a chart needs a few
// redraws a second. A request waits for the next animation frame (so a hidden tab does no chart work
// at all) and no sooner than minIntervalMs after the previous run.

export interface FrameClock {
  now(): number;
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
  setTimer(callback: () => void, ms: number): number;
  clearTimer(handle: number): void;
}

/** The page's clock; falls back to a ~60 Hz timer where there is no requestAnimationFrame. */
export function browserClock(): FrameClock {
  const g = globalThis as typeof globalThis & {
    requestAnimationFrame?: (cb: FrameRequestCallback) => number;
    cancelAnimationFrame?: (handle: number) => void;
  };
  const raf = g.requestAnimationFrame?.bind(g);
  const caf = g.cancelAnimationFrame?.bind(g);
  return {
    now: () => performance.now(),
    requestFrame: (cb) => (raf ? raf(() => cb()) : (setTimeout(cb, 16) as unknown as number)),
    cancelFrame: (h) => (caf ? caf(h) : clearTimeout(h)),
    setTimer: (cb, ms) => setTimeout(cb, ms) as unknown as number,
    clearTimer: (h) => clearTimeout(h),
  };
}

export class FrameThrottle {
  private frame: number | null = null;
  private timer: number | null = null;
  private last = -Infinity;

  constructor(
    private readonly task: () => void,
    private readonly minIntervalMs = 250,
    private readonly clock: FrameClock = browserClock(),
  ) {}

  /** True while a run is scheduled. */
  get pending(): boolean {
    return this.frame !== null || this.timer !== null;
  }

  /** Asks for a run; any number of requests before it happens cost one run. */
  request(): void {
    if (this.pending) return;
    const wait = this.last + this.minIntervalMs - this.clock.now();
    if (wait <= 0) {
      this.frame = this.clock.requestFrame(() => this.fire());
      return;
    }
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.frame = this.clock.requestFrame(() => this.fire());
    }, wait);
  }

  /** Runs now (a user's click, an export) and drops whatever was scheduled. */
  flush(): void {
    this.cancel();
    this.fire();
  }

  cancel(): void {
    if (this.frame !== null) this.clock.cancelFrame(this.frame);
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.frame = null;
    this.timer = null;
  }

  private fire(): void {
    this.frame = null;
    this.last = this.clock.now();
    this.task();
  }
}
