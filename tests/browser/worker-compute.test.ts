// A lesson's compute step through the worker, as the page asks for it: the session loads the
// document's digits itself, sets up the preferred backend when nothing has yet, and answers with the
// plain result the claim reads. Backend switches wait for a running check; a probe that switches
// nothing does not.
import { afterAll, describe, expect, it } from 'vitest';
import { experiment } from '../../src/core/experiment';
import type { GradientCheck } from '../../src/core/gradient-check';
import { convByHand } from '../../src/lessons/conv-by-hand';
import type { HandCheck } from '../../src/lessons/conv-by-hand-compute';
import { gradientChecking } from '../../src/lessons/gradient-checking';
import { Outcome } from '../../src/lessons/outcome';
import { TrainingHost } from '../../src/worker/host';
import { Recorder } from './recorder';

const host = new TrainingHost();
afterAll(() => host.dispose());
const doc = experiment(convByHand.experiment);

describe('compute steps in the worker', () => {
  it("runs before any probe; the page's probe answers at once, a start with 'auto' waits for the check to end", async () => {
    // The gradient check of one small net: seconds on software WebGL, longer than a start's set-up.
    const checked = experiment(gradientChecking.experiment);
    const one = { ...checked, runs: [{ ...checked.runs[0], training: { ...checked.runs[0].training, steps: 2, evalEvery: 2 } }] };
    const rec = new Recorder(host);
    let answeredAt = Infinity;
    const answered = host.compute('gradient-checking', one).then((r) => {
      answeredAt = performance.now();
      return r as GradientCheck[];
    });
    const probe = host.probe('webgl');
    const start = host.start(one, 'auto', { diagnosticsEvery: 0 });
    const result = await answered;
    await rec.until(() => rec.of('finished').length > 0, 'the short start to finish');
    const backendAt = (id: number) => rec.received.find((r) => r.message.type === 'backend' && r.message.start === id)!.at;
    expect(backendAt(probe)).toBeLessThan(answeredAt);
    // 'auto' times steps on every backend: had it begun first, the check would have ended on another one.
    expect(result.map((c) => [c.run, c.backend])).toEqual([[one.runs[0].name, 'webgl']]);
    expect(backendAt(start)).toBeGreaterThanOrEqual(answeredAt);
  });

  it('works the conv-by-hand check on WebGL, and the claim holds on its result', async () => {
    host.probe('webgl');
    const result = (await host.compute('conv-by-hand', doc)) as HandCheck[];
    expect(result.map((c) => [c.run, c.backend, c.engineShape])).toEqual([
      ['CONV5, same padding', 'webgl', [28, 28, 4]],
      ['CONV4, stride 2, pad 1', 'webgl', [14, 14, 4]],
    ]);
    const claim = convByHand.claim(new Outcome(doc, [], null, result));
    expect(claim.held, claim.detail).toBe(true);
  });

  it('refuses a lesson without a compute step and an invalid document, by name', async () => {
    await expect(host.compute('xor-hidden-layer', doc)).rejects.toThrow('the lesson "xor-hidden-layer" has no compute step');
    await expect(host.compute('conv-by-hand', { ...doc, runs: [] })).rejects.toThrow(/^invalid experiment:\n {2}runs/);
  });
});
