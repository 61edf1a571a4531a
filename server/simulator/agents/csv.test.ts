import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from './csv';

describe('parseCsv', () => {
  it('handles quoted delimiters, escaped quotes and newlines inside quotes', () => {
    const text = 'name,comment\r\n"Smith, J","said ""hi"""\r\n"Lee","two\nlines"\r\n';
    expect(parseCsv(text)).toEqual([
      ['name', 'comment'],
      ['Smith, J', 'said "hi"'],
      ['Lee', 'two\nlines'],
    ]);
  });

  it('keeps empty cells and drops blank lines', () => {
    expect(parseCsv('a,b,c\n1,,3\n\n4,5,\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['4', '5', ''],
    ]);
  });

  it('detects semicolons and tabs from the header line', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(detectDelimiter('"x,y";z;w')).toBe(';');
    expect(parseCsv('a;b\n1,5;2')).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
  });
});
