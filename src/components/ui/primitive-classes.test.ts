/** Callers set a primitive's look through its props; `className` only places it (`cn` resolves no
 *  conflicts, so an overriding class would lose or win by stylesheet order). */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SOURCES = import.meta.glob<string>(['/src/**/*.tsx', '!/src/**/*.test.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Placement: margins, width, flex and grid placement, display (usually per breakpoint). */
const PLACEMENT =
  /^-?(m[trblxyse]?-|w-|min-w-|max-w-|basis-|shrink|grow|flex-1$|self-|justify-self-|order-|col-|row-|hidden$|block$|inline-flex$)/;
/** What each primitive leaves to its caller beyond placement. */
const ALSO_ALLOWED: Record<string, RegExp> = {
  Skeleton: /^h-/, // a skeleton takes the height of what it stands for
};
const PRIMITIVES = new Set(['Button', 'Badge', 'Skeleton', 'Alert', 'ApiErrorAlert']);

function literalClasses(node: ts.Node): string[] {
  if (ts.isStringLiteralLike(node)) return node.text.split(/\s+/).filter(Boolean);
  const found: string[] = [];
  node.forEachChild((child) => void found.push(...literalClasses(child)));
  return found;
}

function overrides(path: string, source: string): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const problems: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      const name = node.tagName.getText(file);
      for (const attribute of node.attributes.properties) {
        if (!PRIMITIVES.has(name) || !ts.isJsxAttribute(attribute)) continue;
        if (attribute.name.getText(file) !== 'className' || !attribute.initializer) continue;
        for (const cls of literalClasses(attribute.initializer)) {
          const base = cls.slice(cls.lastIndexOf(':') + 1);
          if (PLACEMENT.test(base) || ALSO_ALLOWED[name]?.test(base)) continue;
          const line = file.getLineAndCharacterOfPosition(attribute.getStart(file)).line + 1;
          problems.push(`${path}:${line} <${name}> ${cls}`);
        }
      }
    }
    node.forEachChild(visit);
  };
  visit(file);
  return problems;
}

describe('primitive classes', () => {
  it('reads the sources', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50);
  });

  it('no caller overrides the look of Button, Badge, Skeleton or Alert', () => {
    const problems = Object.entries(SOURCES).flatMap(([path, source]) => overrides(path, source));
    expect(problems).toEqual([]);
  });

  it('flags a class that changes the look', () => {
    const source = `const a = <Button size="sm" className="mt-1 text-danger" />;
      const b = <Skeleton className="h-5 w-24 rounded-full md:hidden" />;`;
    expect(overrides('x.tsx', source)).toEqual([
      'x.tsx:1 <Button> text-danger',
      'x.tsx:2 <Skeleton> rounded-full',
    ]);
  });
});
