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
else writeFileSync('docs/lessons.md', `${lessonsMarkdown(records, 'npm run docs:lessons')}\n`);
