import { describe, expect, it } from 'vitest';
import { fileKind, readRunFile, splitLines } from './files';
import { binaryFile, runInput, textFile } from './test-support';

describe('fileKind', () => {
  it('reads clean UTF-8 as text, a .csv or text/csv as a table', () => {
    expect(fileKind(textFile('notes.txt', 'hello'))).toBe('text');
    expect(fileKind(textFile('LICENSE', 'MIT License\n'))).toBe('text');
    expect(fileKind(textFile('a.csv', 'x,y\n1,2'))).toBe('csv');
    expect(fileKind(textFile('export', 'a;b', 'text/csv'))).toBe('csv');
  });

  it('takes Office, PDF and image names, NUL bytes and invalid UTF-8 as binary', () => {
    expect(fileKind(textFile('scan.pdf', '%PDF-1.7'))).toBe('binary');
    expect(fileKind(binaryFile('data.csv', [0x61, 0x00, 0x62]))).toBe('binary');
    expect(fileKind(binaryFile('latin1.txt', [0x63, 0x61, 0x66, 0xe9]))).toBe('binary');
    expect(fileKind(binaryFile('empty.txt', []))).toBe('empty');
    expect(fileKind({ ...textFile('gone.txt', ''), dropped: true })).toBe('dropped');
  });
});

describe('readRunFile', () => {
  it('reports a text file with its first lines and hands its text to derive, once', () => {
    const [file] = runInput(null, [
      textFile('a.txt', '\uFEFFone\ntwo\nthree\nfour\n', 'text/plain'),
    ]).files;
    if (file === undefined) throw new Error('no file');
    const read = readRunFile(file, 500, (text) => text.length);
    expect(read.step).toEqual({
      kind: 'tool_call',
      name: 'read_file',
      arguments: { filename: 'a.txt' },
      output: {
        filename: 'a.txt',
        content_type: 'text/plain',
        size_bytes: 22,
        kind: 'text',
        readable: true,
        lines: 4,
        preview: ['one', 'two', 'three'],
      },
      durationMs: 500,
    });
    expect(read.derived).toBe(19);
    expect(file.heldBytes).toBe(0);
  });

  it('says why a file has no text, and derives nothing from it', () => {
    const [file] = runInput(null, [binaryFile('scan.png', [0x89, 0x50])]).files;
    if (file === undefined) throw new Error('no file');
    const read = readRunFile(file, 1, () => 'never');
    expect(read.derived).toBeNull();
    expect(read.step.output).toMatchObject({
      kind: 'binary',
      readable: false,
      content_type: 'unknown',
    });
  });

  it('counts lines as a reader does', () => {
    expect(splitLines('a\r\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('')).toEqual([]);
  });
});
