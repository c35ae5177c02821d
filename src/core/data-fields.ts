// The document's data fields, declared once: type, range, default, label, help, and the tasks each
// applies to. The zod schema (experiment-schema.ts), the rules (data-rules.ts), the data panel and the
// `data` table of docs/experiment.md (fields-docs.ts, checked by a test) all come from here.
import { PLANAR_EXTENT, PLANAR_FEATURES, PLANAR_MAX_NOISE, SPIRAL_MAX_ARMS } from '../data/planar';
import { DATA_ORDERS, IMAGE_COLORS, TASKS, XOR_POINTS, type DataOptions, type Task } from './experiment-types';
import { SEED, type NumberRange } from './schema-kit';
import { isPlaneTask, TASK_INFO } from './tasks';

/** Most points a drawing may hold: every one travels in the share link. */
export const MAX_DRAWN_POINTS = 1000;
export const MAX_TEST_FRACTION = 0.9;
export const FEATURE_IDS = PLANAR_FEATURES.map((f) => f.id) as [string, ...string[]];

interface Base {
  label: string;
  help: string;
  /** The tasks whose documents hold this field; 'all': every document (the fields older documents have). */
  tasks: readonly Task[] | 'all';
  /** Whether the data panel shows the field for this draft (beyond `tasks`). */
  shown?: (task: Task, data: DataOptions) => boolean;
  /** How the docs state a default that depends on the task, or a constraint beyond the type. */
  defaultText?: string;
  note?: string;
}

export type DataField = Base &
  (
    | { type: 'number'; range: NumberRange; default?: number }
    | { type: 'choice'; choices: readonly { value: string; label: string }[]; default: string }
    | { type: 'boolean'; default: boolean }
    | { type: 'column'; default: null }
    | { type: 'points'; default: [] }
    | { type: 'source' }
  );

const generated = (task: Task, data: DataOptions) => !TASK_INFO[task].countedSizes && !(task === 'xor' && data.xorPoints === 'table');
const noisy = (task: Task, data: DataOptions) => ['circle', 'gaussians', 'spiral'].includes(task) || (task === 'xor' && data.xorPoints !== 'table');
const FILE_TASKS = TASKS.filter((t) => TASK_INFO[t].file);
const COUNTED_TASKS = TASKS.filter((t) => TASK_INFO[t].countedSizes);

export const DATA_FIELDS = {
  trainSize: {
    type: 'number',
    label: 'Training examples',
    range: { min: 1, max: 100_000, integer: true },
    tasks: 'all',
    shown: generated,
    defaultText: 'xor 200; circle, gaussians, spiral 250; mnist 8,000; counted for points, csv and images',
    help: 'Training examples. MNIST: at most 60,000, from the official training set. For drawn points and files it is counted from the data (a value given is replaced).',
  },
  testSize: {
    type: 'number',
    label: 'Test examples',
    range: { min: 1, max: 100_000, integer: true },
    tasks: 'all',
    shown: generated,
    defaultText: 'xor 200; circle, gaussians, spiral 250; mnist 2,000; counted for points, csv and images',
    help: 'Held-out examples for the test loss and accuracy. MNIST: at most 10,000, from the official test set (no test digit is ever a training digit). Counted for drawn points and files.',
  },
  xorPoints: {
    type: 'choice',
    label: 'XOR points',
    choices: [
      { value: 'table', label: 'truth table' },
      { value: 'cloud', label: 'noisy cloud' },
      { value: 'quadrants', label: 'quadrants (Playground)' },
    ] satisfies { value: (typeof XOR_POINTS)[number]; label: string }[],
    default: 'table',
    tasks: 'all',
    shown: (task) => task === 'xor',
    help: 'XOR: the four corners of the truth table (train and test are both the table; the sizes are ignored), a cloud of noisy points around the corners, or TensorFlow Playground\'s XOR: points in the four quadrants of [-6, 6]².',
  },
  classes: {
    type: 'number',
    label: 'Classes',
    range: { min: 2, max: SPIRAL_MAX_ARMS, integer: true },
    default: 2,
    tasks: ['spiral', 'points'],
    help: 'Spiral: its arms, one class each. Drawn points: the classes to draw.',
  },
  noise: {
    type: 'number',
    label: 'Noise (stddev)',
    range: { min: 0, max: 10 },
    default: 0,
    tasks: 'all',
    shown: noisy,
    note: `at most ${PLANAR_MAX_NOISE} for the points in [-6, 6]² (circle, gaussians, spiral, xor quadrants); 0 for tasks without noise`,
    help: 'Standard deviation of the Gaussian noise added to each generated point (XOR cloud: around each corner).',
  },
  points: {
    type: 'points',
    label: 'Points',
    default: [],
    tasks: ['points'],
    defaultText: 'a first drawing of 12 points in the app',
    note: `at most ${MAX_DRAWN_POINTS.toLocaleString('en-US')} points [x, y, class], x and y in [-${PLANAR_EXTENT}, ${PLANAR_EXTENT}]`,
    help: 'The drawn dataset: each point as [x, y, class]. The app draws them on the plane, where a click adds one, a drag moves one and a right-click or Delete removes one.',
  },
  source: {
    type: 'source',
    label: 'File',
    tasks: FILE_TASKS,
    defaultText: 'required',
    help: 'The user\'s file, which never leaves the browser: see "Your own file" below.',
  },
  label: {
    type: 'column',
    label: 'Label column',
    default: null,
    tasks: ['csv'],
    note: 'a column name, or `null`',
    help: 'The column holding the class of each row; null is the last column. Every other column must be numeric.',
  },
  standardize: {
    type: 'boolean',
    label: 'Standardise features',
    default: true,
    tasks: ['csv'],
    help: 'Scales each feature to mean 0 and standard deviation 1, with the statistics of the training rows only.',
  },
  imageSize: {
    type: 'number',
    label: 'Image size (pixels)',
    range: { min: 8, max: 128, integer: true },
    default: 28,
    tasks: ['images'],
    help: 'Every image is fitted into a square of this side (keeping its aspect ratio, padded with white), by area averaging.',
  },
  color: {
    type: 'choice',
    label: 'Colour',
    choices: [
      { value: 'grey', label: 'grey (1 channel)' },
      { value: 'rgb', label: 'RGB (3 channels)' },
    ] satisfies { value: (typeof IMAGE_COLORS)[number]; label: string }[],
    default: 'grey',
    tasks: ['images'],
    help: 'grey: one channel (Rec. 601 luma), as MNIST; rgb: three. The model\'s input is size × size × channels.',
  },
  invert: {
    type: 'boolean',
    label: 'Invert (light on dark)',
    default: false,
    tasks: ['images'],
    help: 'Each value v becomes 1 − v: dark drawings on white paper become light on dark, as MNIST\'s digits are.',
  },
  testFraction: {
    type: 'number',
    label: 'Test share',
    range: { min: 0, max: MAX_TEST_FRACTION },
    default: 0.2,
    tasks: COUNTED_TASKS,
    help: 'Share of the examples held out for testing, stratified by class and seeded; when none is held out (0, or too few examples) the test set is the training set.',
  },
  order: {
    type: 'choice',
    label: 'Order',
    choices: [
      { value: 'shuffled', label: 'shuffled' },
      { value: 'by-class', label: 'by class' },
      { value: 'one-class-first', label: 'one class first' },
    ] satisfies { value: (typeof DATA_ORDERS)[number]; label: string }[],
    default: 'shuffled',
    tasks: 'all',
    help: 'shuffled: a fresh seeded order every epoch. by-class: every 0, then every 1, … (no shuffling). one-class-first: every epoch starts with all examples of `firstClass`, then the rest shuffled.',
  },
  firstClass: {
    type: 'number',
    label: 'First class',
    range: { min: 0, max: 99, integer: true },
    default: 0,
    tasks: 'all',
    shown: (_, data) => data.order === 'one-class-first',
    note: "below the task's class count",
    help: 'The class fed first with `one-class-first`.',
  },
  seed: {
    type: 'number',
    label: 'Data seed',
    range: SEED,
    default: 1,
    tasks: 'all',
    help: 'Seeds the generated points, the stratified train/test split and the diagnostics probe batch.',
  },
} as const satisfies Record<string, DataField>;

export type DataFieldKey = keyof typeof DATA_FIELDS;
export const DATA_FIELD_KEYS = Object.keys(DATA_FIELDS) as DataFieldKey[];

export function appliesTo(key: DataFieldKey, task: Task): boolean {
  const tasks = (DATA_FIELDS[key] as DataField).tasks;
  return tasks === 'all' || tasks.includes(task);
}

/** The fields the data panel shows for a draft, in the table's order. */
export function shownFields(task: Task, data: DataOptions): DataFieldKey[] {
  return DATA_FIELD_KEYS.filter((key) => {
    const field = DATA_FIELDS[key] as DataField;
    return appliesTo(key, task) && (field.shown ? field.shown(task, data) : true);
  });
}

/** "spiral and points", "csv and images". */
export function tasksText(tasks: readonly Task[]): string {
  return tasks.length === 1 ? tasks[0] : `${tasks.slice(0, -1).join(', ')} and ${tasks.at(-1)}`;
}

export const NOISY_TASKS: readonly Task[] = ['xor', 'circle', 'gaussians', 'spiral'];
export { isPlaneTask };
