/** Checks the `Output schema` text as it is typed: `JSON.parse` decides validity for text that
 *  starts like JSON; only a failure loads jsonc-parser, lazily, to say where. `pretty` re-indents
 *  token by token so the text itself is never rewritten. */
import { useEffect, useMemo, useState } from 'react';

export type SchemaCheck =
  | { kind: 'empty' }
  | { kind: 'plain' }
  | { kind: 'json'; pretty: string }
  | { kind: 'invalid-json'; message: string; line: number; column: number; offset: number }
  | { kind: 'checking' };

/** Finds the first syntax error of invalid JSON (`json-error-locator.ts`, loaded on demand). */
export type JsonErrorLocator = (text: string) => SchemaCheck | null;

/** True when the trimmed text starts like JSON (`{` or `[`). */
export function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

/** Invalid JSON blocks `Run`; so does `checking`, which only ever follows a failed parse. */
export function blocksRun(check: SchemaCheck): boolean {
  return check.kind === 'invalid-json' || check.kind === 'checking';
}

/** Re-indents valid JSON with two spaces, keeping every token exactly as written. */
export function prettyJson(text: string): string {
  let out = '';
  let depth = 0;
  const newline = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end;
    } else if (ch === '{' || ch === '[') {
      let next = i + 1;
      while (/\s/.test(text[next] ?? '')) next++;
      if (text[next] === '}' || text[next] === ']') {
        out += ch + text[next];
        i = next;
      } else {
        depth++;
        out += ch + newline();
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      out += newline() + ch;
    } else if (ch === ',') out += ',' + newline();
    else if (ch === ':') out += ': ';
    else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

export function invalidAt(text: string, message: string, offset: number): SchemaCheck {
  return { kind: 'invalid-json', message, offset, ...lineAndColumn(text, offset) };
}

/** Last resort when the parser cannot load (offline) or disagrees: the engine's own words. */
function fromParseError(text: string, error: unknown): SchemaCheck {
  const message = error instanceof Error ? error.message : 'Invalid JSON';
  const position = /position (\d+)/.exec(message)?.[1];
  return invalidAt(text, message, position ? Math.min(Number(position), text.length) : 0);
}

/**
 * The pure check. `parser` is jsonc-parser once loaded, `null` while loading (→ `checking` for
 * invalid JSON) or `'unavailable'` when loading failed.
 */
export function checkOutputSchema(
  text: string,
  plainLanguage: boolean,
  parser: JsonErrorLocator | null | 'unavailable',
): SchemaCheck {
  if (text.trim() === '') return { kind: 'empty' };
  if (plainLanguage || !looksLikeJson(text)) return { kind: 'plain' };
  try {
    JSON.parse(text);
    return { kind: 'json', pretty: prettyJson(text) };
  } catch (error) {
    if (parser === null) return { kind: 'checking' };
    return (parser !== 'unavailable' && parser(text)) || fromParseError(text, error);
  }
}

let loaded: JsonErrorLocator | null = null;
let loading: Promise<JsonErrorLocator> | null = null;

function loadParser(): Promise<JsonErrorLocator> {
  loading ??= import('./json-error-locator').then(
    (module) => (loaded = module.locateJsonError),
    (error: unknown) => {
      loading = null; // a later invalid edit may try again (e.g. back online)
      throw error;
    },
  );
  return loading;
}

/**
 * Hook: checks `text`; JSON.parse decides validity synchronously; when invalid, jsonc-parser
 * (lazy `import('jsonc-parser')`, never in the first-page bundle) locates the first error's
 * line/column.
 */
export function useOutputSchemaCheck(text: string, plainLanguage: boolean): SchemaCheck {
  const [parser, setParser] = useState<JsonErrorLocator | null | 'unavailable'>(() => loaded);
  const check = useMemo(
    () => checkOutputSchema(text, plainLanguage, parser),
    [text, plainLanguage, parser],
  );
  const needsParser = check.kind === 'checking';
  useEffect(() => {
    if (!needsParser) return;
    let live = true;
    loadParser().then(
      (locate) => live && setParser(() => locate),
      () => live && setParser('unavailable'),
    );
    return () => {
      live = false;
    };
  }, [needsParser]);
  return check;
}
