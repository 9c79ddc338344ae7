/**
 * The import rules of DESIGN.md §1 that keep the two sides independent: reference/ (written
 * from the kernel C) imports nothing from model/, properties/, immer or ts-pattern, and model/
 * imports nothing from reference/. Every import specifier of every .ts file is checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Module specifiers of static imports/exports, dynamic import() and require(). */
export function specifiers(source: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) out.push(m[1]!);
  return out;
}

/** Where a specifier points: a repo-relative path for relative ones, else the package name. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  return relative(ROOT, resolve(ROOT, dirname(file), spec));
}

function violations(dir: string, forbidden: (t: string) => boolean): string[] {
  const out: string[] = [];
  for (const file of tsFiles(dir)) {
    for (const spec of specifiers(readFileSync(join(ROOT, file), 'utf8'))) {
      if (forbidden(target(file, spec))) out.push(`${file} imports ${spec}`);
    }
  }
  return out;
}

const under = (t: string, dir: string): boolean => t === dir || t.startsWith(`${dir}/`);
const pkg = (t: string, name: string): boolean => t === name || t.startsWith(`${name}/`);

describe('import boundaries', () => {
  it('the scanner sees every kind of specifier', () => {
    const src = [
      "import { a } from '../model/x.ts';",
      "import type { B } from 'immer';",
      "export * from './y.ts';",
      "export { c } from 'ts-pattern';",
      "import 'side-effect';",
      "const m = await import('../properties/z.ts');",
      "const r = require('fast-check');",
      'import {\n  d,\n  e,\n} from "../reference/w.ts";',
    ].join('\n');
    expect(specifiers(src)).toEqual([
      '../model/x.ts',
      'immer',
      './y.ts',
      'ts-pattern',
      'side-effect',
      '../reference/w.ts',
      '../properties/z.ts',
      'fast-check',
    ]);
  });

  it('reference/ has files to check', () => {
    expect(tsFiles('reference').length).toBeGreaterThan(20);
  });

  it('reference/ imports nothing from model/, properties/, immer or ts-pattern', () => {
    expect(
      violations(
        'reference',
        (t) =>
          under(t, 'model') || under(t, 'properties') || pkg(t, 'immer') || pkg(t, 'ts-pattern'),
      ),
    ).toEqual([]);
  });

  it('model/ imports nothing from reference/', () => {
    expect(violations('model', (t) => under(t, 'reference'))).toEqual([]);
  });
});
