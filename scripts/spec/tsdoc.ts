/**
 * Reading the model's own source with the TypeScript compiler: which reducer handles each
 * action (from step.ts), the TSDoc of functions, and the fields of each action type.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/** A function's TSDoc: summary, @see and @remarks. */
export interface Doc {
  readonly summary: string;
  readonly see: string;
  readonly remarks: string;
}

const source = (file: string) =>
  ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
const text = (c: string | ts.NodeArray<ts.JSDocComment> | undefined): string =>
  (typeof c === 'string' ? c : (c ?? []).map((p) => p.text).join('')).replace(/\s+/g, ' ').trim();

/** The TSDoc of the function `name` declared in `file`. */
export function docOf(file: string, name: string): Doc {
  let found: Doc | undefined;
  source(file).forEachChild((node) => {
    if (!ts.isFunctionDeclaration(node) || node.name?.text !== name) return;
    const jsdoc = ts.getJSDocCommentsAndTags(node).find(ts.isJSDoc);
    const tag = (t: string) => {
      const found = jsdoc?.tags?.find((x) => x.tagName.text === t);
      return found
        ? found
            .getText()
            .replace(/^@\w+/, '')
            .replace(/\n\s*\*\/?/g, ' ')
            .replace(/\s+/g, ' ')
            .trim()
        : '';
    };
    found = { summary: text(jsdoc?.comment), see: tag('see'), remarks: tag('remarks') };
  });
  if (!found) throw new Error(`${file}: no function ${name}`);
  return found;
}

/** Action type → [file, reducer function], read from the REDUCERS table of step.ts. */
export function reducers(stepFile: string): Map<string, readonly [string, string]> {
  const src = readFileSync(stepFile, 'utf8');
  const imports = new Map<string, string>();
  for (const m of src.matchAll(/import \{([^}]+)\} from '(\.[^']+)'/g)) {
    for (const n of m[1]!.split(',')) imports.set(n.trim(), join(dirname(stepFile), m[2]!));
  }
  const out = new Map<string, readonly [string, string]>();
  for (const m of src.matchAll(/^ {2}(\w+): (\w+),$/gm))
    out.set(m[1]!, [imports.get(m[2]!)!, m[2]!]);
  return out;
}

/** Action type → its fields (`name`, `name?`), read from the Action union of actions.ts. */
export function actionFields(actionsFile: string): Map<string, string[]> {
  const sf = source(actionsFile);
  const aliases = new Map<string, ts.TypeLiteralNode>();
  const out = new Map<string, string[]>();
  const members = (lit: ts.TypeLiteralNode) => lit.members.filter(ts.isPropertySignature);
  const record = (lit: ts.TypeLiteralNode, types: string[]) => {
    const fields = members(lit)
      .filter((m) => m.name.getText() !== 'type')
      .map(
        (m) =>
          `${m.name.getText()}${m.questionToken ? '?' : ''}: ${m
            .type!.getText()
            .replace(/\s+/g, ' ')
            .replace(/readonly /g, '')}`,
      );
    for (const t of types) out.set(t, fields);
  };
  sf.forEachChild((n) => {
    if (ts.isInterfaceDeclaration(n))
      aliases.set(n.name.text, ts.factory.createTypeLiteralNode(n.members) as ts.TypeLiteralNode);
  });
  sf.forEachChild((n) => {
    if (!ts.isTypeAliasDeclaration(n) || n.name.text !== 'Action' || !ts.isUnionTypeNode(n.type))
      return;
    for (const t of n.type.types) {
      const lit = ts.isTypeLiteralNode(t) ? t : aliases.get(t.getText());
      const typeMember = members(lit!).find((m) => m.name.getText() === 'type')!;
      const names = [...typeMember.type!.getText().matchAll(/'(\w+)'/g)].map((m) => m[1]!);
      record(lit!, names);
    }
  });
  return out;
}
