/** Where invalid JSON first goes wrong (line, column, message), from jsonc-parser; loaded only when
 *  an output schema first fails `JSON.parse` (its only importer), so it stays off the first page. */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { invalidAt, type SchemaCheck } from './output-schema-check';

const MESSAGES: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: 'Expected colon',
  CommaExpected: 'Expected comma',
  CloseBraceExpected: 'Expected closing }',
  CloseBracketExpected: 'Expected closing ]',
  EndOfFileExpected: 'Unexpected text after the end of the JSON',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Comments are not allowed in JSON',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Incomplete number',
  InvalidUnicode: 'Invalid \\u escape',
  InvalidEscapeCharacter: 'Invalid escape sequence',
  InvalidCharacter: 'Control character in a string (write \\n or \\t instead)',
};

/** Where inside the reported string token the raw control character or bad escape sits. */
function badCharacter(text: string, token: ParseError, control: boolean): number {
  for (let at = token.offset + 1; at < token.offset + token.length; at++) {
    const ch = text[at]!;
    if (control) {
      if (ch < ' ') return at;
    } else if (ch === '\\') {
      const next = text[at + 1] ?? '';
      const ok =
        next === 'u'
          ? /^[0-9a-f]{4}$/i.test(text.slice(at + 2, at + 6))
          : '"\\/bfnrt'.includes(next);
      if (!ok) return at;
      at++;
    }
  }
  return token.offset;
}

/** Finds the first error the way a person would fix it, or null if jsonc-parser sees none. */
export function locateJsonError(text: string): SchemaCheck | null {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return null;
  const code = printParseErrorCode(first.error);
  const token = text.slice(first.offset, first.offset + first.length);
  // `{"a": 1,}` is reported at the `}`; the fix is at the comma, so point there.
  if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && /^[}\]]/.test(token)) {
    const before = text.slice(0, first.offset).trimEnd();
    if (before.endsWith(',')) return invalidAt(text, 'Trailing comma', before.length - 1);
  }
  // String errors are reported at the string's opening quote; point at the offending character.
  if (
    code === 'InvalidCharacter' ||
    code === 'InvalidEscapeCharacter' ||
    code === 'InvalidUnicode'
  ) {
    return invalidAt(text, MESSAGES[code]!, badCharacter(text, first, code === 'InvalidCharacter'));
  }
  if (code === 'InvalidSymbol') {
    const message = token.startsWith("'")
      ? 'Use double quotes, not single quotes'
      : `Unexpected "${token.length > 20 ? token.slice(0, 20) + '…' : token}"`;
    return invalidAt(text, message, first.offset);
  }
  return invalidAt(text, MESSAGES[code] ?? 'Invalid JSON', first.offset);
}
