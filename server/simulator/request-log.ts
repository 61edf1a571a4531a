/**
 * A record of every `/api/v1` request the simulator answered, for tests that must assert on
 * what a client (the dashboard, the proxy) actually sent: method, path, query, body, multipart
 * parts and the status it got back. The key itself is never recorded, only whether auth was
 * valid, missing or invalid. Bounded so a long demo cannot grow memory without limit.
 */

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
  /** When the request arrived, ISO-8601 UTC (virtual time). */
  at: string;
  method: string;
  path: string;
  /** Query parameters; repeated ones become arrays. */
  query: Record<string, string | string[]>;
  status: number;
  auth: AuthOutcome;
  content_type: string | null;
  /** The parsed JSON body, or null (no body, not JSON, or malformed JSON). */
  body: unknown;
  /** Multipart parts in order, or null when the request was not multipart. */
  parts: LoggedPart[] | null;
}

export interface RequestLogFilter {
  /** Keeps entries whose path starts with this prefix. */
  path?: string;
  /** Keeps entries with this method (case-insensitive). */
  method?: string;
}

export const REQUEST_LOG_CAPACITY = 2_000;

export class RequestLog {
  #entries: RequestLogEntry[] = [];
  #nextId = 1;
  #epoch = 0;
  readonly #capacity: number;

  constructor(capacity = REQUEST_LOG_CAPACITY) {
    this.#capacity = capacity;
  }

  /** Changes on every `clear()`, so a request spanning a reset can tell. */
  get epoch(): number {
    return this.#epoch;
  }

  /** Reserves the next id at arrival so ids follow arrival order even when answers overlap. */
  nextId(): number {
    return this.#nextId++;
  }

  add(entry: RequestLogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.#capacity) {
      this.#entries.splice(0, this.#entries.length - this.#capacity);
    }
  }

  /** Entries oldest first (in the order they were answered). */
  list(filter: RequestLogFilter = {}): RequestLogEntry[] {
    const method = filter.method?.toUpperCase();
    return this.#entries.filter(
      (entry) =>
        (filter.path === undefined || entry.path.startsWith(filter.path)) &&
        (method === undefined || entry.method === method),
    );
  }

  clear(): void {
    this.#entries = [];
    this.#nextId = 1;
    this.#epoch += 1;
  }
}
