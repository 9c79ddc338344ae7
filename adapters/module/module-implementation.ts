/**
 * An implementation in a JavaScript/TypeScript module: its default export (or an export
 * named `factory`) makes a fresh implementation for each run.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Factory } from '../../properties/implementation.ts';
import { ImplementationError } from '../../properties/implementation-error.ts';

/** Loads the factory exported by the module at `path`. */
export async function moduleImplementation(path: string): Promise<Factory> {
  const file = resolve(path);
  if (!existsSync(file)) throw new ImplementationError(`${path}: no such file`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    throw new ImplementationError(`${path}: cannot load (${(e as Error).message.split('\n')[0]})`);
  }
  const factory = mod.default ?? mod.factory;
  if (typeof factory !== 'function') {
    throw new ImplementationError(
      `${path}: expected a default export or an export named "factory" that makes an implementation, found exports: ${Object.keys(mod).join(', ') || 'none'}`,
    );
  }
  return factory as Factory;
}
