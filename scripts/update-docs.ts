// `npm run docs`: rewrites the tables of docs/experiment.md that come from the code (see fields-docs.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { withGeneratedTables } from '../src/core/fields-docs';

const path = new URL('../docs/experiment.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withGeneratedTables(before);
writeFileSync(path, after);
console.log(before === after ? 'docs/experiment.md is up to date' : 'docs/experiment.md: generated tables rewritten');
