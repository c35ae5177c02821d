import { describe, expect, it } from 'vitest';
import { FrameThrottle, type FrameClock } from '../../src/charts/frame-throttle';

/** A hand-cranked clock: time only moves, frames and timers only fire, when the test says so. */
class FakeClock implements FrameClock {
  t = 1000;
  private seq = 0;
  frames = new Map<number, () => void>();
  timers = new Map<number, { at: number; cb: () => void }>();
  now = () => this.t;
  requestFrame = (cb: () => void) => {
    this.frames.set(++this.seq, cb);
    return this.seq;
  };
  cancelFrame = (h: number) => void this.frames.delete(h);
  setTimer = (cb: () => void, ms: number) => {
    this.timers.set(++this.seq, { at: this.t + ms, cb });
    return this.seq;
  };
  clearTimer = (h: number) => void this.timers.delete(h);
  /** Advances time by ms, firing due timers, then runs one animation frame. */
  tick(ms: number) {
    this.t += ms;
    for (const [h, timer] of [...this.timers]) {
      if (timer.at <= this.t) {
        this.timers.delete(h);
        timer.cb();
      }
    }
    const frames = [...this.frames.values()];
    this.frames.clear();
    for (const f of frames) f();
  }
}

describe('FrameThrottle', () => {
  it('runs many requests once, on the next frame', () => {
    const clock = new FakeClock();
    let runs = 0;
    const t = new FrameThrottle(() => runs++, 250, clock);
    for (let i = 0; i < 100; i++) t.request();
    expect(runs).toBe(0);
    clock.tick(16);
    expect(runs).toBe(1);
    clock.tick(16);
    expect(runs).toBe(1);
  });

  it('holds redraws to one per interval under a continuous stream of requests', () => {
    const clock = new FakeClock();
    let runs = 0;
    const t = new FrameThrottle(() => runs++, 250, clock);
    for (let frame = 0; frame < 60 * 5; frame++) {
      t.request(); // training asks every frame for five seconds
      clock.tick(1000 / 60);
    }
    expect(runs).toBeGreaterThanOrEqual(17);
    expect(runs).toBeLessThanOrEqual(21); // ~4 Hz, not 60 Hz
  });

  it('does not lose the last request: it runs once the interval has passed', () => {
    const clock = new FakeClock();
    const seen: number[] = [];
    const t = new FrameThrottle(() => seen.push(clock.t), 250, clock);
    t.request();
    clock.tick(16);
    t.request();
    clock.tick(16);
    expect(seen).toHaveLength(1);
    clock.tick(300);
    expect(seen).toHaveLength(2);
    expect(seen[1] - seen[0]).toBeGreaterThanOrEqual(250);
  });

  it('flush runs now and cancels what was scheduled; cancel drops it', () => {
    const clock = new FakeClock();
    let runs = 0;
    const t = new FrameThrottle(() => runs++, 250, clock);
    t.request();
    t.flush();
    expect(runs).toBe(1);
    expect(t.pending).toBe(false);
    clock.tick(1000);
    expect(runs).toBe(1);
    t.request();
    t.cancel();
    clock.tick(1000);
    expect(runs).toBe(1);
  });
});
