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

describe('combining marks', () => {
  it('keeps four marks on a character and shows the rest as their count', () => {
    const tower = `T${'\u0301'.repeat(600)}`;
    expect(visibleText(tower)).toBe(`T${'\u0301'.repeat(4)}[+596 marks]`);
    expect(revealInvisibles(tower)).toEqual([
      { text: `T${'\u0301'.repeat(4)}` },
      { hidden: '\u0301'.repeat(596) },
    ]);
    expect(hasInvisibles(tower)).toBe(true);
    expect(visibleText(`a${'\u0300'.repeat(5)}b`)).toBe(`a${'\u0300'.repeat(4)}[U+0300]b`);
  });

  it('leaves the marks of ordinary writing alone', () => {
    for (const text of ['Tiếng Việt', 'שָׁלוֹם', 'क्षत्रिय', 'e\u0301\u0323']) {
      expect(visibleText(text)).toBe(text);
    }
  });
});
