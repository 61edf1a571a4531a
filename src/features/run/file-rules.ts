/** Which files a run may carry and why one is refused: every source (drop, dialogs, paste) goes
 *  through `classifyFiles`, with the simulator's limits, so refusals come before the upload and
 *  read the same. React-free. */
import { formatBytes } from '@/lib/format';

export interface FileLimits {
  maxFileBytes: number;
  maxFiles: number;
}

/** Simulator defaults: 25 MB per file where MB = 2^20 bytes (the simulator's unit), 20 files. */
export const DEFAULT_FILE_LIMITS: FileLimits = Object.freeze({
  maxFileBytes: 25 * 1024 * 1024,
  maxFiles: 20,
});

/** The one configuration point for accepted types: MIME type → extensions (with dot). PDF, PNG,
 *  JPEG, TIFF, WebP, DOC, DOCX, XLS, XLSX, CSV, TXT, MD, JSON. The order is the order of the
 *  summary in refusal messages. */
export const ACCEPTED_FILE_TYPES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/tiff': ['.tif', '.tiff'],
  'image/webp': ['.webp'],
  'application/msword': ['.doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.ms-excel': ['.xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'text/csv': ['.csv'],
  'text/plain': ['.txt'],
  'text/markdown': ['.md', '.markdown'],
  'application/json': ['.json'],
});

export type RejectionReason =
  | 'too-large'
  | 'empty'
  | 'type-not-accepted'
  | 'duplicate'
  | 'too-many-files'
  // Not a file's fault: a folder that brought no files, a drop the browser would not let us read.
  | 'empty-folder'
  | 'unreadable';

/** A file on its way in, with the id it keeps whichever list it lands in. */
export interface IncomingFile {
  id: string;
  file: File;
}

export interface AcceptedFile {
  id: string;
  file: File;
  /** What the row shows: see `displayNameOf`. */
  name: string;
}

export interface RejectedFile {
  id: string;
  /** The file's display name, or the folder's name when there is no file. */
  name: string;
  /** Absent when nothing could be added at all (an empty or unreadable folder). */
  file?: File;
  reason: RejectionReason;
  message: string;
}

/** A refusal that belongs to no file; the selection gives it an id. */
export type Notice = Omit<RejectedFile, 'id' | 'file'>;

/** Families whose several MIME types read as one word to a person; the rest are named by their
 *  first extension (PDF, CSV, …). `short` labels a file row, `long` lists what is accepted. */
const FAMILIES = [
  { test: /^image\//, short: 'IMG', long: 'images' },
  { test: /word/, short: 'DOC', long: 'Word' },
  { test: /excel|sheet/, short: 'XLS', long: 'Excel' },
] as const;

function familyOf(mime: string): { short: string; long: string } {
  const family = FAMILIES.find((f) => f.test.test(mime));
  if (family) return family;
  const ext = (ACCEPTED_FILE_TYPES[mime]?.[0] ?? '').slice(1).toUpperCase();
  return { short: ext || 'FILE', long: ext };
}

/** For the file dialog's `accept` attribute: every MIME type and every extension, so the dialog
 *  filters well on systems that know only one of the two. */
export const ACCEPT_ATTRIBUTE = Object.entries(ACCEPTED_FILE_TYPES)
  .flatMap(([mime, exts]) => [mime, ...exts])
  .join(',');

/** "PDF, images, Word, Excel, CSV, TXT, MD, JSON", derived so it cannot drift from the table. */
export const ACCEPTED_TYPES_SUMMARY = [
  ...new Set(Object.keys(ACCEPTED_FILE_TYPES).map((mime) => familyOf(mime).long)),
].join(', ');

const MIME_BY_EXTENSION = new Map(
  Object.entries(ACCEPTED_FILE_TYPES).flatMap(([mime, exts]) => exts.map((ext) => [ext, mime])),
);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/**
 * The accepted MIME type a file counts as, or `undefined` when it is not accepted. The extension
 * decides first because browsers send an empty type for `.md`, `text/plain` or
 * `application/vnd.ms-excel` for `.csv` depending on the system; the browser's type is the
 * fallback for names without a known extension (a pasted screenshot called "image").
 */
export function acceptedMimeOf(file: File): string | undefined {
  const byExtension = MIME_BY_EXTENSION.get(extensionOf(file.name));
  if (byExtension) return byExtension;
  return Object.hasOwn(ACCEPTED_FILE_TYPES, file.type) ? file.type : undefined;
}

/** A short type label for a file row: PDF, IMG, DOC, XLS, CSV, TXT, MD, JSON. */
export function fileTypeLabel(file: File): string {
  const mime = acceptedMimeOf(file);
  return mime ? familyOf(mime).short : 'FILE';
}

/** Whether the browser can draw the file as a thumbnail (TIFF is an accepted image it cannot). */
export function canPreview(file: File): boolean {
  const mime = acceptedMimeOf(file);
  return mime !== undefined && mime.startsWith('image/') && mime !== 'image/tiff';
}

/**
 * The name a row shows: for a file out of a folder, its path relative to what was dropped or
 * chosen (`invoices/sub/a.txt`), else its plain name. file-selector gives dropped files a
 * `relativePath` such as `/invoices/sub/a.txt`, or `./a.txt` for a file dropped on its own; a
 * folder input gives `webkitRelativePath` such as `invoices/sub/a.txt`. `relativePath` comes
 * before `path` because Electron fills `path` with the absolute path on disk.
 */
export function displayNameOf(file: File): string {
  const { relativePath, path } = file as File & { relativePath?: unknown; path?: unknown };
  const found = [relativePath, path, file.webkitRelativePath].find(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  const relative = found?.replace(/^\.?\//, '');
  return relative?.includes('/') ? relative : file.name;
}

/**
 * Same path, size and modification time: as close to "the same file" as the browser lets us see.
 * The path, not only the name, so `2024/invoice.pdf` and `2025/invoice.pdf` are two files.
 */
function sameFile(a: AcceptedFile, b: AcceptedFile): boolean {
  return (
    a.name === b.name && a.file.size === b.file.size && a.file.lastModified === b.file.lastModified
  );
}

let lastId = 0;
/** Ids only need to be unique within the page; a counter is cheap and readable in tests. Impure,
 *  so never called inside a state updater (StrictMode runs those twice). */
export function nextEntryId(): string {
  lastId += 1;
  return `file-${lastId}`;
}

/** Gives each incoming file its id, before classifying, so `classifyFiles` stays pure. */
export function withIds(files: readonly File[]): IncomingFile[] {
  return files.map((file) => ({ id: nextEntryId(), file }));
}

function tooLargeMessage(size: number, limit: number): string {
  const limitText = formatBytes(limit);
  let sizeText = formatBytes(size);
  // One byte over 25 MB would read "25 MB; the limit is 25 MB": give exact bytes instead.
  if (sizeText === limitText) sizeText = `${size.toLocaleString('en')} bytes`;
  return `too large (${sizeText}; the limit is ${limitText})`;
}

function rejectionFor(
  candidate: AcceptedFile,
  kept: readonly AcceptedFile[],
  limits: FileLimits,
): { reason: RejectionReason; message: string } | null {
  const { file } = candidate;
  if (!acceptedMimeOf(file)) {
    const shown = extensionOf(file.name) || file.type || 'unknown type';
    return {
      reason: 'type-not-accepted',
      message: `type not accepted (${shown}; accepted: ${ACCEPTED_TYPES_SUMMARY})`,
    };
  }
  // The API has nothing to read in it, and a 0-byte file is most often a failed download or save.
  if (file.size === 0) return { reason: 'empty', message: 'empty file (0 bytes)' };
  if (file.size > limits.maxFileBytes) {
    return { reason: 'too-large', message: tooLargeMessage(file.size, limits.maxFileBytes) };
  }
  if (kept.some((a) => sameFile(a, candidate))) {
    return { reason: 'duplicate', message: 'duplicate (already added)' };
  }
  if (kept.length >= limits.maxFiles) {
    return {
      reason: 'too-many-files',
      message: `too many files (at most ${limits.maxFiles} per run)`,
    };
  }
  return null;
}

/**
 * Splits `incoming` into the files to add and the files to refuse, in their original order.
 * Checks run per file in the order type, emptiness, size, duplicate, count, so a file gets the most useful
 * reason (a huge `.exe` is refused for its type, which no amount of splitting will fix). Only
 * files actually added count toward duplicates and the limit, so a refused file never costs a slot
 * and the first `maxFiles` good files are the ones kept.
 */
export function classifyFiles(
  current: readonly AcceptedFile[],
  incoming: readonly IncomingFile[],
  limits: FileLimits,
): { accepted: AcceptedFile[]; rejected: RejectedFile[] } {
  const kept = [...current];
  const accepted: AcceptedFile[] = [];
  const rejected: RejectedFile[] = [];
  for (const { id, file } of incoming) {
    const entry: AcceptedFile = { id, file, name: displayNameOf(file) };
    const refusal = rejectionFor(entry, kept, limits);
    if (refusal) {
      rejected.push({ ...entry, ...refusal });
    } else {
      kept.push(entry);
      accepted.push(entry);
    }
  }
  return { accepted, rejected };
}

/** A folder that brought no files, said among the refusals so it is announced and dismissable. */
export function emptyFolderNotice(folder: string): Notice {
  return { name: folder, reason: 'empty-folder', message: 'empty folder (nothing was added)' };
}

/** A drop the browser failed to read (a folder moved away meanwhile, a permission refused):
 *  file-selector reads a drop all or nothing, so nothing from it was added. */
export function unreadableNotice(name: string, cause: unknown): Notice {
  return {
    name,
    reason: 'unreadable',
    message: `could not be read (${describeError(cause)}); nothing from this drop was added`,
  };
}

/** The browser's own words for a failure. Duck-typed: a `DOMException` is not an `Error` in every
 *  realm (jsdom's is not). */
function describeError(cause: unknown): string {
  const { message, name } = (typeof cause === 'object' && cause !== null ? cause : {}) as {
    message?: unknown;
    name?: unknown;
  };
  if (typeof message === 'string' && message) return message;
  if (typeof name === 'string' && name) return name;
  return typeof cause === 'string' && cause ? cause : 'unknown error';
}
