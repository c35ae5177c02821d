// Argument parsing shared by the commands: strict options (an unknown or misspelt flag is an error,
// never ignored), whole numbers written as plain decimal digits, and comma-separated choices.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util's parseArgs in strict mode, its errors reported as usage errors (status 2). */
export function parseOptions<O extends Options>(args: string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * Number() reads "0x10", "1e3", "+5", " 5" and "5.0" as whole numbers, which a user who typed them
 * rarely meant; only decimal digits without a sign or leading zero are accepted, then the range.
 */
export function decimalInteger(text: string, flag: string, lo: number, hi: number): number {
  const range = `a whole number from ${lo.toLocaleString('en-US')} to ${hi.toLocaleString('en-US')}`;
  if (!/^[1-9][0-9]*$/.test(text) && text !== '0') {
    throw new UsageError(`${flag} must be ${range}, written in decimal digits (no sign, exponent, point or 0x), got ${JSON.stringify(text)}`);
  }
  // Compared as a number only once it is known to be digits; a 30-digit value is still out of range.
  const value = Number(text);
  if (value < lo || value > hi) throw new UsageError(`${flag} must be ${range}, got ${text}`);
  return value;
}

/** "a,b": each entry one of `allowed`, no empty entries; absent means all of them. Duplicates count once. */
export function choiceList<T extends string>(text: string | undefined, allowed: readonly T[], flag: string): T[] {
  if (text === undefined) return [...allowed];
  const chosen = text.split(',').map((s) => s.trim());
  const among = `${flag} takes names from ${allowed.join(', ')}, separated by commas`;
  if (chosen.some((c) => c === '')) throw new UsageError(`${among}; got ${JSON.stringify(text)}, which has an empty entry`);
  const bad = chosen.filter((c) => !(allowed as readonly string[]).includes(c));
  if (bad.length) throw new UsageError(`${among}; got ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
  return [...new Set(chosen)] as T[];
}
