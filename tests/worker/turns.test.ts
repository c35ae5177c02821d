// The session's backend turns: one at a time, in the order asked, each ended by its own release.
import { describe, expect, it } from 'vitest';
import { Turns } from '../../src/worker/turns';

const tick = () => new Promise((done) => setTimeout(done, 0));

describe('Turns', () => {
  it('gives turns in the order asked, each only once the one before has ended', async () => {
    const turns = new Turns();
    const log: string[] = [];
    const a = turns.take().then((release) => (log.push('a'), release));
    const b = turns.take().then((release) => (log.push('b'), release));
    const c = turns.take().then((release) => (log.push('c'), release));
    await tick();
    expect(log).toEqual(['a']);
    const releaseA = await a;
    releaseA();
    releaseA(); // a second call ends nothing more: c still waits for b
    await tick();
    expect(log).toEqual(['a', 'b']);
    (await b)();
    await tick();
    expect(log).toEqual(['a', 'b', 'c']);
    (await c)();
    const d = await turns.take(); // free again: at once
    d();
  });
});
