import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES } from '../model/actions.ts';
import { FORMAT } from '../properties/counterexample.ts';

const schema = JSON.parse(readFileSync('schema/counterexample.schema.json', 'utf8'));

describe('schema/counterexample.schema.json', () => {
  it('describes the format the code reads and writes', () => {
    expect(schema.properties.format.const).toBe(FORMAT);
    expect(schema.$defs.action.properties.type.enum).toEqual([...ACTION_TYPES]);
    expect(schema.required).toEqual([
      'format',
      'kernel',
      'property',
      'seed',
      'path',
      'boot',
      'implementation',
      'actions',
      'expected',
      'observed',
      'message',
    ]);
  });
});
