/** Which file each row of extracted data came from: a row's own `file`/`filename`/`document`/
 *  `source` key, else the trace's or this browser's file names in order, only when the counts
 *  agree. */

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const FILE_KEYS = [
  'file',
  'filename',
  'file_name',
  'fileName',
  'source_file',
  'sourceFile',
  'document',
  'document_name',
  'documentName',
  'source',
];
const ARGUMENT_FIELDS = ['arguments', 'args', 'input', 'parameters', 'params'];

/** The key the rows name their file by, if any row carries one as text. */
export function fileKeyOf(rows: readonly Record<string, unknown>[]): string | undefined {
  return FILE_KEYS.find((key) =>
    rows.some((row) => Object.hasOwn(row, key) && typeof row[key] === 'string'),
  );
}

function fileNameIn(args: Record<string, unknown>): string | undefined {
  for (const key of FILE_KEYS) {
    const value = args[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

/**
 * File names from the feed's tool calls, per tool, in order; the list of the tool that named
 * exactly `count` files (an extraction tool first), else undefined.
 */
export function fileNamesFromFeed(feed: readonly unknown[], count: number): string[] | undefined {
  const byTool = new Map<string, string[]>();
  for (const entry of feed) {
    const item = asRecord(entry);
    if (!item) continue;
    const args = ARGUMENT_FIELDS.map((field) => asRecord(item[field])).find(Boolean);
    const name = args ? fileNameIn(args) : undefined;
    if (name === undefined) continue;
    const tool = typeof item.name === 'string' ? item.name : '';
    byTool.set(tool, [...(byTool.get(tool) ?? []), name]);
  }
  const fits = [...byTool.entries()].filter(([, names]) => names.length === count);
  const extraction = fits.find(([tool]) => /extract/i.test(tool));
  return (extraction ?? fits[0])?.[1];
}

/** Rows that need file names from elsewhere: a list of two or more objects naming none. */
export function needsFileNames(data: unknown): data is Record<string, unknown>[] {
  return (
    Array.isArray(data) &&
    data.length >= 2 &&
    data.every((row) => asRecord(row) !== undefined) &&
    fileKeyOf(data as Record<string, unknown>[]) === undefined
  );
}

/** One file name per row of `data`, or undefined when that cannot be told for sure. */
export function rowFileNames(
  data: unknown,
  sentFiles: readonly string[] | undefined,
  feed: readonly unknown[] | undefined,
): string[] | undefined {
  if (!needsFileNames(data)) return undefined;
  if (sentFiles && sentFiles.length === data.length) return [...sentFiles];
  return feed ? fileNamesFromFeed(feed, data.length) : undefined;
}
