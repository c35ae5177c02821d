// The views' questions travel to the worker and back: probe, then train XOR, then inspect it.
import { afterEach, describe, expect, it } from 'vitest';
import { TrainingHost } from '../../src/worker/host';
import type { FromSession } from '../../src/worker/protocol';
import xor from '../../docs/examples/xor.json';
import { experiment } from '../../src/core/experiment';

let host: TrainingHost | null = null;
afterEach(() => host?.dispose());

function next(h: TrainingHost, type: FromSession['type']): Promise<FromSession> {
  return new Promise((resolve) => {
    const off = h.onMessage((m) => {
      if (m.type === type) {
        off();
        resolve(m);
      }
    });
  });
}

describe('probe and inspect through the worker', () => {
  it('reports the backend before training, and answers questions about the trained net after', async () => {
    host = new TrainingHost();
    const probed = next(host, 'backend');
    const probeId = host.probe('webgl');
    expect(await probed).toMatchObject({ start: probeId, info: { name: 'webgl' }, where: 'worker' });

    await expect(host.inspect('2-4-1 tanh', { kind: 'filters' })).rejects.toThrow(/nothing has been trained/);

    const finished = next(host, 'finished');
    host.start(experiment(xor), 'webgl', { stepsOverride: 600 });
    await finished;
    const grid = await host.inspect('2-4-1 tanh', { kind: 'decision-grid', resolution: 3, lo: 0, hi: 1 });
    if (grid.kind !== 'decision-grid') throw new Error('wrong answer kind');
    // One probability per class per cell. Row 0 is y = 1: the corners (0,1) and (1,1) are cells 0 and 2;
    // (0,0) and (1,0) are cells 6 and 8. Class 1 ("on") should be likely exactly where x XOR y.
    expect(grid.classes).toBe(2);
    const on = (cell: number) => grid.probabilities[cell * grid.classes + 1] > 0.5;
    expect([on(0), on(2), on(6), on(8)]).toEqual([true, false, false, true]);
    await expect(host.inspect('no such run', { kind: 'filters' })).rejects.toThrow(/no trained network for run "no such run"/);
  });
});
