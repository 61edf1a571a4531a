import { describe, expect, it } from 'vitest';
import {
  ACCEPT_ATTRIBUTE,
  ACCEPTED_TYPES_SUMMARY,
  canPreview,
  classifyFiles,
  DEFAULT_FILE_LIMITS,
  fileTypeLabel,
  type AcceptedFile,
} from './file-rules';

const MB = 1024 * 1024;

/** A file of any claimed size without allocating it: only `size` is read by the rules. */
function file(name: string, { size = 100, type = '', lastModified = 1 } = {}): File {
  const f = new File(['x'], name, { type, lastModified });
  Object.defineProperty(f, 'size', { value: size });
  return f;
}

const names = (entries: readonly { file: File }[]) => entries.map((e) => e.file.name);

describe('classifyFiles', () => {
  it('refuses each reason with its exact text and keeps the good files', () => {
    const kept: AcceptedFile[] = [{ id: 'a', file: file('old.pdf') }];
    const { accepted, rejected } = classifyFiles(
      kept,
      [
        file('scan.pdf', { size: Math.round(31.2 * MB), type: 'application/pdf' }),
        file('setup.exe', { type: 'application/x-msdownload' }),
        file('old.pdf'),
        file('good.png', { type: 'image/png' }),
      ],
      DEFAULT_FILE_LIMITS,
    );
    expect(names(accepted)).toEqual(['good.png']);
    expect(rejected.map((r) => [r.file.name, r.reason, r.message])).toEqual([
      ['scan.pdf', 'too-large', 'too large (31.2 MB; the limit is 25 MB)'],
      [
        'setup.exe',
        'type-not-accepted',
        'type not accepted (.exe; accepted: PDF, images, Word, Excel, CSV, TXT, MD, JSON)',
      ],
      ['old.pdf', 'duplicate', 'duplicate (already added)'],
    ]);
  });

  it('refuses files beyond the count limit, keeping the first N in order', () => {
    const current = [{ id: 'a', file: file('a.pdf') }];
    const incoming = ['b.pdf', 'c.pdf', 'd.pdf', 'e.pdf'].map((n) => file(n));
    const { accepted, rejected } = classifyFiles(current, incoming, {
      maxFileBytes: MB,
      maxFiles: 3,
    });
    expect(names(accepted)).toEqual(['b.pdf', 'c.pdf']);
    expect(rejected.map((r) => [r.file.name, r.message])).toEqual([
      ['d.pdf', 'too many files (at most 3 per run)'],
      ['e.pdf', 'too many files (at most 3 per run)'],
    ]);
  });

  it('does not let a refused file take one of the slots', () => {
    const { accepted } = classifyFiles(
      [],
      [file('bad.zip'), file('a.pdf'), file('huge.pdf', { size: 2 * MB }), file('b.pdf')],
      { maxFileBytes: MB, maxFiles: 2 },
    );
    expect(names(accepted)).toEqual(['a.pdf', 'b.pdf']);
  });

  it('accepts a file exactly at the size limit and refuses one byte more with exact bytes', () => {
    const limits = { maxFileBytes: 25 * MB, maxFiles: 20 };
    const { accepted, rejected } = classifyFiles(
      [],
      [file('edge.pdf', { size: 25 * MB }), file('over.pdf', { size: 25 * MB + 1 })],
      limits,
    );
    expect(names(accepted)).toEqual(['edge.pdf']);
    expect(rejected[0]?.message).toBe('too large (26,214,401 bytes; the limit is 25 MB)');
  });

  it('finds duplicates within one batch, by name, size and modification time', () => {
    const { accepted, rejected } = classifyFiles(
      [],
      [
        file('a.pdf', { lastModified: 5 }),
        file('a.pdf', { lastModified: 5 }),
        file('a.pdf', { lastModified: 6 }), // same name, another file
        file('a.pdf', { lastModified: 5, size: 101 }),
      ],
      DEFAULT_FILE_LIMITS,
    );
    expect(accepted).toHaveLength(3);
    expect(rejected.map((r) => r.reason)).toEqual(['duplicate']);
  });

  it('decides the type by extension first, then by the browser MIME type', () => {
    const { accepted, rejected } = classifyFiles(
      [],
      [
        file('notes.md'), // browsers often send '' for Markdown
        file('table.csv', { type: 'application/vnd.ms-excel' }), // what Windows sends for .csv
        file('README.MARKDOWN'),
        file('Q1.XLSX', { type: 'application/octet-stream' }),
        file('pasted-image', { type: 'image/png' }), // no extension: the MIME type decides
        file('archive.zip', { type: 'application/zip' }),
        file('blob', { type: 'application/zip' }),
        file('Makefile'),
        file('.env'),
      ],
      DEFAULT_FILE_LIMITS,
    );
    expect(names(accepted)).toEqual([
      'notes.md',
      'table.csv',
      'README.MARKDOWN',
      'Q1.XLSX',
      'pasted-image',
    ]);
    expect(rejected.map((r) => r.message.match(/^type not accepted \(([^;]+);/)?.[1])).toEqual([
      '.zip',
      'application/zip',
      'unknown type',
      'unknown type',
    ]);
  });

  it('gives every entry a unique id, across calls too', () => {
    const first = classifyFiles([], [file('a.pdf'), file('b.exe')], DEFAULT_FILE_LIMITS);
    const second = classifyFiles(first.accepted, [file('c.pdf'), file('a.pdf')], {
      ...DEFAULT_FILE_LIMITS,
    });
    const ids = [first, second].flatMap((r) => [...r.accepted, ...r.rejected].map((e) => e.id));
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });

  it('leaves the current list untouched', () => {
    const current: AcceptedFile[] = [{ id: 'a', file: file('a.pdf') }];
    classifyFiles(current, [file('b.pdf')], DEFAULT_FILE_LIMITS);
    expect(current).toHaveLength(1);
  });
});

describe('type helpers', () => {
  it('summarises the accepted types and builds the dialog filter from the one table', () => {
    expect(ACCEPTED_TYPES_SUMMARY).toBe('PDF, images, Word, Excel, CSV, TXT, MD, JSON');
    const accept = ACCEPT_ATTRIBUTE.split(',');
    expect(accept).toEqual(expect.arrayContaining(['application/pdf', '.pdf', '.md', '.docx']));
    expect(accept).toContain('image/tiff');
  });

  it('labels files by family and previews only images a browser can draw', () => {
    expect(
      ['a.pdf', 'b.jpeg', 'c.docx', 'd.xls', 'e.csv', 'f.txt', 'g.md', 'h.json', 'i.exe'].map((n) =>
        fileTypeLabel(file(n)),
      ),
    ).toEqual(['PDF', 'IMG', 'DOC', 'XLS', 'CSV', 'TXT', 'MD', 'JSON', 'FILE']);
    expect(canPreview(file('a.png'))).toBe(true);
    expect(canPreview(file('shot', { type: 'image/webp' }))).toBe(true);
    expect(canPreview(file('scan.tiff'))).toBe(false);
    expect(canPreview(file('a.pdf'))).toBe(false);
  });
});
