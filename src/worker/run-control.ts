// The controls of one started experiment. Controls may arrive before the runner exists (while the
// backend starts or MNIST downloads), so the wanted state is kept here and applied once the runner
// is attached. The runner itself only knows paused/running; the speed limit is layered on top by
// keeping it paused and letting the pacer ask for single steps.
import type { TrainEvent } from '../core/events';
import type { ExperimentRunner } from '../core/experiment-runner';
import { checkRate, Pacer, type ProgressTracker } from './pacer';

type Runner = Pick<ExperimentRunner, 'pause' | 'resume' | 'step' | 'stop'>;

export class RunControl {
  private runner: Runner | null = null;
  private tracker: ProgressTracker | null = null;
  private pacer: Pacer | null = null;
  private userPaused = false;
  private stopRequested = false;
  /** Single steps asked for before the runner existed (Step pressed while the backend starts). */
  private earlySteps = 0;

  /** `paused`: the runs wait at step 0 until resumed or stepped (a Reset). */
  constructor(
    private speed: number | null = null,
    paused = false,
  ) {
    if (speed !== null) checkRate(speed);
    this.userPaused = paused;
  }

  get stopped(): boolean {
    return this.stopRequested;
  }

  /** Whether the user paused (not the speed limit's pauses between its single steps). */
  get paused(): boolean {
    return this.userPaused;
  }

  attach(runner: Runner, tracker: ProgressTracker): void {
    this.runner = runner;
    this.tracker = tracker;
    if (this.stopRequested) return runner.stop();
    this.apply();
    for (; this.earlySteps > 0; this.earlySteps--) runner.step();
  }

  /** Every engine event passes here so the pacer sees steps land. */
  observe(event: TrainEvent): void {
    this.tracker?.observe(event);
    this.pacer?.onProgress();
  }

  pause(): void {
    this.userPaused = true;
    this.apply();
  }

  resume(): void {
    this.userPaused = false;
    this.earlySteps = 0;
    this.apply();
  }

  /**
   * One step of every unfinished run, only while paused: the runner counts step requests made while
   * it runs and would replay them at the next pause.
   */
  step(): void {
    if (!this.userPaused || this.stopRequested) return;
    if (this.runner) this.runner.step();
    else this.earlySteps++;
  }

  setSpeed(speed: number | null): void {
    if (speed !== null) checkRate(speed);
    this.speed = speed;
    if (speed !== null) this.pacer?.setRate(speed);
    this.apply();
  }

  stop(): void {
    this.stopRequested = true;
    this.pacer?.stop();
    this.runner?.stop();
  }

  private apply(): void {
    const runner = this.runner;
    if (!runner || this.stopRequested) return;
    const paced = this.speed !== null;
    if (this.userPaused || paced) runner.pause();
    else runner.resume();
    if (paced && !this.userPaused) this.ensurePacer(this.speed!).start();
    else this.pacer?.stop();
  }

  private ensurePacer(speed: number): Pacer {
    this.pacer ??= new Pacer(speed, {
      progress: () => this.tracker?.slowest() ?? Infinity,
      step: () => this.runner?.step(),
    });
    return this.pacer;
  }
}
