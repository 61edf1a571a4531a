import { describe, expect, it } from 'vitest';
import {
  countWords,
  decodeText,
  extensionOf,
  fileKind,
  firstLines,
  formatBytes,
  isTextLike,
  kindLabel,
  readFileOutput,
  splitLines,
} from './files';
import { binaryFile, textFile } from './test-support';

describe('fileKind', () => {
  it('reads the kind from the extension when the bytes are text', () => {
    expect(fileKind(textFile('a.csv', 'x,y\n1,2'))).toBe('csv');
    expect(fileKind(textFile('a.TSV', 'x\ty'))).toBe('csv');
    expect(fileKind(textFile('a.json', '{}'))).toBe('json');
    expect(fileKind(textFile('README.md', '# Hi'))).toBe('markdown');
    expect(fileKind(textFile('notes.txt', 'hello'))).toBe('text');
  });

  it('falls back to the content type, then to the bytes', () => {
    expect(fileKind(textFile('export', 'a;b', 'text/csv'))).toBe('csv');
    expect(fileKind(textFile('data', '{"a":1}', 'application/json; charset=utf-8'))).toBe('json');
    expect(fileKind(textFile('LICENSE', 'MIT License\n'))).toBe('text');
  });

  it('treats known binary formats and non-text bytes as binary whatever the name says', () => {
    expect(fileKind(binaryFile('scan.pdf', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]))).toBe('binary');
    expect(fileKind(binaryFile('photo.txt', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('binary');
    expect(fileKind(binaryFile('data.csv', [0x61, 0x00, 0x62, 0x00]))).toBe('binary');
    expect(fileKind(binaryFile('latin1.txt', [0x63, 0x61, 0x66, 0xe9]))).toBe('binary');
    expect(fileKind(binaryFile('empty.txt', []))).toBe('empty');
    expect(isTextLike(binaryFile('empty.txt', []))).toBe(false);
  });

  it('does not reject UTF-8 text whose multi-byte character straddles the sniffing window', () => {
    const text = `${'a'.repeat(8191)}é and more`;
    expect(fileKind(textFile('long.txt', text))).toBe('text');
  });

  it('labels binary files by extension or signature', () => {
    expect(kindLabel(binaryFile('scan.pdf', [1, 2, 3]))).toBe('PDF document');
    expect(kindLabel(binaryFile('upload', [0xff, 0xd8, 0xff, 0xe0]))).toBe('JPEG image');
    expect(kindLabel(binaryFile('blob.bin', [0, 1, 2]))).toBe('binary file');
  });
});

describe('text helpers', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Straße')]);
    expect(decodeText(bytes)).toBe('Straße');
  });

  it('counts lines without an extra one for a trailing newline', () => {
    expect(splitLines('a\r\nb\nc\n')).toEqual(['a', 'b', 'c']);
    expect(splitLines('')).toEqual([]);
  });

  it('counts words, keeping numbers and emails whole', () => {
    expect(countWords('Pay €1,200.50 to jane@acme.com by 2026-04-13, thanks!')).toBe(7);
  });

  it('returns the first non-blank lines, shortened', () => {
    expect(firstLines('\n\n one \n two\nthree', 2)).toEqual(['one', 'two']);
    expect(firstLines('x'.repeat(200), 1, 10)).toEqual([`${'x'.repeat(9)}…`]);
  });

  it('formats sizes with the exact byte count', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(4301)).toBe('4.2 KB (4,301 bytes)');
    expect(formatBytes(3_250_000)).toBe('3.1 MB (3,250,000 bytes)');
  });

  it('finds extensions', () => {
    expect(extensionOf('a.tar.GZ')).toBe('gz');
    expect(extensionOf('.env')).toBe('');
    expect(extensionOf('noext')).toBe('');
  });
});

describe('readFileOutput', () => {
  it('describes a text file with counts and a preview', () => {
    expect(
      readFileOutput(textFile('memo.txt', 'Hello there\nSecond line\n', 'text/plain')),
    ).toEqual({
      filename: 'memo.txt',
      content_type: 'text/plain',
      size_bytes: 24,
      kind: 'text',
      readable: true,
      lines: 2,
      words: 4,
      preview: ['Hello there', 'Second line'],
    });
  });

  it('says honestly that a binary file cannot be read', () => {
    const out = readFileOutput(binaryFile('scan.pdf', [0x25, 0x50, 0x44, 0x46]));
    expect(out.readable).toBe(false);
    expect(out.note).toBe('PDF document, 4 bytes: the simulator cannot read its text.');
    expect(out.preview).toBeUndefined();
  });
});
