// What one start was asked for: Train after Reset continues that start only if nothing changed.
import type { BackendRequest } from '../core/backend';
import type { ExperimentDoc } from '../core/experiment-types';
import { stackRuns } from '../core/stacks';
import type { StartOptions } from '../worker/protocol';

export interface Started {
  doc: ExperimentDoc;
  key: string;
  /** Which runs train together: run names, one list per stack. */
  stacks: string[][];
  /** Reset's start: built at step 0, paused until Train. */
  ready: boolean;
  backend: BackendRequest;
  options: StartOptions;
}

export function describeStart(doc: ExperimentDoc, backend: BackendRequest, options: StartOptions, ready: boolean): Started {
  const stacks = stackRuns(doc.runs, options.stacking ?? true).map((stack) => stack.map((i) => doc.runs[i].name));
  return { doc, key: startKey(doc, backend, options), ready, stacks, backend, options };
}

/** Two starts are the same when they train the same document with the same settings. */
export function startKey(doc: ExperimentDoc, backend: BackendRequest, options: StartOptions): string {
  return JSON.stringify({ doc, backend, stepsOverride: options.stepsOverride ?? null, stacking: options.stacking ?? true });
}
