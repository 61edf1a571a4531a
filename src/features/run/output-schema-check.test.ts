import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  blocksRun,
  checkOutputSchema,
  looksLikeJson,
  prettyJson,
  useOutputSchemaCheck,
  type SchemaCheck,
} from './output-schema-check';
import { locateJsonError } from './json-error-locator';

const check = (text: string, plain = false) => checkOutputSchema(text, plain, locateJsonError);

function errorOf(text: string) {
  const result = check(text);
  if (result.kind !== 'invalid-json') throw new Error(`expected invalid-json, got ${result.kind}`);
  return result;
}

describe('looksLikeJson', () => {
  it.each([
    ['{"a": 1}', true],
    ['  \n [1, 2]', true],
    ['{ broken', true],
    ['Extract the invoice total', false],
    ['"just a string"', false],
    ['', false],
    ['total: number {like this}', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeJson(text)).toBe(expected);
  });
});

describe('checkOutputSchema', () => {
  it('is empty for blank text, whatever the plain-language flag', () => {
    expect(check('   \n ')).toEqual({ kind: 'empty' });
    expect(check('', true)).toEqual({ kind: 'empty' });
  });

  it('treats words as plain language and never parses them', () => {
    expect(check('The invoice number and the total, as a number')).toEqual({ kind: 'plain' });
  });

  it('skips the check when the user marks JSON-looking text as plain language', () => {
    expect(check('{"a": 1,,}', true)).toEqual({ kind: 'plain' });
  });

  it('pretty-prints valid JSON with two spaces', () => {
    expect(check('{"line_items":[{"sku":"string","qty":"number"}],"notes":{}}')).toEqual({
      kind: 'json',
      pretty: [
        '{',
        '  "line_items": [',
        '    {',
        '      "sku": "string",',
        '      "qty": "number"',
        '    }',
        '  ],',
        '  "notes": {}',
        '}',
      ].join('\n'),
    });
  });

  it('points at a missing comma on a later line', () => {
    const text = '{\n  "a": "string",\n  "b": "number"\n    "c": "string"\n}';
    expect(errorOf(text)).toMatchObject({
      message: 'Expected comma',
      line: 4,
      column: 5,
      offset: text.indexOf('"c"'),
    });
  });

  it('points at a trailing comma itself, not at the bracket after it', () => {
    const text = '{\n  "a": "string",\n}';
    expect(errorOf(text)).toMatchObject({ message: 'Trailing comma', line: 2, column: 16 });
    expect(errorOf('["a", "b",   ]')).toMatchObject({ message: 'Trailing comma', column: 10 });
  });

  it('counts lines the same way for CRLF text', () => {
    expect(errorOf('{\r\n"a": 1\r\n"b": 2}')).toMatchObject({ line: 3, column: 1 });
  });

  it('reports a missing colon, an unclosed object and text after the end', () => {
    expect(errorOf('{"a" 1}')).toMatchObject({ message: 'Expected colon', line: 1, column: 6 });
    expect(errorOf('{\n  "a": 1')).toMatchObject({
      message: 'Expected closing }',
      line: 2,
      column: 9,
    });
    expect(errorOf('{"a": 1}}')).toMatchObject({
      message: 'Unexpected text after the end of the JSON',
      column: 9,
    });
  });

  it('names the unexpected token and explains single quotes', () => {
    expect(errorOf('{"a": tru}')).toMatchObject({ message: 'Unexpected "tru"', column: 7 });
    expect(errorOf("{'a': 1}")).toMatchObject({
      message: 'Use double quotes, not single quotes',
      column: 2,
    });
  });

  it('points inside a string at a raw tab or a bad escape', () => {
    expect(errorOf('{"a": "x\ty"}')).toMatchObject({ column: 9 });
    expect(errorOf('{"a": "ok\\n then \\q"}')).toMatchObject({
      message: 'Invalid escape sequence',
      column: 18,
    });
  });

  it('is "checking" while the locator has not loaded, and falls back without it', () => {
    expect(checkOutputSchema('{"a": 1,}', false, null)).toEqual({ kind: 'checking' });
    const fallback = checkOutputSchema('{"a": 1,}', false, 'unavailable');
    expect(fallback.kind).toBe('invalid-json');
  });
});

describe('prettyJson', () => {
  it('matches JSON.stringify for ordinary documents', () => {
    const text = ' [ {"a" : [1, 2, {"b": null}], "c": "x, y: {z}"}, [], true ] ';
    expect(prettyJson(text)).toBe(JSON.stringify(JSON.parse(text), null, 2));
  });

  it('keeps tokens as written: big numbers, escapes and quotes inside strings', () => {
    expect(prettyJson('{"n":12345678901234567890,"s":"caf\\u00e9 \\"q\\" \\\\"}')).toBe(
      '{\n  "n": 12345678901234567890,\n  "s": "caf\\u00e9 \\"q\\" \\\\"\n}',
    );
  });
});

describe('blocksRun', () => {
  it.each<[SchemaCheck, boolean]>([
    [{ kind: 'empty' }, false],
    [{ kind: 'plain' }, false],
    [{ kind: 'json', pretty: '{}' }, false],
    [{ kind: 'checking' }, true],
    [{ kind: 'invalid-json', message: 'x', line: 1, column: 1, offset: 0 }, true],
  ])('%j → %s', (value, expected) => {
    expect(blocksRun(value)).toBe(expected);
  });
});

describe('useOutputSchemaCheck', () => {
  it('reports validity at once and locates an error after loading the parser', async () => {
    const { result, rerender } = renderHook(
      ({ text, plain }) => useOutputSchemaCheck(text, plain),
      { initialProps: { text: '{"a": 1}', plain: false } },
    );
    expect(result.current).toEqual({ kind: 'json', pretty: '{\n  "a": 1\n}' });

    rerender({ text: '{"a": 1\n "b": 2}', plain: false });
    // The first invalid text in this module's life: the parser is still on its way.
    expect(result.current).toEqual({ kind: 'checking' });
    await waitFor(() => expect(result.current.kind).toBe('invalid-json'));
    expect(result.current).toMatchObject({ message: 'Expected comma', line: 2, column: 2 });

    rerender({ text: '{"a": 1\n "b": 2}', plain: true });
    expect(result.current).toEqual({ kind: 'plain' });
  });
});
