// Real recorded lesson events (tests/charts/fixtures) replayed into a TrainingController with a fake
// host, as the worker would deliver them: the charts see exactly what a trained lesson sends.
import batchnorm from '../charts/fixtures/batchnorm.jsonl?raw';
import dropout from '../charts/fixtures/dropout.jsonl?raw';
import initScale from '../charts/fixtures/init-scale.jsonl?raw';
import learningRate from '../charts/fixtures/learning-rate.jsonl?raw';
import type { TrainEvent } from '../../src/core/events';
import { experiment } from '../../src/core/experiment';
import { lessonById } from '../../src/lessons';
import type { TrainingController } from '../../src/state/training.svelte';
import { parseEvents } from '../support/events-jsonl';
import type { FakeHost } from './fake-host';

const RECORDED = { 'learning-rate': learningRate, 'init-scale': initScale, batchnorm, dropout } as const;
export type RecordedLesson = keyof typeof RECORDED;

export function recordedEvents(id: RecordedLesson): TrainEvent[] {
  return parseEvents(RECORDED[id], `${id}.jsonl`);
}

/** Starts the lesson's experiment on the controller and delivers its recorded events in chunks. */
export function replayLesson(training: TrainingController, host: FakeHost, id: RecordedLesson, chunk = 200): TrainEvent[] {
  const lesson = lessonById(id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  training.train(experiment(lesson.experiment), 'cpu');
  const events = recordedEvents(id);
  for (let i = 0; i < events.length; i += chunk) host.push({ type: 'events', events: events.slice(i, i + chunk) });
  host.push({ type: 'finished' });
  return events;
}
