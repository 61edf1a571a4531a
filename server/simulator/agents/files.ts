/** Reading a run's files the way every script does: text or not, decoded, and the `read_file`
 *  step that reports each one (decision 0003). */
import type { InputFile, RunFile, ToolCallStep } from './types';

/** `dropped`: the simulator let go of the bytes before the agent read them (--max-input-mb). */
export type FileKind = 'csv' | 'text' | 'binary' | 'empty' | 'dropped';

const BINARY_EXTENSIONS = /\.(pdf|png|jpe?g|gif|webp|tiff?|heic|docx?|xlsx?|pptx?|zip)$/i;

/** Clean UTF-8 with no control characters but tab, newline, form feed and carriage return. */
function looksLikeText(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return !/(?![\t\n\f\r])\p{Cc}/u.test(text);
  } catch {
    return false;
  }
}

export function fileKind(file: InputFile): FileKind {
  if (file.dropped === true) return 'dropped';
  if (file.bytes.length === 0) return 'empty';
  if (BINARY_EXTENSIONS.test(file.name) || !looksLikeText(file.bytes)) return 'binary';
  return /\.(csv|tsv)$/i.test(file.name) || /csv/i.test(file.type) ? 'csv' : 'text';
}

const UNREADABLE: Partial<Record<FileKind, string>> = {
  binary: 'not text: the simulator cannot read PDFs, images or Office files',
  empty: 'the file is empty',
  dropped: 'the simulator dropped the upload before it was read (--max-input-mb)',
};

/** Why a file has no text, in words for a summary; null when it has. */
export function unreadableReason(kind: FileKind): string | null {
  return UNREADABLE[kind] ?? null;
}

/** Lines as a reader counts them: a trailing newline does not start an extra, empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export interface FileRead<T> {
  kind: FileKind;
  /** The `read_file` call reporting the file: its facts and, for text, its first lines. */
  step: ToolCallStep;
  /** What `derive` made of the text; null when the file has none. */
  derived: T | null;
}

/** Reads a run's file once: its `read_file` step and what `derive` keeps of its text. */
export function readRunFile<T>(
  file: RunFile,
  durationMs: number,
  derive: (text: string, kind: FileKind) => T,
): FileRead<T> {
  const { kind, output, derived } = file.read((f) => {
    const kind = fileKind(f);
    const facts = {
      filename: f.name,
      content_type: f.type === '' ? 'unknown' : f.type,
      size_bytes: f.size,
      kind,
    };
    if (kind !== 'csv' && kind !== 'text') {
      return {
        kind,
        output: { ...facts, readable: false, note: unreadableReason(kind) },
        derived: null,
      };
    }
    const decoded = new TextDecoder('utf-8').decode(f.bytes);
    const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
    const lines = splitLines(text);
    const preview = lines.slice(0, 3).map((line) => line.slice(0, 120));
    const output = { ...facts, readable: true, lines: lines.length, preview };
    return { kind, output, derived: derive(text, kind) };
  });
  const args = { filename: file.name };
  return {
    kind,
    step: { kind: 'tool_call', name: 'read_file', arguments: args, output, durationMs },
    derived,
  };
}
