// RunControl keeps what the page asked for while the runner does not exist yet (the backend starts
// or MNIST downloads) and hands it over once the runner is attached.
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/core/experiment';
import { ProgressTracker } from '../../src/worker/pacer';
import { RunControl } from '../../src/worker/run-control';

function recordingRunner() {
  const calls: string[] = [];
  return {
    calls,
    runner: {
      pause: () => calls.push('pause'),
      resume: () => calls.push('resume'),
      step: () => calls.push('step'),
      stop: () => calls.push('stop'),
    },
  };
}

const parsed = parseExperiment({ version: 1, task: 'xor', runs: [{ name: 'a' }] });
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const tracker = () => new ProgressTracker(parsed.doc);

describe('RunControl before the runner exists', () => {
  it('keeps a pause and the single steps asked for, and replays them on attach', () => {
    const control = new RunControl();
    control.pause();
    control.step();
    control.step();
    const { calls, runner } = recordingRunner();
    control.attach(runner, tracker());
    expect(calls).toEqual(['pause', 'step', 'step']);
  });

  it('drops early steps that a resume overtook: the run trains freely anyway', () => {
    const control = new RunControl();
    control.pause();
    control.step();
    control.resume();
    const { calls, runner } = recordingRunner();
    control.attach(runner, tracker());
    expect(calls).toEqual(['resume']);
  });

  it('ignores steps while not paused, and everything after a stop', () => {
    const control = new RunControl();
    control.step();
    control.stop();
    control.pause();
    control.step();
    const { calls, runner } = recordingRunner();
    control.attach(runner, tracker());
    expect(calls).toEqual(['stop']);
  });

  it('passes a step straight through once attached and paused', () => {
    const control = new RunControl();
    const { calls, runner } = recordingRunner();
    control.attach(runner, tracker());
    control.step(); // running: ignored (the runner would replay it at the next pause)
    control.pause();
    control.step();
    expect(calls).toEqual(['resume', 'pause', 'step']);
  });
});
