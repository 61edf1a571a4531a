/** What the simulator accepts: valibot schemas of every JSON body (a failure is a 400 carrying
 *  the first issue's text) and the readers of ids and query parameters. */
import * as v from 'valibot';
import type { OutputConfig } from './agents/types';
import { isUuid } from './ids';
import { decodeCursor, type CursorKind, type Keyed } from './pagination';
import { ApiProblem } from './problem';

/** `value` as `schema` reads it, else 400 with the first problem's text. */
export function parse<T extends v.GenericSchema>(schema: T, value: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, value, { abortPipeEarly: true });
  if (!result.success) throw new ApiProblem(400, result.issues[0].message);
  return result.output;
}

const integer = (key: string, min: number, max: number) =>
  v.message(
    v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max)),
    `${key} must be an integer from ${min} to ${max}.`,
  );
/** A string that is not blank, trimmed; absent or null reads as undefined. */
const given = (key: string) =>
  v.nullish(
    v.message(
      v.pipe(v.string(), v.trim(), v.nonEmpty()),
      `${key} must be a non-empty string when given.`,
    ),
  );
const flag = (key: string) => v.optional(v.boolean(`${key} must be true or false.`));

const DECISION = 'decision must be "approve" or "reject".';
export const ReviewBody = v.object(
  {
    decision: v.picklist(['approve', 'reject'], DECISION),
    note: v.nullish(v.string('note must be a string when given.')),
  },
  DECISION,
);

/** Its message also answers a missing `status` (valibot reports a missing key with it). */
export const FaultBody = v.object(
  {
    status: integer('status', 400, 599),
    count: v.nullish(integer('count', 1, 1_000_000)),
    retry_after: v.nullish(integer('retry_after', 0, 86_400)),
    error: given('error'),
    method: given('method'),
    path: given('path'),
  },
  'status is required: an HTTP error status from 400 to 599, e.g. {"status": 503}.',
);

export const ConfigBody = v.object({
  error_rate: v.optional(
    v.message(
      v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
      'error_rate must be a number from 0 to 1.',
    ),
  ),
  rate_limit: v.optional(
    v.message(
      v.pipe(v.number(), v.integer(), v.minValue(0)),
      'rate_limit must be a whole number of requests per minute (0 = off).',
    ),
  ),
});

export const QuirksBody = v.object({
  nulls: flag('nulls'),
  extra_fields: flag('extra_fields'),
  hostile_agent: flag('hostile_agent'),
  list_without_status: flag('list_without_status'),
});

const MESSAGE = 'message must be a non-empty string, e.g. {"message": "Use the second total."}.';
export const MessageBody = v.object(
  {
    message: v.message(
      v.pipe(
        v.string(),
        v.check((text) => text.trim() !== ''),
      ),
      MESSAGE,
    ),
  },
  MESSAGE,
);

/** `output_config`: an object, or its JSON text (as a multipart part always is). */
const OutputConfigField = v.pipe(
  v.unknown(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const value = dataset.value;
    if (typeof value !== 'string') return value;
    if (value.trim() === '') return null;
    try {
      return JSON.parse(value) as unknown;
    } catch (err) {
      addIssue({
        message: `output_config is not valid JSON (${err instanceof Error ? err.message : String(err)}). Send a JSON object such as {"output_schema": "{\\"total\\": \\"number\\"}", "instructions": "…"}.`,
      });
      return NEVER;
    }
  }),
  v.nullish(
    v.object(
      {
        output_schema: v.nullish(
          v.string(
            'output_config.output_schema must be a string (serialise a JSON schema into a string, or describe the fields in words).',
          ),
        ),
        instructions: v.nullish(v.string('output_config.instructions must be a string.')),
      },
      'output_config must be a JSON object with optional "output_schema" and "instructions" strings.',
    ),
  ),
  v.transform((config): OutputConfig | null => config ?? null),
);

/** A run's text fields, from JSON or from multipart text parts; a blank query reads as none. */
export const RunFields = v.object({
  query: v.pipe(
    v.nullish(v.string('query must be a string.')),
    v.transform((query) => (query == null || query.trim() === '' ? null : query)),
  ),
  output_config: v.optional(OutputConfigField),
});

/** `value` when it is a UUID (lower-cased), else 400 with the documented text. */
export function requireUuid(value: string, field: 'agent_id' | 'task_id'): string {
  if (!isUuid(value)) {
    throw new ApiProblem(
      400,
      `Invalid ${field} format: "${value}" is not a UUID (expected e.g. 3f2b8c1e-6d4a-4f7b-9a0c-2e5d7b1c9f80).`,
    );
  }
  return value.toLowerCase();
}

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

/** `limit`: default 20, integers 1–100 only. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_LIMIT;
  const value = /^\d{1,4}$/.test(raw.trim()) ? Number(raw.trim()) : 0;
  if (value < 1 || value > MAX_PAGE_LIMIT) {
    throw new ApiProblem(
      400,
      `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}; got "${raw}". Omit it for ${DEFAULT_PAGE_LIMIT} items per page.`,
    );
  }
  return value;
}

/** A comma-separated subset of `allowed` (repeated parameters joined); 400 naming the rest. */
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
    const problem =
      values.length === 0
        ? 'got an empty value'
        : `unknown: ${unknown.map((value) => `"${value}"`).join(', ')}`;
    throw new ApiProblem(
      400,
      `${field} must be a comma-separated list of ${allowed.join(', ')}; ${problem}.`,
    );
  }
  return new Set(values as T[]);
}

const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An ISO-8601 date or date-time as epoch ms; a date is midnight UTC, no offset means UTC. */
export function parseIsoDateTime(raw: string, field: string): number {
  const text = raw.trim();
  const match = ISO_DATE_TIME.exec(text);
  const hasTime = /[T ]/i.test(text);
  const ms = !match
    ? NaN
    : Date.parse(hasTime ? text.replace(' ', 'T') + (match[1] ? '' : 'Z') : `${text}T00:00:00Z`);
  if (Number.isNaN(ms)) {
    throw new ApiProblem(
      400,
      `${field} must be an ISO-8601 date-time such as 2026-05-11T10:15:00Z; got "${raw}".`,
    );
  }
  return ms;
}

/** Where a list's `cursor` points after: null for the first page, 400 for a foreign cursor. */
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
