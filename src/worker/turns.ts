// One at a time, in the order asked: the session's work that needs the backend to stay put (a
// compute step, a probe, a start until it has chosen its backend) waits here for its turn.
export class Turns {
  private last: Promise<void> = Promise.resolve();

  /** Resolves when every earlier turn has ended; the function it gives ends this one (again: nothing). */
  async take(): Promise<() => void> {
    const before = this.last;
    let release!: () => void;
    this.last = new Promise<void>((resolve) => (release = resolve));
    await before;
    return release;
  }
}
