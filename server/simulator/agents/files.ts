/**
 * Reading the files a run receives, the way a careful agent would: decide whether a file is text
 * before decoding it, and say what it is when it is not.
 *
 * The simulator has no OCR and no PDF/Office parsers, so the scripts must be honest about
 * binary files instead of pretending to read them. The decision uses the extension, then the
 * declared content type, then the bytes themselves (magic numbers, NUL bytes, valid UTF-8), because
 * browsers often send `application/octet-stream` or nothing at all for `.md` and `.csv` files.
 */
import type { InputFile, ToolCallStep } from './types';

/** The structure a script can exploit; `text` is plain prose with no structure we parse. */
export type TextKind = 'csv' | 'json' | 'markdown' | 'text';

/** `dropped`: the simulator let go of the bytes before the agent read them (its upload cap). */
export type FileKind = TextKind | 'binary' | 'empty' | 'dropped';

const TEXT_EXTENSIONS: Record<string, TextKind> = {
  csv: 'csv',
  tsv: 'csv',
  json: 'json',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
  log: 'text',
  xml: 'text',
  html: 'text',
  htm: 'text',
  yaml: 'text',
  yml: 'text',
  ini: 'text',
  eml: 'text',
};

/** Human names for common binary formats, so the acknowledgement says what the file is. */
const BINARY_LABELS: Record<string, string> = {
  pdf: 'PDF document',
  png: 'PNG image',
  jpg: 'JPEG image',
  jpeg: 'JPEG image',
  gif: 'GIF image',
  webp: 'WebP image',
  tif: 'TIFF image',
  tiff: 'TIFF image',
  heic: 'HEIC image',
  doc: 'Word document',
  docx: 'Word document',
  xls: 'Excel workbook',
  xlsx: 'Excel workbook',
  ppt: 'PowerPoint presentation',
  pptx: 'PowerPoint presentation',
  zip: 'ZIP archive',
};

/** Lower-cased extension without the dot, or "" when the name has none. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  if (dot <= 0 || dot === filename.length - 1) return '';
  return filename.slice(dot + 1).toLowerCase();
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** Recognises a binary format from its first bytes; null when no known signature matches. */
function sniffBinaryLabel(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'PDF document';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'PNG image';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'JPEG image';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'GIF image';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'ZIP-based document';
  return null;
}

/** How many leading bytes the content sniffing looks at; enough to be confident, cheap on big files. */
const SNIFF_BYTES = 8192;

/** True when the bytes decode as UTF-8 and contain no NULs or stray control characters. */
function looksLikeText(bytes: Uint8Array): boolean {
  let sample = bytes.subarray(0, SNIFF_BYTES);
  // A cut in the middle of a multi-byte sequence must not count as invalid UTF-8.
  if (bytes.length > SNIFF_BYTES) {
    let end = sample.length;
    while (end > 0 && end > sample.length - 4 && ((sample[end - 1] ?? 0) & 0xc0) === 0x80) end--;
    if (end > 0 && ((sample[end - 1] ?? 0) & 0xc0) === 0xc0) end--;
    sample = sample.subarray(0, end);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample);
  } catch {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const allowedControl = code === 9 || code === 10 || code === 12 || code === 13;
    if (code < 32 && !allowedControl) return false;
  }
  return true;
}

function isTextContentType(type: string): boolean {
  const t = type.toLowerCase().split(';')[0]?.trim() ?? '';
  return (
    t.startsWith('text/') ||
    t === 'application/json' ||
    t.endsWith('+json') ||
    t === 'application/xml' ||
    t.endsWith('+xml') ||
    t === 'application/csv' ||
    t === 'application/x-ndjson'
  );
}

function textKindFromContentType(type: string): TextKind {
  const t = type.toLowerCase();
  if (t.includes('csv') || t.includes('tab-separated')) return 'csv';
  if (t.includes('json')) return 'json';
  if (t.includes('markdown')) return 'markdown';
  return 'text';
}

/**
 * The kind of a file: a text kind when the simulator can read it, `binary` when it cannot,
 * `empty` for zero bytes. Content wins over names: a `.txt` full of NUL bytes is binary, and an
 * extension-less file of plain UTF-8 is text.
 */
export function fileKind(file: InputFile): FileKind {
  if (file.dropped === true) return 'dropped';
  if (file.bytes.length === 0) return 'empty';
  const ext = extensionOf(file.name);
  if (ext in BINARY_LABELS || sniffBinaryLabel(file.bytes) !== null) return 'binary';
  if (!looksLikeText(file.bytes)) return 'binary';
  const byExtension = TEXT_EXTENSIONS[ext];
  if (byExtension !== undefined) return byExtension;
  if (isTextContentType(file.type)) return textKindFromContentType(file.type);
  // Unknown extension, no useful content type, but the bytes are clean UTF-8: read it as text.
  return 'text';
}

/** Whether the simulator can read this file's text (see {@link fileKind}). */
export function isTextLike(file: InputFile): boolean {
  const kind = fileKind(file);
  return kind !== 'binary' && kind !== 'empty' && kind !== 'dropped';
}

/** A short human label: "CSV table", "PDF document", "binary file". */
export function kindLabel(file: InputFile): string {
  const kind = fileKind(file);
  switch (kind) {
    case 'csv':
      return 'CSV table';
    case 'json':
      return 'JSON document';
    case 'markdown':
      return 'Markdown document';
    case 'text':
      return 'plain-text document';
    case 'empty':
      return 'empty file';
    case 'dropped':
      return 'unread upload';
    case 'binary':
      return BINARY_LABELS[extensionOf(file.name)] ?? sniffBinaryLabel(file.bytes) ?? 'binary file';
  }
}

/**
 * Decodes UTF-8 leniently (invalid sequences become U+FFFD) and drops a byte-order mark, so that
 * the first CSV header or Markdown heading is not polluted by an invisible character.
 */
export function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** "812 bytes", "1 byte", "4.2 KB (4,301 bytes)", "3.1 MB (3,250,000 bytes)". */
export function formatBytes(size: number): string {
  const exact = `${size.toLocaleString('en-US')} ${size === 1 ? 'byte' : 'bytes'}`;
  if (size < 1024) return exact;
  const units = ['KB', 'MB', 'GB'] as const;
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit] ?? 'GB'} (${exact})`;
}

/** Lines as a reader counts them: a trailing newline does not start an extra, empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function countWords(text: string): number {
  // Inner punctuation keeps a token whole ("1,200.50", "jane@acme.com", "don't"); punctuation
  // before a space or the end ("done.", "a, b") does not start a word of its own.
  const matches = text.match(/[\p{L}\p{N}]+(?:[.,'’/@_-][\p{L}\p{N}]+)*/gu);
  return matches === null ? 0 : matches.length;
}

/** The first `count` non-blank lines, each cut to `maxLength` characters with an ellipsis. */
export function firstLines(text: string, count: number, maxLength = 120): string[] {
  const out: string[] = [];
  for (const line of splitLines(text)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    out.push(trimmed.length > maxLength ? `${trimmed.slice(0, maxLength - 1)}…` : trimmed);
    if (out.length >= count) break;
  }
  return out;
}

const DROPPED_NOTE =
  'The simulator dropped this upload before the agent got to it: it holds a limited amount of unread uploads (--max-input-mb) and lets the oldest go first.';

/** What a `read_file` tool call returns: the facts about the file plus, for text, a preview. */
export interface ReadFileOutput {
  filename: string;
  content_type: string;
  size_bytes: number;
  kind: FileKind;
  readable: boolean;
  lines?: number;
  words?: number;
  preview?: string[];
  note?: string;
}

/** Builds the `read_file` output for a file, shared by every script that reads files. */
export function readFileOutput(file: InputFile): ReadFileOutput {
  const kind = fileKind(file);
  const base = {
    filename: file.name,
    content_type: file.type === '' ? 'unknown' : file.type,
    size_bytes: file.size,
    kind,
  };
  if (kind === 'empty') return { ...base, readable: false, note: 'The file is empty.' };
  if (kind === 'dropped') return { ...base, readable: false, note: DROPPED_NOTE };
  if (kind === 'binary') {
    return {
      ...base,
      readable: false,
      note: `${kindLabel(file)}, ${formatBytes(file.size)}: the simulator cannot read its text.`,
    };
  }
  const text = decodeText(file.bytes);
  return {
    ...base,
    readable: true,
    lines: splitLines(text).length,
    words: countWords(text),
    preview: firstLines(text, 3),
  };
}

/** The `read_file` tool call every file-reading script makes, one per input file. */
export function readFileStep(output: ReadFileOutput, durationMs: number): ToolCallStep {
  return {
    kind: 'tool_call',
    name: 'read_file',
    arguments: { filename: output.filename },
    output,
    durationMs,
  };
}
