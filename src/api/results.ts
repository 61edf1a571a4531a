/** `GET /tasks/{id}/result` (§3.11, §5.2): the task and its feed, the array read from `feed` or
 *  another common envelope, each item kept as sent (`unknown`) for the Trace's normalizer
 *  (decision 0010). */
import * as v from 'valibot';
import { apiFetch, parseJsonText } from './http';
import { taskPath } from './tasks';

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Where backends put the feed array, in the order they are tried. */
export const FEED_ENVELOPE_KEYS = ['feed', 'steps', 'events', 'items', 'data', 'results'] as const;

export interface TaskResult {
  /** The task's fields as sent (`task_id`, `status`, `title`, `created_at`, …), feed excluded. */
  task: Record<string, unknown>;
  /** The feed items, untouched, oldest first. */
  feed: unknown[];
  /** The whole body as the server sent it, for "Download trace". */
  raw: unknown;
}

/** `/result`, read leniently (see the module header). A task that has produced nothing yet may
 *  omit the feed altogether: that is an empty trace, not an error. */
export const TaskResultSchema = v.pipe(
  v.unknown(),
  v.check(
    (raw) => Array.isArray(raw) || asRecord(raw) !== undefined,
    'a result response must be a JSON object (with its `feed`) or an array',
  ),
  v.transform((raw): TaskResult => {
    if (Array.isArray(raw)) return { task: {}, feed: raw as unknown[], raw };
    const record = asRecord(raw) ?? {};
    const key = FEED_ENVELOPE_KEYS.find((candidate) => Array.isArray(record[candidate]));
    const feed = key === undefined ? [] : (record[key] as unknown[]);
    // fromEntries defines each field: a `__proto__` from the server stays a field.
    const task = Object.fromEntries(Object.entries(record).filter(([field]) => field !== key));
    return { task, feed, raw };
  }),
);

/** The feed and what its download cost, which sets how often a live trace may be re-read. */
export interface MeasuredTaskResult extends TaskResult {
  /** Characters of the body (about its bytes). */
  bytes: number;
  /** From the request to the last byte, in ms. */
  downloadMs: number;
}

export async function getTaskResult(
  taskId: string,
  signal?: AbortSignal,
): Promise<MeasuredTaskResult> {
  const path = taskPath(taskId, '/result');
  const started = performance.now();
  const response = await apiFetch(path, { signal });
  const text = await response.text();
  const downloadMs = performance.now() - started;
  const result = parseJsonText(text, response.status, TaskResultSchema, 'GET', path);
  return { ...result, bytes: text.length, downloadMs };
}
