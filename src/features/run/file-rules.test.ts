import { describe, expect, it } from 'vitest';
import {
  ACCEPT_ATTRIBUTE,
  ACCEPTED_TYPES_SUMMARY,
  canPreview,
  classifyFiles,
  DEFAULT_FILE_LIMITS,
  displayNameOf,
  emptyFolderNotice,
  fileTypeLabel,
  unreadableNotice,
  withIds,
  type AcceptedFile,
  type FileLimits,
} from './file-rules';

const MB = 1024 * 1024;

/** A file of any claimed size without allocating it: only `size` is read by the rules. */
function file(name: string, { size = 100, type = '', lastModified = 1 } = {}): File {
  const f = new File(['x'], name, { type, lastModified });
  Object.defineProperty(f, 'size', { value: size });
  return f;
}

/** A file as file-selector hands it over: with the path it had in what was dropped. */
function inFolder(path: string, options?: Parameters<typeof file>[1]): File {
  const f = file(path.slice(path.lastIndexOf('/') + 1), options);
  Object.defineProperty(f, 'path', { value: path, configurable: true });
  Object.defineProperty(f, 'relativePath', { value: path });
  return f;
}

const names = (entries: readonly { name: string }[]) => entries.map((e) => e.name);
const added = (f: File): AcceptedFile => ({ id: f.name, file: f, name: displayNameOf(f) });
/** Ids are given outside, as the selection does before its state updater. */
const classify = (current: readonly AcceptedFile[], incoming: File[], limits: FileLimits) =>
  classifyFiles(current, withIds(incoming), limits);

describe('classifyFiles', () => {
  it('refuses each reason with its exact text and keeps the good files', () => {
    const kept = [added(file('old.pdf'))];
    const { accepted, rejected } = classify(
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
    expect(rejected.map((r) => [r.name, r.reason, r.message])).toEqual([
      ['scan.pdf', 'too-large', 'too large (31.2 MB; the limit is 25 MB)'],
      [
        'setup.exe',
        'type-not-accepted',
        'type not accepted (.exe; accepted: PDF, images, Word, Excel, CSV, TXT, MD, JSON)',
      ],
      ['old.pdf', 'duplicate', 'duplicate (already added)'],
    ]);
  });

  it('refuses a 0-byte file as empty, but a 1-byte one is fine', () => {
    const { accepted, rejected } = classify(
      [],
      [file('blank.pdf', { size: 0 }), file('tiny.txt', { size: 1 })],
      DEFAULT_FILE_LIMITS,
    );
    expect(names(accepted)).toEqual(['tiny.txt']);
    expect(rejected.map((r) => [r.name, r.reason, r.message])).toEqual([
      ['blank.pdf', 'empty', 'empty file (0 bytes)'],
    ]);
  });

  it('refuses files beyond the count limit, keeping the first N in order', () => {
    const current = [added(file('a.pdf'))];
    const incoming = ['b.pdf', 'c.pdf', 'd.pdf', 'e.pdf'].map((n) => file(n));
    const { accepted, rejected } = classify(current, incoming, {
      maxFileBytes: MB,
      maxFiles: 3,
    });
    expect(names(accepted)).toEqual(['b.pdf', 'c.pdf']);
    expect(rejected.map((r) => [r.name, r.message])).toEqual([
      ['d.pdf', 'too many files (at most 3 per run)'],
      ['e.pdf', 'too many files (at most 3 per run)'],
    ]);
  });

  it('does not let a refused file take one of the slots', () => {
    const { accepted } = classify(
      [],
      [file('bad.zip'), file('a.pdf'), file('huge.pdf', { size: 2 * MB }), file('b.pdf')],
      { maxFileBytes: MB, maxFiles: 2 },
    );
    expect(names(accepted)).toEqual(['a.pdf', 'b.pdf']);
  });

  it('accepts a file exactly at the size limit and refuses one byte more with exact bytes', () => {
    const limits = { maxFileBytes: 25 * MB, maxFiles: 20 };
    const { accepted, rejected } = classify(
      [],
      [file('edge.pdf', { size: 25 * MB }), file('over.pdf', { size: 25 * MB + 1 })],
      limits,
    );
    expect(names(accepted)).toEqual(['edge.pdf']);
    expect(rejected[0]?.message).toBe('too large (26,214,401 bytes; the limit is 25 MB)');
  });

  it('finds duplicates within one batch, by name, size and modification time', () => {
    const { accepted, rejected } = classify(
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
    const { accepted, rejected } = classify(
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

  it('keeps the ids it is given, and withIds gives unique ones across calls', () => {
    const incoming = [...withIds([file('a.pdf'), file('b.exe')]), ...withIds([file('a.pdf')])];
    expect(new Set(incoming.map((e) => e.id)).size).toBe(3);
    const { accepted, rejected } = classifyFiles([], incoming, DEFAULT_FILE_LIMITS);
    expect(accepted.map((e) => e.id)).toEqual([incoming[0]?.id]);
    expect(rejected.map((e) => e.id)).toEqual([incoming[1]?.id, incoming[2]?.id]);
  });

  it('is pure: the same input gives the same verdicts and ids (StrictMode runs updaters twice)', () => {
    const incoming = withIds([file('a.pdf'), file('b.exe'), file('a.pdf')]);
    const current = [added(file('z.pdf'))];
    expect(classifyFiles(current, incoming, DEFAULT_FILE_LIMITS)).toEqual(
      classifyFiles(current, incoming, DEFAULT_FILE_LIMITS),
    );
  });

  it('tells namesakes in different folders apart, but not the same path twice', () => {
    const { accepted, rejected } = classify(
      [added(inFolder('/2024/invoice.pdf'))],
      [
        inFolder('/2025/invoice.pdf'),
        file('invoice.pdf'), // dropped on its own: no folder
        inFolder('/2024/invoice.pdf'),
        inFolder('2025/invoice.pdf'), // the same path, from a folder dialog's spelling
      ],
      DEFAULT_FILE_LIMITS,
    );
    expect(names(accepted)).toEqual(['2025/invoice.pdf', 'invoice.pdf']);
    expect(rejected.map((r) => [r.name, r.reason])).toEqual([
      ['2024/invoice.pdf', 'duplicate'],
      ['2025/invoice.pdf', 'duplicate'],
    ]);
  });

  it('refuses a file from a folder on its own, by its path', () => {
    const { accepted, rejected } = classify(
      [],
      [inFolder('/invoices/a.pdf'), inFolder('/invoices/sub/tool.exe')],
      DEFAULT_FILE_LIMITS,
    );
    expect(names(accepted)).toEqual(['invoices/a.pdf']);
    expect(rejected.map((r) => [r.name, r.file?.name, r.reason])).toEqual([
      ['invoices/sub/tool.exe', 'tool.exe', 'type-not-accepted'],
    ]);
  });

  it('leaves the current list untouched', () => {
    const current = [added(file('a.pdf'))];
    classify(current, [file('b.pdf')], DEFAULT_FILE_LIMITS);
    expect(current).toHaveLength(1);
  });
});

describe('displayNameOf', () => {
  it('shows a path relative to what was dropped or chosen, and a plain name otherwise', () => {
    const chosen = file('a.txt');
    Object.defineProperty(chosen, 'webkitRelativePath', { value: 'invoices/sub/a.txt' });
    const electron = inFolder('./a.txt');
    Object.defineProperty(electron, 'path', { value: '/Users/me/a.txt', configurable: true });
    expect(
      [
        inFolder('/invoices/sub/a.txt'), // a dropped folder
        chosen, // a folder dialog
        inFolder('./a.txt'), // a file dropped on its own
        inFolder('/a.txt'), // the same, as some browsers spell it
        file('a.txt'), // pasted: no path at all
        electron, // an absolute `path`, but a relative `relativePath`
      ].map(displayNameOf),
    ).toEqual(['invoices/sub/a.txt', 'invoices/sub/a.txt', 'a.txt', 'a.txt', 'a.txt', 'a.txt']);
  });
});

describe('notices', () => {
  it('words an empty folder and an unreadable drop', () => {
    expect(emptyFolderNotice('scans')).toEqual({
      name: 'scans',
      reason: 'empty-folder',
      message: 'empty folder (nothing was added)',
    });
    expect(
      unreadableNotice('scans', new DOMException('The folder went away', 'NotFoundError')).message,
    ).toBe('could not be read (The folder went away); nothing from this drop was added');
    expect(unreadableNotice('x', new DOMException('', 'NotReadableError')).message).toContain(
      '(NotReadableError)',
    );
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
