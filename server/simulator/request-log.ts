/** Every answered `/api/v1` request (`GET /__sim/requests`): what the route read of its body,
 *  never the key. Bounded: 2,000 entries and 5 MB, oldest dropped; strings cut at 64 KB, a JSON
 *  body and the parts at 256 KB each, and such an entry says `truncated: true`. */

export type AuthOutcome = 'valid' | 'missing' | 'invalid';

/** One multipart part as received; file contents are summarised, text values kept. */
export interface LoggedPart {
  name: string;
  filename?: string;
  content_type?: string;
  size: number;
  /** Text of a non-file part. */
  value?: string;
}

export interface RequestLogEntry {
  /** 1, 2, 3… in arrival order; restarts after a reset. */
  id: number;
  /** Arrival, ISO-8601 UTC (virtual time). */
  at: string;
  method: string;
  path: string;
  /** Repeated parameters become arrays. */
  query: Record<string, string | string[]>;
  status: number;
  auth: AuthOutcome;
  content_type: string | null;
  /** The parsed JSON body, or null. */
  body: unknown;
  /** Multipart parts in order, or null. */
  parts: LoggedPart[] | null;
  /** False when the request was answered without its body being read. */
  body_read: boolean;
  truncated: boolean;
}

/** `GET /__sim/requests?path=&method=`: a path prefix, a method in any case. */
export interface RequestLogFilter {
  path?: string | undefined;
  method?: string | undefined;
}

export const REQUEST_LOG_CAPACITY = 2_000;
export const REQUEST_LOG_BYTE_CAPACITY = 5 * 1024 * 1024;
/** One string, before it is cut. */
export const REQUEST_LOG_VALUE_BYTES = 64 * 1024;
/** One JSON body (strings cut), before it is stored as its JSON text cut to 64 KB. */
export const REQUEST_LOG_BODY_BYTES = 256 * 1024;
/** One entry's parts, before the rest are left out. */
export const REQUEST_LOG_PARTS_BYTES = 256 * 1024;
/** JSON nesting walked when cutting strings; deeper values are left as they are. */
const MAX_WALK_DEPTH = 32;

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? 'null');

/** `text` cut to `REQUEST_LOG_VALUE_BYTES` of UTF-8 (at a character boundary) with a marker. */
function cutText(text: string, flag: { cut: boolean }): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short strings need no counting.
  if (text.length <= REQUEST_LOG_VALUE_BYTES / 3) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= REQUEST_LOG_VALUE_BYTES) return text;
  flag.cut = true;
  // A character cut in two decodes as U+FFFD, dropped.
  const head = bytes
    .subarray(0, REQUEST_LOG_VALUE_BYTES)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return `${head}… [truncated: ${bytes.length} bytes in all]`;
}

function cutStrings(value: unknown, flag: { cut: boolean }, depth: number): unknown {
  if (typeof value === 'string') return cutText(value, flag);
  if (depth >= MAX_WALK_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => cutStrings(item, flag, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, cutStrings(item, flag, depth + 1)]),
  );
}

/** A JSON body within `REQUEST_LOG_BODY_BYTES`: long strings cut, else its JSON text cut. */
function fitBody(body: unknown, flag: { cut: boolean }): unknown {
  const cut = cutStrings(body, flag, 0);
  let text: string;
  try {
    text = JSON.stringify(cut) ?? 'null';
  } catch {
    flag.cut = true;
    return '[not stored: the JSON body is nested too deeply to serialise]';
  }
  if (Buffer.byteLength(text) <= REQUEST_LOG_BODY_BYTES) return cut;
  flag.cut = true;
  return cutText(text, flag);
}

/** The entry as the log stores it (see the header); unchanged when nothing needs cutting. */
function fitRequestLogEntry(entry: RequestLogEntry): RequestLogEntry {
  const flag = { cut: false };
  let parts: LoggedPart[] | null = null;
  if (entry.parts !== null) {
    parts = [];
    let partsBytes = 2;
    for (const part of entry.parts) {
      const fitted = cutStrings(part, flag, 0) as LoggedPart;
      partsBytes += jsonBytes(fitted) + 1;
      if (partsBytes > REQUEST_LOG_PARTS_BYTES) {
        flag.cut = true;
        break;
      }
      parts.push(fitted);
    }
  }
  const fitted: RequestLogEntry = {
    ...entry,
    // A URL and headers are short (node caps them at 16 KB); cut all the same.
    path: cutText(entry.path, flag),
    query: cutStrings(entry.query, flag, 0) as RequestLogEntry['query'],
    content_type: entry.content_type && cutText(entry.content_type, flag),
    body: fitBody(entry.body, flag),
    parts,
  };
  if (!flag.cut) return entry;
  fitted.truncated = true;
  return fitted;
}

interface Stored {
  entry: RequestLogEntry;
  /** Its JSON size plus a comma. */
  bytes: number;
}

export class RequestLog {
  #entries: Stored[] = [];
  #bytes = 2;
  #nextId = 1;
  #epoch = 0;

  /** Changes on every `clear()`, so a request spanning a reset can tell. */
  get epoch(): number {
    return this.#epoch;
  }

  /** Reserves the next id at arrival so ids follow arrival order even when answers overlap. */
  nextId(): number {
    return this.#nextId++;
  }

  /** Stores the entry fitted, dropping the oldest past the capacities, unless the log was cleared
   *  since `epoch` (the request spanned a reset); returns it fitted. */
  add(entry: RequestLogEntry, epoch = this.#epoch): RequestLogEntry {
    const fitted = fitRequestLogEntry(entry);
    if (epoch !== this.#epoch) return fitted;
    const stored = { entry: fitted, bytes: jsonBytes(fitted) + 1 };
    this.#entries.push(stored);
    this.#bytes += stored.bytes;
    let drop = 0;
    while (
      this.#entries.length - drop > 1 &&
      (this.#entries.length - drop > REQUEST_LOG_CAPACITY ||
        this.#bytes > REQUEST_LOG_BYTE_CAPACITY)
    ) {
      this.#bytes -= this.#entries[drop]?.bytes ?? 0;
      drop += 1;
    }
    if (drop > 0) this.#entries.splice(0, drop);
    return fitted;
  }

  /** Oldest first, in the order they were answered. */
  list(filter: RequestLogFilter = {}): RequestLogEntry[] {
    const method = filter.method?.toUpperCase();
    return this.#entries
      .map((stored) => stored.entry)
      .filter(
        (entry) =>
          (filter.path === undefined || entry.path.startsWith(filter.path)) &&
          (method === undefined || entry.method === method),
      );
  }

  clear(): void {
    this.#entries = [];
    this.#bytes = 2;
    this.#nextId = 1;
    this.#epoch += 1;
  }
}
