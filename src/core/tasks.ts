// What each task is, declared once: its label, its kind of data (a plane of 2-D points, images, a
// table), its class count, sizes, default model and the run a new experiment of it starts with. The
// validator, the data panel, the views and `lab run` ask this table rather than naming tasks.
import type { Task } from './experiment-types';

/** plane: 2-D points (the decision-boundary view). images: pictures (MLP or CNN). table: CSV rows. */
export type TaskKind = 'plane' | 'images' | 'table';

export interface TaskInfo {
  label: string;
  kind: TaskKind;
  /** The class count when the task fixes it; null when the data decides (spiral arms, drawn classes, a file). */
  numClasses: number | null;
  /** Sizes when the document gives none (ignored where the data decides them). */
  defaultData: { trainSize: number; testSize: number };
  /** The model of a run that names none. For a file, a guess that loading the file fits (see fitModelToData). */
  defaultModel: string;
  /** The starting run a new experiment of this task gets in the editor, trained long and fast enough to learn. */
  startingRun: object;
  /** Data options a new experiment starts with beyond the defaults (the drawn points' first drawing). */
  startingData?: object;
  /** The examples come from a user's file: the document names it (data.source). */
  file?: 'csv' | 'images';
  /** The document itself says which examples there are (drawn points): sizes are counted, not given. */
  countedSizes?: boolean;
}

const PLANE_RUN = { name: 'run 1', optimizer: { name: 'adam', learningRate: 0.03 }, training: { batchSize: 16, steps: 1000, evalEvery: 50 } };

/** A first drawing for the points task: two small clusters, one per class, so that it trains at once. */
const STARTING_POINTS: [number, number, number][] = [
  [-3, 2, 0], [-2, 3, 0], [-3.5, 3.5, 0], [-2.5, 1.5, 0], [-1.5, 2.5, 0], [-4, 2.5, 0],
  [3, -2, 1], [2, -3, 1], [3.5, -3.5, 1], [2.5, -1.5, 1], [1.5, -2.5, 1], [4, -2.5, 1],
];

export const TASK_INFO: Record<Task, TaskInfo> = {
  xor: {
    label: 'XOR',
    kind: 'plane',
    numClasses: 2,
    defaultData: { trainSize: 200, testSize: 200 },
    defaultModel: 'INPUT 2, FC-4 TANH, FC-1',
    startingRun: { name: 'run 1', optimizer: { name: 'sgd', learningRate: 0.5 }, training: { steps: 1000 } },
  },
  circle: {
    label: 'Circle (2-D)',
    kind: 'plane',
    numClasses: 2,
    defaultData: { trainSize: 250, testSize: 250 },
    defaultModel: 'INPUT 2, FC-8 TANH, FC-8 TANH, FC-2',
    startingRun: PLANE_RUN,
  },
  gaussians: {
    label: 'Two Gaussians (2-D)',
    kind: 'plane',
    numClasses: 2,
    defaultData: { trainSize: 250, testSize: 250 },
    defaultModel: 'INPUT 2, FC-4 TANH, FC-2',
    startingRun: PLANE_RUN,
  },
  spiral: {
    label: 'Spiral (2-D)',
    kind: 'plane',
    numClasses: null,
    defaultData: { trainSize: 250, testSize: 250 },
    defaultModel: 'INPUT 2, FC-16 TANH, FC-16 TANH, FC-2',
    startingRun: { ...PLANE_RUN, training: { batchSize: 16, steps: 3000, evalEvery: 100 } },
  },
  points: {
    label: 'Draw points (2-D)',
    kind: 'plane',
    numClasses: null,
    defaultData: { trainSize: 10, testSize: 2 },
    defaultModel: 'INPUT 2, FC-8 TANH, FC-2',
    startingRun: { ...PLANE_RUN, training: { batchSize: 8, steps: 500, evalEvery: 25 } },
    startingData: { points: STARTING_POINTS },
    countedSizes: true,
  },
  mnist: {
    label: 'MNIST digits',
    kind: 'images',
    numClasses: 10,
    defaultData: { trainSize: 8000, testSize: 2000 },
    defaultModel: 'INPUT 784, FC-100 RELU HE, FC-10',
    startingRun: { name: 'run 1' },
  },
  csv: {
    label: 'CSV table (your file)',
    kind: 'table',
    numClasses: null,
    defaultData: { trainSize: 1, testSize: 1 },
    defaultModel: 'INPUT 4, FC-16 RELU, FC-3',
    startingRun: { name: 'run 1', optimizer: { name: 'adam', learningRate: 0.01 }, training: { epochs: 50 } },
    file: 'csv',
    countedSizes: true,
  },
  images: {
    label: 'Images (your folder or zip)',
    kind: 'images',
    numClasses: null,
    defaultData: { trainSize: 1, testSize: 1 },
    defaultModel: 'INPUT 784, FC-100 RELU HE, FC-2',
    startingRun: { name: 'run 1', optimizer: { name: 'adam', learningRate: 0.001 }, training: { epochs: 10 } },
    file: 'images',
    countedSizes: true,
  },
};

export const isPlaneTask = (task: Task | null | undefined): boolean => !!task && TASK_INFO[task].kind === 'plane';
