// The lesson verdicts on WebGL, the backend students train on: the same claims and controls as
// tests/lessons/, with the digits fetched the way the page fetches them.
import { it } from 'vitest';
import { useBackend } from '../../src/core/backend';
import { loadMnist, type MnistDigits } from '../../src/data/mnist';
import { expectVerdicts, judgeOnCurrentBackend } from '../lessons/verdicts';

let digits: Promise<MnistDigits> | null = null;
const fetchDigits = () =>
  (digits ??= loadMnist(async (url) => {
    const response = await fetch(`/${url}`);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }));

/** Software WebGL (SwiftShader) compiles and runs every shader on the CPU: minutes per lesson on two cores. */
const PER_LESSON_MS = 900_000;

export function lessonsOnWebgl(ids: string[]): void {
  it.each(ids)('%s: the claim holds on WebGL and not on its controls', async (id) => {
    await useBackend('webgl');
    expectVerdicts(await judgeOnCurrentBackend(id, fetchDigits));
  }, PER_LESSON_MS);
}
