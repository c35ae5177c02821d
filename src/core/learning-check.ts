// Whether a run that trained to its end learned anything: a run can end with finite losses and still
// be useless (MNIST at 9.8%, a constant prediction), and "done" alone hides that. Two rules, each
// from numbers the run reports anyway:
//   stalled: at each of its last STALL.evaluations evaluations, all made after STALL.after of its
//            steps, its test accuracy was at most STALL.margin above chance: the accuracy of always
//            guessing the test set's most common class (11.4% on MNIST's test set, 50% on XOR);
//   blewUp:  its smoothed final training loss (the mean over the last `window` steps, a tenth of its
//            steps, 1 to 50) is more than BLOW_UP.factor times its first step's loss (the initial
//            weights' loss, before any update).
// A run with a problem ends with it as its done event's `reason`; blewUp is named when both hold.

export const STALL = { margin: 0.02, evaluations: 3, after: 0.2 } as const;
export const BLOW_UP = { factor: 2, windowShare: 0.1, maxWindow: 50 } as const;

export interface LearningProblem {
  kind: 'stalled' | 'blewUp';
  /** One sentence with the figures, e.g. "test accuracy 9.8%, 9.8%, 9.8% at steps 400, 450, 500: ...". */
  detail: string;
}

/** What the check has seen so far: plain numbers, so that a snapshot of a run can carry it. */
export interface LearningState {
  first: number | null;
  recent: number[];
  evaluations: { step: number; accuracy: number }[];
}

const pct = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** The accuracy of always guessing the most common label: what a network that learned nothing can reach. */
export function chanceAccuracy(labels: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  let most = 0;
  for (let i = 0; i < labels.length; i++) {
    const n = (counts.get(labels[i]) ?? 0) + 1;
    counts.set(labels[i], n);
    most = Math.max(most, n);
  }
  return labels.length === 0 ? 0 : most / labels.length;
}

export class LearningCheck {
  private readonly window: number;
  private readonly state: LearningState;

  constructor(
    private readonly totalSteps: number,
    /** See chanceAccuracy. */
    private readonly chance: number,
    from?: LearningState,
  ) {
    this.window = Math.max(1, Math.min(BLOW_UP.maxWindow, Math.floor(totalSteps * BLOW_UP.windowShare)));
    this.state = from ? copyState(from) : { first: null, recent: [], evaluations: [] };
  }

  /** One step's training loss, in step order. */
  loss(value: number): void {
    const { recent } = this.state;
    this.state.first ??= value;
    recent.push(value);
    if (recent.length > this.window) recent.shift();
  }

  evaluation(step: number, accuracy: number): void {
    const list = this.state.evaluations;
    if (list.at(-1)?.step === step) list.pop();
    list.push({ step, accuracy });
    if (list.length > STALL.evaluations) list.shift();
  }

  snapshot(): LearningState {
    return copyState(this.state);
  }

  /** The problem of a run that trained all its steps, or null when it learned. */
  verdict(): LearningProblem | null {
    return this.blewUp() ?? this.stalled();
  }

  private blewUp(): LearningProblem | null {
    const { first, recent } = this.state;
    if (first === null || recent.length < this.window) return null;
    const end = mean(recent);
    if (!(end > BLOW_UP.factor * first)) return null;
    const last = this.window === 1 ? 'the last step' : `the last ${this.window} steps`;
    return { kind: 'blewUp', detail: `the mean training loss of ${last}, ${end.toPrecision(3)}, is more than ${BLOW_UP.factor} times the first step's, ${first.toPrecision(3)}` };
  }

  private stalled(): LearningProblem | null {
    const list = this.state.evaluations;
    if (list.length < STALL.evaluations || list[0].step < STALL.after * this.totalSteps) return null;
    // The tolerance keeps 13.4% from counting as 2.0000000000000004 points above 11.4%.
    if (!list.every((e) => e.accuracy <= this.chance + STALL.margin + 1e-9)) return null;
    return {
      kind: 'stalled',
      detail:
        `test accuracy ${list.map((e) => pct(e.accuracy)).join(', ')} at steps ${list.map((e) => e.step.toLocaleString('en-US')).join(', ')}: ` +
        `no more than ${STALL.margin * 100} points above always guessing the most common class (${pct(this.chance)})`,
    };
  }
}

function copyState(state: LearningState): LearningState {
  return { first: state.first, recent: [...state.recent], evaluations: state.evaluations.map((e) => ({ ...e })) };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
