// A cheap assertion for fuzz properties: vitest's expect costs tens of microseconds a call, which
// over thousands of cases and several checks each was most of these files' run time. A failure
// throws, and fast-check reports it with the shrunk counterexample.
import { isDeepStrictEqual } from 'node:util';

export function holds(condition: boolean, what: () => string): asserts condition {
  if (!condition) throw new Error(what());
}

export function sameValue(actual: unknown, expected: unknown, what: () => string): void {
  if (!isDeepStrictEqual(actual, expected)) throw new Error(`${what()}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}
