/**
 * zod/mini schemas of the Nanonets Agents API as the console reads it.
 *
 * Lenient by design: objects are `looseObject` (unknown fields pass through, since the API may add
 * fields in v1), and fields the docs leave undocumented or inferred are optional. Strict only
 * where the UI relies on a value — ids, names, the task status enum — so a real API change
 * surfaces as a clear "unexpected shape" error instead of a blank or wrong screen.
 *
 * Where the docs are ambiguous (see `/work/shared/api/nanonets-agents-api.md` §5, open questions
 * 2–3), `/summary` is normalised here to one reading so no component has to guess.
 */
import * as z from 'zod/mini';

// ---------------------------------------------------------------------------------------------
// Shared pieces

const Id = z.string();
const Timestamp = z.string();

/** `{ data, has_more, next_cursor }` — the envelope of every cursor-paginated list. */
export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.looseObject({
    data: z.array(item),
    has_more: z.boolean(),
    next_cursor: z.nullish(z.string()),
  });
}

/** `{ data }` — the envelope of the unpaginated lists (versions, messages). */
export function listOf<T extends z.ZodMiniType>(item: T) {
  return z.looseObject({ data: z.array(item) });
}

export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor?: string | null | undefined;
}

// ---------------------------------------------------------------------------------------------
// Agents

export const AGENT_STATUSES = ['draft', 'published', 'archived'] as const;
export const AgentStatus = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof AgentStatus>;

/** `GET /agents` items: one row per version (the docs' reading; §3.1). */
export const AgentSummary = z.looseObject({
  id: Id,
  agent_group_id: z.optional(Id),
  version_number: z.number(),
  status: AgentStatus,
  name: z.string(),
  is_active: z.boolean(),
  created_at: z.optional(Timestamp),
  updated_at: z.optional(Timestamp),
});
export type AgentSummary = z.infer<typeof AgentSummary>;

/** The full agent (get / create / patch): the summary plus its free-form `config`. */
export const Agent = z.extend(AgentSummary, {
  config: z.record(z.string(), z.unknown()),
});
export type Agent = z.infer<typeof Agent>;

export const AgentVersion = AgentSummary;
export type AgentVersion = z.infer<typeof AgentVersion>;

export const AgentPage = pageOf(AgentSummary);
export type AgentPage = z.infer<typeof AgentPage>;

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
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** `GET /tasks/{id}` and cancel. `title` is omitted until the platform derives one. */
export const TaskState = z.looseObject({
  task_id: Id,
  agent_id: Id,
  status: TaskStatus,
  title: z.nullish(z.string()),
  created_at: Timestamp,
  updated_at: z.optional(Timestamp),
});
export type TaskState = z.infer<typeof TaskState>;

/** `GET /tasks` items. The doc example omits `status` (its generator drops enums), so it is
 *  optional here and the UI shows "Unknown" rather than failing the whole page. */
export const TaskListItem = z.extend(TaskState, {
  status: z.optional(TaskStatus),
  agent_name: z.optional(z.string()),
});
export type TaskListItem = z.infer<typeof TaskListItem>;

export const TaskPage = pageOf(TaskListItem);
export type TaskPage = z.infer<typeof TaskPage>;

/** `GET /tasks/{id}/messages` items. `content` is any JSON. No role is documented; the
 *  simulator adds `role`, and `user_id` being null marks an agent message otherwise. */
export const TaskMessage = z.looseObject({
  id: Id,
  task_id: z.optional(Id),
  agent_id: z.optional(Id),
  content: z.unknown(),
  created_at: Timestamp,
  user_id: z.nullish(Id),
  parent_id: z.nullish(Id),
  role: z.optional(z.string()),
});
export type TaskMessage = z.infer<typeof TaskMessage>;

export const TaskMessageList = listOf(TaskMessage);

/** `POST /tasks/{id}/message` response; the id's property name is not visible in the docs. */
export const MessageAccepted = z.looseObject({
  id: z.optional(Id),
  message_id: z.optional(Id),
  status: z.optional(TaskStatus),
  message: z.optional(z.string()),
});
export type MessageAccepted = z.infer<typeof MessageAccepted>;

/** One entry of the `/result` feed. Undocumented upstream, so every field is optional and any
 *  `type` is allowed: the trace viewer renders unknown kinds generically. */
export const FeedItem = z.looseObject({
  id: z.optional(z.string()),
  type: z.optional(z.string()),
  name: z.nullish(z.string()),
  role: z.nullish(z.string()),
  arguments: z.optional(z.unknown()),
  content: z.optional(z.unknown()),
  output: z.optional(z.unknown()),
  result: z.optional(z.unknown()),
  created_at: z.nullish(z.string()),
  duration_ms: z.nullish(z.number()),
});
export type FeedItem = z.infer<typeof FeedItem>;

/** `GET /tasks/{id}/result`: the task plus its chronological `feed`. */
export const TaskResult = z.extend(TaskState, {
  feed: z.array(FeedItem),
});
export type TaskResult = z.infer<typeof TaskResult>;

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

const SummaryFields = z.extend(TaskState, {
  result: z.optional(z.unknown()),
  summary: z.optional(z.unknown()),
  extracted_data: z.optional(z.unknown()),
});

/** `GET /tasks/{id}/summary`, with the answer and extracted data normalised. */
export const Summary = z.pipe(
  SummaryFields,
  z.transform((value) => ({ ...value, ...normalizeSummary(value) })),
);
export type Summary = z.infer<typeof Summary>;

// ---------------------------------------------------------------------------------------------
// Run

/** `POST /agents/{id}/run` response. */
export const RunResponse = z.looseObject({
  task_id: Id,
  agent_id: z.optional(Id),
  status: z.optional(TaskStatus),
  message: z.optional(z.string()),
  created_at: z.optional(Timestamp),
});
export type RunResponse = z.infer<typeof RunResponse>;

// ---------------------------------------------------------------------------------------------
// The console's own endpoint (served by the dev server, not the API)

/** `GET /__console/backend`: which backend the proxy talks to. */
export const BackendInfo = z.discriminatedUnion('mode', [
  z.looseObject({ mode: z.literal('simulator'), label: z.string() }),
  z.looseObject({
    mode: z.literal('upstream'),
    label: z.string(),
    baseUrl: z.optional(z.string()),
  }),
]);
export type BackendInfo = z.infer<typeof BackendInfo>;
