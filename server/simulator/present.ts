/** Record → wire shapes, the one place that decides what an answer contains, with the quirks
 *  (`POST /__sim/quirks`) applied per shape: `nulls` sends `null` for the optional fields of
 *  each shape instead of leaving them out, `extra_fields` adds an unknown field to each. */
import type { AgentRecord, FeedItem, MessageRecord, TaskRecord } from './model';
import type { Page } from './pagination';

export const NO_QUIRKS = Object.freeze({
  nulls: false,
  extraFields: false,
  hostileAgent: false,
  listWithoutStatus: false,
});
export type Quirks = { -readonly [K in keyof typeof NO_QUIRKS]: boolean };

const EXTRA_FIELD = { note: 'a field no client knows', values: [1, null, 'β', { deep: [] }] };

/** ISO-8601 UTC with a `Z` suffix (millisecond precision). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `shape` with the unknown field when `extra_fields` is on. */
function extra<T extends object>(shape: T, quirks: Quirks): T {
  return quirks.extraFields ? { ...shape, x_simulator_quirk: EXTRA_FIELD } : shape;
}

/** `{[key]: value}`, else `{[key]: null}` under `nulls`, else nothing (the field left out). */
function optional<K extends string, V>(
  key: K,
  value: V | null | undefined,
  quirks: Quirks,
): Partial<Record<K, V | null>> {
  if (value !== null && value !== undefined) return { [key]: value } as Record<K, V>;
  return quirks.nulls ? ({ [key]: null } as Record<K, null>) : {};
}

/** Optional per the API notes: `created_at`, `updated_at` (not marked required) and
 *  `description` (a simulator addition; decision 0002). */
export function toAgentSummary(agent: AgentRecord, quirks: Quirks = NO_QUIRKS) {
  const time = (ms: number) => (quirks.nulls ? null : iso(ms));
  return extra(
    {
      id: agent.id,
      agent_group_id: agent.groupId,
      version_number: agent.versionNumber,
      status: agent.status,
      name: agent.name,
      ...optional('description', agent.description, quirks),
      is_active: agent.isActive,
      created_at: time(agent.createdAt),
      updated_at: time(agent.updatedAt),
    },
    quirks,
  );
}

export function toAgent(agent: AgentRecord, quirks: Quirks = NO_QUIRKS) {
  return { ...toAgentSummary(agent, quirks), config: structuredClone(agent.config) };
}

/** Optional: `title`, left out until the task is picked up. */
export function toTaskState(task: TaskRecord, quirks: Quirks = NO_QUIRKS) {
  return extra(
    {
      task_id: task.id,
      agent_id: task.agentId,
      status: task.status,
      ...optional('title', task.title, quirks),
      created_at: iso(task.createdAt),
      updated_at: iso(task.updatedAt),
    },
    quirks,
  );
}

/** Optional besides `title`: `agent_name`; `list_without_status` leaves `status` out, as the
 *  docs' list example does. */
export function toTaskListItem(task: TaskRecord, agentName: string, quirks: Quirks = NO_QUIRKS) {
  const { status, ...state } = toTaskState(task, quirks);
  return {
    ...state,
    ...(quirks.listWithoutStatus ? {} : { status }),
    agent_name: quirks.nulls ? null : agentName,
  };
}

/** `user_id` and `parent_id` are null when unset, quirk or not. */
export function toTaskMessage(
  task: TaskRecord,
  message: MessageRecord,
  quirks: Quirks = NO_QUIRKS,
) {
  return extra(
    {
      id: message.id,
      task_id: task.id,
      agent_id: task.agentId,
      role: message.role,
      content: message.content,
      created_at: iso(message.createdAt),
      user_id: message.userId,
      parent_id: message.parentId,
    },
    quirks,
  );
}

export function toFeed(feed: readonly FeedItem[], quirks: Quirks = NO_QUIRKS): FeedItem[] {
  return quirks.extraFields ? feed.map((item) => extra(item, quirks)) : [...feed];
}

export function toPage<R, T>(page: Page<R>, item: (row: R) => T, quirks: Quirks = NO_QUIRKS) {
  return extra(
    { data: page.items.map(item), has_more: page.hasMore, next_cursor: page.nextCursor },
    quirks,
  );
}

/**
 * The answer of `/summary` (§5.1 of the API notes): the `task_complete` result, narrowed to
 * `{summary, completed_at, extracted_data?}`; else the content of the last
 * agent-authored item that has content; else `undefined` (the field is left out).
 */
export function selectSummaryAnswer(
  feed: readonly FeedItem[],
  quirks: Quirks = NO_QUIRKS,
): unknown {
  const complete = feed.find((item) => item.type === 'task_complete');
  if (complete?.result) {
    const { summary, extracted_data } = complete.result.structuredContent;
    return extra(
      {
        summary,
        completed_at: complete.created_at,
        ...(extracted_data !== undefined ? { extracted_data } : {}),
      },
      quirks,
    );
  }
  const last = feed.findLast((item) => item.role !== 'user' && item.content != null);
  return last?.content;
}

/** The wire shapes, as the presenters above build them. */
export type AgentSummaryJson = ReturnType<typeof toAgentSummary>;
export type AgentJson = ReturnType<typeof toAgent>;
export type TaskStateJson = ReturnType<typeof toTaskState>;
export type TaskListItemJson = ReturnType<typeof toTaskListItem>;
export type TaskMessageJson = ReturnType<typeof toTaskMessage>;
export interface PageJson<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}
