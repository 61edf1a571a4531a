/**
 * Request bodies, read only when a route needs one and never past a limit.
 *
 * Nothing before a route reads a body: auth, faults, the rate limit and random errors answer
 * without touching it (the node server then discards what the client still sends). A route that
 * needs its body reads it here, chunk by chunk: a `Content-Length` over the limit is refused at
 * once, and a body without one (chunked) is refused as soon as the bytes counted pass the limit,
 * with **413** in the `{"error"}` envelope and nothing kept beyond the limit.
 *
 * What a route read is noted on the request (`bodyRecord`) for the request log, which records
 * it after the answer instead of reading the body itself.
 */
import type { Context } from 'hono';
import { ApiProblem } from './problem';
import type { LoggedPart } from './request-log';

const MIB = 1024 * 1024;

/** The largest JSON body any route reads: a run's `{query, output_config}`, a message, and the
 *  control routes' fault specs and review decisions. */
export const JSON_BODY_LIMIT_BYTES = MIB;

/** Room a multipart run body gets on top of its files: the text parts, part headers and
 *  boundaries. A text part alone may be at most `JSON_BODY_LIMIT_BYTES`. */
export const MULTIPART_ALLOWANCE_BYTES = MIB;

/** "1 MB", "2.5 MB" (MB = 2^20 bytes, as everywhere in the simulator). */
export function formatLimitMb(bytes: number): string {
  const mb = bytes / MIB;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** What a route read of its request body, kept for the request log. */
export interface BodyRecord {
  /** True once a route started reading the body (past the `Content-Length` check). */
  read: boolean;
  /** The parsed JSON body, when one was read and parsed. */
  body: unknown;
  /** Multipart parts as they were read, in order; null when the body was not multipart. */
  parts: LoggedPart[] | null;
}

const records = new WeakMap<Request, BodyRecord>();

/** The request's body record (created empty on first use). */
export function bodyRecord(c: Context): BodyRecord {
  let record = records.get(c.req.raw);
  if (!record) {
    record = { read: false, body: null, parts: null };
    records.set(c.req.raw, record);
  }
  return record;
}

/** The request's `Content-Length`, or null when it has none (chunked) or an unreadable one. */
function declaredLength(c: Context): number | null {
  const raw = c.req.header('content-length');
  if (raw === undefined || !/^\s*\d+\s*$/.test(raw)) return null;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * The body's chunks, in order, stopping with `tooLarge()` (a 413) when `Content-Length` says the
 * body is over `limit` — before anything is read — or when the bytes read pass it. Stopping early
 * (an error, or the caller leaving the loop) cancels the read: nothing more is taken in, and the
 * node server discards the rest after the answer.
 */
export async function* readBodyChunks(
  c: Context,
  limit: number,
  tooLarge: () => ApiProblem,
): AsyncGenerator<Uint8Array, void, undefined> {
  const declared = declaredLength(c);
  if (declared !== null && declared > limit) throw tooLarge();
  const stream = c.req.raw.body;
  if (stream === null) return;
  bodyRecord(c).read = true;
  const reader = stream.getReader();
  let ended = false;
  try {
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        return;
      }
      total += value.byteLength;
      if (total > limit) throw tooLarge();
      yield value;
    }
  } finally {
    if (ended) reader.releaseLock();
    else void reader.cancel().catch(() => undefined);
  }
}

/** The whole body, at most `limit` bytes (413 beyond). */
export async function readLimitedBytes(
  c: Context,
  limit: number,
  tooLarge: () => ApiProblem,
): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of readBodyChunks(c, limit, tooLarge)) {
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  return Buffer.concat(chunks, size);
}

/** The body as UTF-8 text, at most `JSON_BODY_LIMIT_BYTES` (413 beyond). `hint` ends the 413. */
export async function readJsonText(c: Context, hint = ''): Promise<string> {
  const bytes = await readLimitedBytes(
    c,
    JSON_BODY_LIMIT_BYTES,
    () =>
      new ApiProblem(
        413,
        `The request body is over ${formatLimitMb(JSON_BODY_LIMIT_BYTES)}, the largest JSON body accepted.${
          hint === '' ? '' : ` ${hint}`
        }`,
      ),
  );
  return bytes.toString('utf8');
}
