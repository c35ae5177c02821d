// Reads recorded engine events (one JSON object per line, as `lab run --json` prints them) into
// TrainEvents, naming the line of anything that is not one. Works on text, so Node tests read the
// file and browser tests import it with `?raw`.
import type { TrainEvent } from '../../src/core/events';

const TYPES = new Set(['metrics', 'eval', 'layers', 'timing', 'diverged', 'done']);

export function parseEvents(text: string, source = 'events'): TrainEvent[] {
  const events: TrainEvent[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new Error(`${source}:${i + 1}: not JSON (${(err as Error).message})`);
    }
    const type = (value as { type?: unknown })?.type;
    if (typeof type !== 'string') throw new Error(`${source}:${i + 1}: no "type" field`);
    if (TYPES.has(type)) events.push(value as TrainEvent);
  });
  return events;
}
