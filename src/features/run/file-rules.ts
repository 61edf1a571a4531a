/**
 * Which files a run may carry, and why a file is refused.
 *
 * Every source of files (drop, file dialog, paste) goes through `classifyFiles`, so a refused file
 * gets the same reason whichever way it arrived, and the reasons are ours rather than the
 * browser's. The limits mirror the simulator's defaults, so the form refuses what the API
 * would refuse with a 400 — before the upload instead of after it.
 *
 * Pure and React-free: the hook and the picker only store and render what this module decides.
 */
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

export type RejectionReason = 'too-large' | 'type-not-accepted' | 'duplicate' | 'too-many-files';

export interface AcceptedFile {
  id: string;
  file: File;
}

export interface RejectedFile {
  id: string;
  file: File;
  reason: RejectionReason;
  message: string;
}

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

/** Same name, size and modification time: as close to "the same file" as the browser lets us see. */
function sameFile(a: File, b: File): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

let lastId = 0;
/** Ids only need to be unique within the page; a counter is cheap and readable in tests. */
function nextId(): string {
  lastId += 1;
  return `file-${lastId}`;
}

function tooLargeMessage(size: number, limit: number): string {
  const limitText = formatBytes(limit);
  let sizeText = formatBytes(size);
  // One byte over 25 MB would read "25 MB; the limit is 25 MB": give exact bytes instead.
  if (sizeText === limitText) sizeText = `${size.toLocaleString('en')} bytes`;
  return `too large (${sizeText}; the limit is ${limitText})`;
}

function rejectionFor(
  file: File,
  kept: readonly AcceptedFile[],
  limits: FileLimits,
): { reason: RejectionReason; message: string } | null {
  if (!acceptedMimeOf(file)) {
    const shown = extensionOf(file.name) || file.type || 'unknown type';
    return {
      reason: 'type-not-accepted',
      message: `type not accepted (${shown}; accepted: ${ACCEPTED_TYPES_SUMMARY})`,
    };
  }
  if (file.size > limits.maxFileBytes) {
    return { reason: 'too-large', message: tooLargeMessage(file.size, limits.maxFileBytes) };
  }
  if (kept.some((a) => sameFile(a.file, file))) {
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
 * Checks run per file in the order type, size, duplicate, count, so a file gets the most useful
 * reason (a huge `.exe` is refused for its type, which no amount of splitting will fix). Only
 * files actually added count toward duplicates and the limit, so a refused file never costs a slot
 * and the first `maxFiles` good files are the ones kept.
 */
export function classifyFiles(
  current: readonly AcceptedFile[],
  incoming: readonly File[],
  limits: FileLimits,
): { accepted: AcceptedFile[]; rejected: RejectedFile[] } {
  const kept = [...current];
  const accepted: AcceptedFile[] = [];
  const rejected: RejectedFile[] = [];
  for (const file of incoming) {
    const refusal = rejectionFor(file, kept, limits);
    if (refusal) {
      rejected.push({ id: nextId(), file, ...refusal });
    } else {
      const entry = { id: nextId(), file };
      kept.push(entry);
      accepted.push(entry);
    }
  }
  return { accepted, rejected };
}
