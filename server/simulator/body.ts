/** Request bodies, read only by the route that needs one, as a stream within a limit (413 past
 *  it), and noted on the request for the request log, which never reads a body itself. */
import type { Context } from 'hono';
import { ApiProblem } from './problem';
import type { LoggedPart } from './request-log';

const MIB = 1024 * 1024;

/** The largest JSON body any route reads (a run, a message, a fault, a review). */
export const JSON_BODY_LIMIT_BYTES = MIB;
/** Room a multipart run gets on top of its files for text parts, headers and boundaries. */
export const MULTIPART_ALLOWANCE_BYTES = MIB;

/** "1 MB", "2.5 MB" (MB = 2^20 bytes throughout the simulator). */
export function formatLimitMb(bytes: number): string {
  const mb = bytes / MIB;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** What a route read of its request body, for the request log. */
export interface BodyRecord {
  /** True once a route started reading the body. */
  read: boolean;
  /** The parsed JSON body, when one was read and parsed. */
  body: unknown;
  /** Multipart parts as they were read; null when the body was not multipart. */
  parts: LoggedPart[] | null;
}

const records = new WeakMap<Request, BodyRecord>();

export function bodyRecord(c: Context): BodyRecord {
  let record = records.get(c.req.raw);
  if (!record) {
    record = { read: false, body: null, parts: null };
    records.set(c.req.raw, record);
  }
  return record;
}

/** The request's media type, lower-cased, without parameters; null when absent. */
export function mediaType(c: Context): string | null {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
}

/**
 * The body's chunks, refused with `tooLarge()` when `Content-Length` says it is over `limit`
 * (before anything is read) or once the bytes read pass it. Leaving early cancels the read.
 */
export async function* readBodyChunks(
  c: Context,
  limit: number,
  tooLarge: () => ApiProblem,
): AsyncGenerator<Uint8Array, void, undefined> {
  const declared = /^\s*\d+\s*$/.test(c.req.header('content-length') ?? '')
    ? Number(c.req.header('content-length'))
    : null;
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

/**
 * A JSON object body of at most `JSON_BODY_LIMIT_BYTES` (413 beyond; `hint` ends the 413), noted
 * for the request log, object or not. Empty is `{}` (the route's schema names what is missing);
 * another media type is 415; bad JSON or a non-object is 400.
 */
export async function readJsonObject(c: Context, hint = ''): Promise<Record<string, unknown>> {
  const chunks: Uint8Array[] = [];
  const tooLarge = () =>
    new ApiProblem(
      413,
      `The request body is over ${formatLimitMb(JSON_BODY_LIMIT_BYTES)}, the largest JSON body accepted.${hint && ` ${hint}`}`,
    );
  for await (const chunk of readBodyChunks(c, JSON_BODY_LIMIT_BYTES, tooLarge)) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  const type = mediaType(c);
  if (type !== 'application/json' && !(type?.endsWith('+json') ?? false)) {
    throw new ApiProblem(
      415,
      `Unsupported Content-Type ${type === null ? '(none)' : `"${type}"`}. Send the body as JSON with Content-Type: application/json.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new ApiProblem(
      400,
      `The request body is not valid JSON (${detail}). Send a JSON object.`,
    );
  }
  bodyRecord(c).body = parsed;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiProblem(400, 'The request body must be a JSON object, e.g. {"name": "…"}.');
  }
  return parsed as Record<string, unknown>;
}
