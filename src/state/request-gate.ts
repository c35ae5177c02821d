// Questions to the network while the user draws or training runs: at most one in flight, at most
// one start per interval, and none lost. Asking again while one is in flight (or too soon) runs the
// task once more afterwards, with whatever the task reads then, so the last answer is always fresh.

export interface RequestGate {
  /** Runs the task soon: now, or when the interval has passed and the one in flight has answered. */
  request(): void;
  /** Runs the task as soon as the one in flight (if any) has answered, ignoring the interval. */
  flush(): void;
  /** Never runs the task again; an answer in flight is left to finish. */
  dispose(): void;
}

export interface GateClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: GateClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** `task` should handle its own errors; a rejection is ignored so that the gate keeps working. */
export function requestGate(task: () => Promise<unknown>, minIntervalMs: number, clock: GateClock = realClock): RequestGate {
  let inFlight = false;
  let dirty = false;
  let urgent = false;
  let disposed = false;
  let lastStart = -Infinity;
  let timer: unknown = null;

  function pump(): void {
    if (disposed || inFlight || !dirty) return;
    const wait = urgent ? 0 : lastStart + minIntervalMs - clock.now();
    if (wait > 0) {
      timer ??= clock.setTimeout(() => {
        timer = null;
        pump();
      }, wait);
      return;
    }
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    dirty = urgent = false;
    inFlight = true;
    lastStart = clock.now();
    let promise: Promise<unknown>;
    try {
      promise = task();
    } catch (e) {
      promise = Promise.reject(e);
    }
    promise
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
        pump();
      });
  }

  return {
    request() {
      dirty = true;
      pump();
    },
    flush() {
      dirty = urgent = true;
      pump();
    },
    dispose() {
      disposed = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
