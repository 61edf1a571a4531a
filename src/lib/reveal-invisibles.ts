/** Makes characters a reader cannot see visible as their code point (`U+202E`): direction
 *  overrides, zero-width characters, BOMs, controls; more than four combining marks on one
 *  character become their count. Pure; `components/safe-text.tsx` renders the pieces. */

/** Invisible or direction-changing: bidi embeddings, overrides and isolates; marks (LRM, RLM,
 *  ALM); zero-width space, non-joiner, joiner, word joiner and invisible operators; the BOM;
 *  soft hyphen; Mongolian vowel separator; C0/C1 controls except tab and newline; and combining
 *  marks after four in a row. */
const INVISIBLE =
  // Matching control characters is the point here.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|(?<=\p{M}{4})\p{M}+/gu;

export type TextPiece = { text: string } | { hidden: string };

/** `U+202E` for a hidden character; `+596 marks` for a run of combining marks past the cap. */
export function codePointLabel(hidden: string): string {
  const length = [...hidden].length;
  return length > 1
    ? `+${length} marks`
    : `U+${(hidden.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text split into runs of ordinary text and hidden pieces (one character, or the marks
 *  past the cap), in order. */
export function revealInvisibles(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(INVISIBLE)) {
    const index = match.index;
    if (index > last) pieces.push({ text: text.slice(last, index) });
    pieces.push({ hidden: match[0] });
    last = index + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}

/** The text with every hidden character replaced by its label, for titles and attributes. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (hidden) => `[${codePointLabel(hidden)}]`);
}

export function hasInvisibles(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}
