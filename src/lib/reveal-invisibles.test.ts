import { describe, expect, it } from 'vitest';
import { hasInvisibles, revealInvisibles, visibleText } from './reveal-invisibles';

describe('revealInvisibles', () => {
  it('shows a right-to-left override for what it is, so "exe.png" cannot pretend', () => {
    expect(revealInvisibles('\u202Egnp.exe')).toEqual([{ hidden: '\u202E' }, { text: 'gnp.exe' }]);
    expect(visibleText('\u202Egnp.exe')).toBe('[U+202E]gnp.exe');
  });

  it('reveals zero-width characters, marks, isolates, BOMs and controls; keeps tabs, newlines and ordinary text', () => {
    const text = 'a\u200Bb\u200Dc\u200Ed\u2067e\uFEFFf\u0007g\th\ni';
    expect(visibleText(text)).toBe('a[U+200B]b[U+200D]c[U+200E]d[U+2067]e[U+FEFF]f[U+0007]g\th\ni');
    expect(hasInvisibles(text)).toBe(true);
    expect(hasInvisibles('Invoice — März 2026, 請求書, فاتورة')).toBe(false);
    expect(revealInvisibles('plain')).toEqual([{ text: 'plain' }]);
    expect(revealInvisibles('')).toEqual([]);
  });

  it('leaves emoji sequences that need no hidden character alone', () => {
    expect(visibleText('👍🏽 ok')).toBe('👍🏽 ok');
  });
});
