import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../scripts/spec/generate.ts';

describe('docs/SPEC.md and the diagrams', () => {
  it('are up to date with the model (run `npm run spec` after changing it)', () => {
    for (const [file, text] of Object.entries(generate())) {
      expect(readFileSync(file, 'utf8'), `${file} is stale: run npm run spec`).toBe(text);
    }
  });
});
