/**
 * valibot schemas of the Nanonets Agents API as the console reads it. valibot rather than zod:
 * its functions tree-shake to the ~1–2 KB these schemas use, on a first page held to 100 KB gzip.
 *
 * Lenient by design: objects are `looseObject` (unknown fields pass through, since the API may add
 * fields in v1), and fields the docs leave undocumented or inferred are optional. Strict only
 * where the UI relies on a value — ids, names, the task status enum — so a real API change
 * surfaces as a clear "unexpected shape" error instead of a blank or wrong screen.
 *
 * A schema that extends another spreads the base's `entries` into a new `looseObject`, so the
 * extended one stays just as lenient.
 *
 * Where the docs are ambiguous (see `/work/shared/api/nanonets-agents-api.md` §5, open questions
 * 2–3), `/summary` is normalised here to one reading so no component has to guess.
 */
import * as v from 'valibot';

// ---------------------------------------------------------------------------------------------
// Shared pieces

const Id = v.string();
const Timestamp = v.string();

/** `{ data, has_more, next_cursor }` — the envelope of every cursor-paginated list. */
export function pageOf<T extends v.GenericSchema>(item: T) {
  return v.looseObject({
    data: v.array(item),
    has_more: v.boolean(),
    next_cursor: v.nullish(v.string()),
  });
}

/** `{ data }` — the envelope of the unpaginated lists (versions, messages). */
export function listOf<T extends v.GenericSchema>(item: T) {
  return v.looseObject({ data: v.array(item) });
}

export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor?: string | null | undefined;
}

// ---------------------------------------------------------------------------------------------
// Agents

export const AGENT_STATUSES = ['draft', 'published', 'archived'] as const;
export const AgentStatus = v.picklist(AGENT_STATUSES);
export type AgentStatus = v.InferOutput<typeof AgentStatus>;

/** `GET /agents` items: one row per version (the docs' reading; §3.1). */
export const AgentSummary = v.looseObject({
  id: Id,
  agent_group_id: v.optional(Id),
  version_number: v.number(),
  status: AgentStatus,
  name: v.string(),
  is_active: v.boolean(),
  created_at: v.optional(Timestamp),
  updated_at: v.optional(Timestamp),
});
export type AgentSummary = v.InferOutput<typeof AgentSummary>;

/** The full agent (get / create / patch): the summary plus its free-form `config`. */
export const Agent = v.looseObject({
  ...AgentSummary.entries,
  config: v.record(v.string(), v.unknown()),
});
export type Agent = v.InferOutput<typeof Agent>;

export const AgentVersion = AgentSummary;
export type AgentVersion = v.InferOutput<typeof AgentVersion>;

export const AgentPage = pageOf(AgentSummary);
export type AgentPage = v.InferOutput<typeof AgentPage>;

export const AgentVersionList = listOf(AgentVersion);

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
export const TaskStatus = v.picklist(TASK_STATUSES);
export type TaskStatus = v.InferOutput<typeof TaskStatus>;

/** `GET /tasks/{id}` and cancel. `title` is omitted until the platform derives one. */
export const TaskState = v.looseObject({
  task_id: Id,
  agent_id: Id,
  status: TaskStatus,
  title: v.nullish(v.string()),
  created_at: Timestamp,
  updated_at: v.optional(Timestamp),
});
export type TaskState = v.InferOutput<typeof TaskState>;

/** `GET /tasks` items. The doc example omits `status` (its generator drops enums), so it is
 *  optional here and the UI shows "Unknown" rather than failing the whole page. */
export const TaskListItem = v.looseObject({
  ...TaskState.entries,
  status: v.optional(TaskStatus),
  agent_name: v.optional(v.string()),
});
export type TaskListItem = v.InferOutput<typeof TaskListItem>;

export const TaskPage = pageOf(TaskListItem);
export type TaskPage = v.InferOutput<typeof TaskPage>;

/** `GET /tasks/{id}/messages` items. `content` is any JSON. No role is documented; the
 *  simulator adds `role`, and `user_id` being null marks an agent message otherwise. */
export const TaskMessage = v.looseObject({
  id: Id,
  task_id: v.optional(Id),
  agent_id: v.optional(Id),
  content: v.unknown(),
  created_at: Timestamp,
  user_id: v.nullish(Id),
  parent_id: v.nullish(Id),
  role: v.optional(v.string()),
});
export type TaskMessage = v.InferOutput<typeof TaskMessage>;

export const TaskMessageList = listOf(TaskMessage);

/** `POST /tasks/{id}/message` response; the id's property name is not visible in the docs. */
export const MessageAccepted = v.looseObject({
  id: v.optional(Id),
  message_id: v.optional(Id),
  status: v.optional(TaskStatus),
  message: v.optional(v.string()),
});
export type MessageAccepted = v.InferOutput<typeof MessageAccepted>;

/** One entry of the `/result` feed. Undocumented upstream, so every field is optional and any
 *  `type` is allowed: the trace viewer renders unknown kinds generically. */
export const FeedItem = v.looseObject({
  id: v.optional(v.string()),
  type: v.optional(v.string()),
  name: v.nullish(v.string()),
  role: v.nullish(v.string()),
  arguments: v.optional(v.unknown()),
  content: v.optional(v.unknown()),
  output: v.optional(v.unknown()),
  result: v.optional(v.unknown()),
  created_at: v.nullish(v.string()),
  duration_ms: v.nullish(v.number()),
});
export type FeedItem = v.InferOutput<typeof FeedItem>;

/** `GET /tasks/{id}/result`: the task plus its chronological `feed`. */
export const TaskResult = v.looseObject({
  ...TaskState.entries,
  feed: v.array(FeedItem),
});
export type TaskResult = v.InferOutput<typeof TaskResult>;

// ---------------------------------------------------------------------------------------------
// Summary

export interface NormalizedSummary {
  /** The final answer as text, when one can be found in any of the documented readings. */
  answer: string | undefined;
  /** The raw answer field (`result`, or the top-level `summary`), for a generic JSON view. */
  answerRaw: unknown;
  /** Structured extraction, wherever it sits (`result.extracted_data`,
   *  `result.structuredContent.extracted_data` or top-level `extracted_data`). */
  extractedData: unknown;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function textOfContentBlocks(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const texts = value
    .map((block) => asRecord(block))
    .filter((block) => block?.type === 'text' && typeof block.text === 'string')
    .map((block) => block?.text as string);
  return texts.length ? texts.join('\n\n') : undefined;
}

/**
 * Reads `/summary` whichever way the platform lays it out. The answer can be: a string `result`
 * (the last non-transient feed item), `result.summary` (the `{summary, completed_at}`
 * narrowing), `result.structuredContent.summary` or `result.content[].text` (the whole
 * `task_complete` result), or a top-level `summary`. Exported for its unit tests.
 */
export function normalizeSummary(raw: Record<string, unknown>): NormalizedSummary {
  const result = raw.result;
  const resultRecord = asRecord(result);
  const structured = asRecord(resultRecord?.structuredContent);
  const candidates: unknown[] = [
    result,
    resultRecord?.summary,
    structured?.summary,
    textOfContentBlocks(resultRecord?.content),
    raw.summary,
  ];
  const answer = candidates.find((value): value is string => typeof value === 'string');
  const extractedData =
    resultRecord?.extracted_data ?? structured?.extracted_data ?? raw.extracted_data;
  return {
    answer,
    answerRaw: result ?? raw.summary,
    extractedData: extractedData ?? undefined,
  };
}

const SummaryFields = v.looseObject({
  ...TaskState.entries,
  result: v.optional(v.unknown()),
  summary: v.optional(v.unknown()),
  extracted_data: v.optional(v.unknown()),
});

/** `GET /tasks/{id}/summary`, with the answer and extracted data normalised. */
export const Summary = v.pipe(
  SummaryFields,
  v.transform((value) => ({ ...value, ...normalizeSummary(value) })),
);
export type Summary = v.InferOutput<typeof Summary>;

// ---------------------------------------------------------------------------------------------
// Run

/** `POST /agents/{id}/run` response. */
export const RunResponse = v.looseObject({
  task_id: Id,
  agent_id: v.optional(Id),
  status: v.optional(TaskStatus),
  message: v.optional(v.string()),
  created_at: v.optional(Timestamp),
});
export type RunResponse = v.InferOutput<typeof RunResponse>;

// ---------------------------------------------------------------------------------------------
// The console's own endpoint (served by the dev server, not the API)

/** `GET /__console/backend`: which backend the proxy talks to. */
/** Upload limits the dashboard server announces (the simulator's options, or the operator's
 *  `NANONETS_MAX_*`); absent when nothing is known and the form keeps its defaults. */
const FileLimits = v.optional(v.object({ maxFileBytes: v.number(), maxFiles: v.number() }));

export const BackendInfo = v.variant('mode', [
  v.looseObject({ mode: v.literal('simulator'), label: v.string(), limits: FileLimits }),
  v.looseObject({
    mode: v.literal('upstream'),
    label: v.string(),
    baseUrl: v.optional(v.string()),
    limits: FileLimits,
  }),
]);
export type BackendInfo = v.InferOutput<typeof BackendInfo>;
