import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES } from '../model/actions.ts';
import { KERNELS } from '../model/kernels.ts';
import { EVENT_TYPES } from '../properties/json.ts';
import { FORMAT } from '../properties/counterexample.ts';

const schema = JSON.parse(readFileSync('schema/counterexample.schema.json', 'utf8'));

describe('schema/counterexample.schema.json', () => {
  it('describes the format the code reads and writes', () => {
    expect(schema.properties.format.const).toBe(FORMAT);
    expect(schema.$defs.action.properties.type.enum).toEqual([...ACTION_TYPES]);
    expect(schema.$defs.event.properties.type.enum).toEqual([...EVENT_TYPES]);
    expect(schema.properties.kernel.enum).toEqual([...KERNELS]);
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
