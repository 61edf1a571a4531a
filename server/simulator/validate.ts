/**
 * Request validation shared by the routes. Each helper either returns a clean value or throws an
 * `ApiProblem` whose text says what was wrong and what to send instead, because the error text
 * is what a developer reads in the dashboard or their terminal.
 */
import type { Context } from 'hono';
import { bodyRecord, readJsonText } from './body';
import { isUuid } from './ids';
import { decodeCursor, type CursorKind, type Keyed } from './pagination';
import { ApiProblem } from './problem';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

/** The request's media type, lower-cased, without parameters; null when absent. */
export function mediaType(c: Context): string | null {
  const header = c.req.header('content-type');
  if (!header) return null;
  const type = header.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
}

/** `id` when it is a UUID (lower-cased), else 400 with the documented text. */
export function requireUuid(value: string, field: 'agent_id' | 'task_id'): string {
  if (!isUuid(value)) {
    throw new ApiProblem(
      400,
      `Invalid ${field} format: "${value}" is not a UUID (expected e.g. 3f2b8c1e-6d4a-4f7b-9a0c-2e5d7b1c9f80).`,
    );
  }
  return value.toLowerCase();
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a JSON object body, at most `JSON_BODY_LIMIT_BYTES` (413 beyond; `tooLargeHint` ends that
 * message). An empty body counts as `{}` when `emptyIsObject` (endpoints whose fields are all
 * optional). A body in another media type is 415, unparseable JSON or a non-object is 400.
 */
export async function readJsonObject(
  c: Context,
  { emptyIsObject, tooLargeHint }: { emptyIsObject: boolean; tooLargeHint?: string },
): Promise<Record<string, unknown>> {
  return parseJsonObject(c, await readJsonText(c, tooLargeHint), { emptyIsObject });
}

/**
 * `readJsonObject` for a body already read as `text`. The parsed JSON is noted for the request
 * log, object or not.
 */
export function parseJsonObject(
  c: Context,
  text: string,
  { emptyIsObject }: { emptyIsObject: boolean },
): Record<string, unknown> {
  const type = mediaType(c);
  if (text.trim() === '') {
    if (emptyIsObject) return {};
    throw new ApiProblem(
      400,
      'The request body is empty. Send a JSON object with Content-Type: application/json.',
    );
  }
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
  if (!isPlainObject(parsed)) {
    throw new ApiProblem(400, 'The request body must be a JSON object, e.g. {"name": "…"}.');
  }
  return parsed;
}

/** `limit` query parameter: default 20, integers 1–100 only. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_LIMIT;
  const value = /^\d{1,4}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_LIMIT) {
    throw new ApiProblem(
      400,
      `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}; got "${raw}". Omit it for ${DEFAULT_PAGE_LIMIT} items per page.`,
    );
  }
  return value;
}

/** A comma-separated subset of `allowed`; 400 naming the unknown values otherwise. */
export function parseCommaList<T extends string>(
  raw: string,
  allowed: readonly T[],
  field: string,
): Set<T> {
  const values = raw
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  const unknown = values.filter((value) => !(allowed as readonly string[]).includes(value));
  if (values.length === 0 || unknown.length > 0) {
    throw new ApiProblem(
      400,
      `${field} must be a comma-separated list of ${allowed.join(', ')}; ${
        values.length === 0
          ? 'got an empty value'
          : `unknown: ${unknown.map((v) => `"${v}"`).join(', ')}`
      }.`,
    );
  }
  return new Set(values as T[]);
}

const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO-8601 date or date-time, as epoch ms. A date alone means midnight UTC; a date-time
 * without an offset is read as UTC (the API speaks UTC everywhere).
 */
export function parseIsoDateTime(raw: string, field: string): number {
  const text = raw.trim();
  let ms = NaN;
  if (ISO_DATE_TIME.test(text)) {
    const hasTime = /[T ]/i.test(text);
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) && hasTime;
    const normalised = hasTime
      ? text.replace(' ', 'T') + (hasZone ? '' : 'Z')
      : `${text}T00:00:00Z`;
    ms = Date.parse(normalised);
  }
  if (Number.isNaN(ms)) {
    throw new ApiProblem(
      400,
      `${field} must be an ISO-8601 date-time such as 2026-05-11T10:15:00Z; got "${raw}".`,
    );
  }
  return ms;
}

/** The position a list's `cursor` parameter points after: null for the first page, 400 for a
 *  cursor this list did not hand out. */
export function parseCursor(kind: CursorKind, raw: string | undefined): Keyed | null {
  if (raw === undefined || raw === '') return null;
  const after = decodeCursor(kind, raw);
  if (after === null) {
    throw new ApiProblem(
      400,
      'cursor is not valid. Pass the next_cursor of the previous page unchanged, or omit it for the first page.',
    );
  }
  return after;
}
