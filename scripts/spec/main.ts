/**
 * `npm run spec`: writes docs/SPEC.md, docs/SPEC.html and the two diagrams.
 */
import { writeFileSync } from 'node:fs';
import { generate } from './generate.ts';

for (const [file, text] of Object.entries(generate())) writeFileSync(file, text);
console.log(`wrote ${generate.files.join(', ')}`);
