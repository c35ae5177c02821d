// Which pictures lead the stage: the open lesson's own (its `headline`), or the task's natural one.
import type { Task } from '../../core/experiment-types';
import { isPlaneTask } from '../../core/tasks';
import type { HeadlinePicture, Lesson } from '../../lessons/lesson';
import type { ChartKind } from '../charts/chart-props';

export function headlineOf(lesson: Lesson | null, task: Task): readonly HeadlinePicture[] {
  if (lesson?.headline?.length) return lesson.headline;
  if (lesson?.valley) return [{ view: 'valley' }, { view: 'metric', kind: 'loss' }];
  if (isPlaneTask(task)) return [{ view: 'boundary' }, { view: 'metric', kind: 'loss' }];
  return [{ view: 'metric', kind: 'loss' }, { view: 'metric', kind: 'accuracy' }];
}

/** The charts below the headline: every default chart the headline does not already show as a chart. */
export function secondaryCharts(pictures: readonly HeadlinePicture[], all: readonly ChartKind[]): ChartKind[] {
  const shown = new Set(pictures.flatMap((p) => (p.view === 'metric' ? [p.kind] : p.view === 'layer' && (p.layer ?? 'all') === 'all' ? [p.metric] : [])));
  return all.filter((kind) => !shown.has(kind));
}
