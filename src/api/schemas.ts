/** valibot schemas of the Nanonets Agents API, lenient by design: loose objects, only ids
 *  required, `null` read as absent, statuses as plain strings, and a list never failing for one
 *  item (those go to `unreadable`, see `pageOf`). */
import * as v from 'valibot';

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** `schema`, or absent: `null` and a missing field both become `undefined`. */
function absent<T extends v.GenericSchema>(schema: T) {
  return v.pipe(
    v.nullish(schema),
    v.transform((value): v.InferOutput<T> | undefined => value ?? undefined),
  );
}

const Text = absent(v.string());
const Flag = absent(v.boolean());
const Count = absent(v.number());

/** The first few problems of a failed parse, as "path: message; …", for people debugging. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`)
    .join('; ');
}

/** An item of a list response that could not be read (no id, not an object, …). */
export interface UnreadableItem {
  /** Its position in the page the server sent. */
  index: number;
  raw: unknown;
  problem: string;
}

/** A cursor-paginated list, read leniently (see `pageOf`). */
export interface Page<T> {
  data: T[];
  unreadable: UnreadableItem[];
  has_more: boolean;
  next_cursor: string | undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * `{ data, has_more, next_cursor }`, the envelope of every cursor-paginated list. Also read: the
 * items under `items` or `results`, or a bare array; `hasMore` / `nextCursor`; a missing
 * `has_more` means "more" exactly when there is a cursor. Each item is parsed on its own.
 */
export function pageOf<T>(item: v.GenericSchema<unknown, T>) {
  return v.pipe(
    v.union([
      v.array(v.unknown()),
      v.looseObject({
        data: v.optional(v.array(v.unknown())),
        items: v.optional(v.array(v.unknown())),
        results: v.optional(v.array(v.unknown())),
      }),
    ]),
    v.check(
      (raw) => Array.isArray(raw) || Boolean(raw.data ?? raw.items ?? raw.results),
      'a list response needs its items in `data`',
    ),
    v.transform((raw): Page<T> => {
      const envelope = Array.isArray(raw) ? {} : (raw as Record<string, unknown>);
      const items = Array.isArray(raw) ? raw : (raw.data ?? raw.items ?? raw.results ?? []);
      const data: T[] = [];
      const unreadable: UnreadableItem[] = [];
      items.forEach((entry, index) => {
        const parsed = v.safeParse(item, entry);
        if (parsed.success) data.push(parsed.output);
        else unreadable.push({ index, raw: entry, problem: describeIssues(parsed.issues) });
      });
      const cursor = envelope.next_cursor ?? envelope.nextCursor;
      const nextCursor = typeof cursor === 'string' && cursor !== '' ? cursor : undefined;
      const hasMore = envelope.has_more ?? envelope.hasMore;
      return {
        data,
        unreadable,
        has_more: typeof hasMore === 'boolean' ? hasMore : nextCursor !== undefined,
        next_cursor: nextCursor,
      };
    }),
  );
}

/** Reads the id from `key`, or from `id` where a backend names it so. */
function withIdFrom(key: string) {
  return (raw: unknown): unknown => {
    const record = asRecord(raw);
    if (!record || typeof record[key] === 'string' || typeof record.id !== 'string') return raw;
    return { ...record, [key]: record.id };
  };
}

// ---------------------------------------------------------------------------------------------
// Agents

export const AGENT_STATUSES = ['draft', 'published', 'archived'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** `GET /agents` items: one row per version (the docs' reading; §3.1). */
export const AgentSummary = v.looseObject({
  id: v.string(),
  agent_group_id: Text,
  version_number: Count,
  /** `draft`, `published`, `archived`, or a value this build does not know. */
  status: Text,
  name: Text,
  /** Missing means unknown: the console lets the API decide whether it runs. */
  is_active: Flag,
  created_at: Text,
  updated_at: Text,
});
export type AgentSummary = v.InferOutput<typeof AgentSummary>;

/** The full agent (`GET /agents/{id}`): the summary plus its free-form `config`. */
export const Agent = v.looseObject({
  ...AgentSummary.entries,
  config: absent(v.record(v.string(), v.unknown())),
});
export type Agent = v.InferOutput<typeof Agent>;

export const AgentPage = pageOf(AgentSummary);
export type AgentPage = Page<AgentSummary>;

// ---------------------------------------------------------------------------------------------
// Tasks

export const TASK_STATUSES = [
  'pending',
  'queued',
  'running',
  'waiting_for_input',
  'awaiting_review',
  'completed',
  'failed',
  'stopped',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const TaskFields = v.looseObject({
  task_id: v.string(),
  agent_id: Text,
  /** One of `TASK_STATUSES`, or a value this build does not know (shown, treated as live). */
  status: Text,
  /** Derived by the platform from the first user message; absent until it is set. */
  title: Text,
  created_at: Text,
  updated_at: Text,
});

/** `GET /tasks/{id}` and cancel. */
export const TaskState = v.pipe(v.unknown(), v.transform(withIdFrom('task_id')), TaskFields);
export type TaskState = v.InferOutput<typeof TaskState>;

/** `GET /tasks` items: the task's state plus the agent's name. The docs' example shows no
 *  `status` on items; the list view must cope with its absence. */
export const TaskListItem = v.pipe(
  v.unknown(),
  v.transform(withIdFrom('task_id')),
  v.looseObject({ ...TaskFields.entries, agent_name: Text }),
);
export type TaskListItem = v.InferOutput<typeof TaskListItem>;

export const TaskPage = pageOf(TaskListItem);
export type TaskPage = Page<TaskListItem>;

// ---------------------------------------------------------------------------------------------
// Summary

/**
 * `GET /tasks/{id}/summary`: the task's state plus its answer. Only the task's fields are read
 * here; the answer and any extracted data pass through untouched (`looseObject`) under whatever
 * names the backend uses (the docs do not show them, §5.1); the views that show them read them
 * out with `entities/task/summary-answer.ts`.
 */
export const Summary = v.pipe(
  v.unknown(),
  v.transform(withIdFrom('task_id')),
  v.looseObject({ ...TaskFields.entries }),
);
export type Summary = v.InferOutput<typeof Summary>;

// ---------------------------------------------------------------------------------------------
// Run

/** `POST /agents/{id}/run` response. */
export const RunResponse = v.pipe(
  v.unknown(),
  v.transform(withIdFrom('task_id')),
  v.looseObject({
    task_id: v.string(),
    agent_id: Text,
    status: Text,
    message: Text,
    created_at: Text,
  }),
);
export type RunResponse = v.InferOutput<typeof RunResponse>;

// ---------------------------------------------------------------------------------------------
// The console's own endpoint (served by the dashboard server, not the API)

/** Upload limits the dashboard server announces (the simulator's options, or the operator's
 *  `NANONETS_MAX_*`); absent when nothing is known and the form keeps its defaults. */
const FileLimits = v.optional(v.object({ maxFileBytes: v.number(), maxFiles: v.number() }));

/** Who is signed in, from the production server (absent from the dev server: nobody signs in). */
const Session = v.optional(
  v.object({
    mode: v.picklist(['none', 'password', 'header']),
    user: v.nullable(v.string()),
    /** Where a form posts to end the session; null when a proxy in front owns sign-in. */
    signOut: v.nullable(v.string()),
  }),
);

/** `GET /__console/backend`: which backend the proxy talks to. */
export const BackendInfo = v.variant('mode', [
  v.looseObject({
    mode: v.literal('simulator'),
    label: v.string(),
    limits: FileLimits,
    session: Session,
  }),
  v.looseObject({
    mode: v.literal('upstream'),
    label: v.string(),
    baseUrl: v.optional(v.string()),
    limits: FileLimits,
    session: Session,
  }),
]);
export type BackendInfo = v.InferOutput<typeof BackendInfo>;
