// Writes docs/lessons.md: trains every lesson and its controls once (wasm; XOR on cpu, where tiny
// nets are faster) and writes what src/lessons/markdown.ts makes of them.
//   npm run docs:lessons                  all lessons
//   npm run docs:lessons -- momentum      one lesson, printed instead of written
import { writeFileSync } from 'node:fs';
import { useBackend } from '../src/core/backend';
import { readMnistFile } from '../src/data/node-source';
import { LESSONS } from '../src/lessons';
import { lessonsMarkdown, lessonSection, type LessonRecord } from '../src/lessons/markdown';
import { runControl, runLesson } from '../src/lessons/run-lesson';
import { describe } from '../src/cli/conv-command';
import { convolveByHand, parseMatrix, poolByHand } from '../src/core/conv-by-hand';

const only = process.argv.slice(2);
const unknown = only.filter((id) => !LESSONS.some((l) => l.id === id));
if (unknown.length) {
  console.error(`error: no lesson ${unknown.join(', ')} (npm run lab -- lessons lists them)`);
  process.exit(2);
}
const digits = readMnistFile();
const records: LessonRecord[] = [];
for (const lesson of LESSONS.filter((l) => only.length === 0 || only.includes(l.id))) {
  const backend = lesson.experiment && (lesson.experiment as { task?: string }).task === 'xor' ? 'cpu' : 'wasm';
  await useBackend(backend);
  const result = await runLesson(lesson, () => digits);
  const controls = [];
  for (const c of lesson.controls) controls.push({ id: c.id, result: await runControl(lesson, c, () => digits, { reuse: result.outcome }) });
  records.push({ lesson, backend, result, controls });
  console.error(`${lesson.id}: the claim ${result.claim.held ? 'held' : 'did NOT hold'}; controls: ${controls.map((c) => `${c.id} ${c.result.claim.held ? 'HELD' : 'did not hold'}`).join(', ')}`);
}
if (only.length) console.log(records.map(lessonSection).join('\n'));
else writeFileSync('docs/lessons.md', `${lessonsMarkdown(records, 'npm run docs:lessons')}\n${byHand()}\n`);

/** The by-hand calculator's own output for the issue's example and a pooling one. */
function byHand(): string {
  const matrix = (text: string) => {
    const m = parseMatrix(text, 'input');
    if (!m.ok) throw new Error(m.errors.join('; '));
    return m.value;
  };
  const conv = convolveByHand({ input: matrix('0 1 0; 1 1 0; 0 0 1'), filter: matrix('1 0; 0 1'), stride: 1, pad: 0 });
  const pool = poolByHand({ input: matrix('1 3 2 0; 4 2 1 1; 0 0 5 6; 1 2 7 8'), kind: 'max', window: 2 });
  if (!conv.ok || !pool.ok) throw new Error('the by-hand examples failed');
  return [
    '## Convolution and pooling by hand',
    '',
    '`src/core/conv-by-hand.ts` works a convolution or a pooling out the way a student does on paper. From the command line:',
    '',
    '```',
    '$ npm run lab -- conv --input "0 1 0; 1 1 0; 0 0 1" --filter "1 0; 0 1" --stride 1 --pad 0',
    describe(conv.value),
    '```',
    '',
    '```',
    '$ npm run lab -- conv --input "1 3 2 0; 4 2 1 1; 0 0 5 6; 1 2 7 8" --pool max --window 2',
    describe(pool.value),
    '```',
    '',
    'Rows are separated by `;`, numbers by spaces; `--json` prints the same as JSON. A matrix with ragged rows or something that is not a number, a filter larger than the padded input, or an output size that is not a whole number exits with status 2 and says which.',
  ].join('\n');
}
