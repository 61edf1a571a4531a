/**
 * Record → wire conversions. The only place that decides what a response contains, so the
 * documented shapes (and the "title omitted until set" rule) live in one file.
 */
import type {
  AgentJson,
  AgentRecord,
  AgentSummaryJson,
  FeedItem,
  MessageRecord,
  TaskListItemJson,
  TaskMessageJson,
  TaskRecord,
  TaskStateJson,
} from './model';

/** ISO-8601 UTC with a `Z` suffix (millisecond precision). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function toAgentSummary(agent: AgentRecord): AgentSummaryJson {
  return {
    id: agent.id,
    agent_group_id: agent.groupId,
    version_number: agent.versionNumber,
    status: agent.status,
    name: agent.name,
    ...(agent.description === undefined ? {} : { description: agent.description }),
    is_active: agent.isActive,
    created_at: iso(agent.createdAt),
    updated_at: iso(agent.updatedAt),
  };
}

export function toAgent(agent: AgentRecord): AgentJson {
  return { ...toAgentSummary(agent), config: structuredClone(agent.config) };
}

export function toTaskState(task: TaskRecord): TaskStateJson {
  return {
    task_id: task.id,
    agent_id: task.agentId,
    status: task.status,
    ...(task.title !== null ? { title: task.title } : {}),
    created_at: iso(task.createdAt),
    updated_at: iso(task.updatedAt),
  };
}

export function toTaskListItem(task: TaskRecord, agentName: string): TaskListItemJson {
  return { ...toTaskState(task), agent_name: agentName };
}

export function toTaskMessage(task: TaskRecord, message: MessageRecord): TaskMessageJson {
  return {
    id: message.id,
    task_id: task.id,
    agent_id: task.agentId,
    role: message.role,
    content: message.content,
    created_at: iso(message.createdAt),
    user_id: message.userId,
    parent_id: message.parentId,
  };
}

/**
 * The final-answer selection rule of `/summary` (§5.1 of the API notes):
 * 1. the `task_complete` item's result, narrowed to `{summary, completed_at}` (+ `extracted_data`
 *    when the agent extracted anything) when it carries `structuredContent.summary`, else the
 *    whole result;
 * 2. else the content of the last agent-authored item that has content (tool calls keep their
 *    output in `output`, so they are not answers; user replies are not the agent's answer);
 * 3. else `undefined`, and the caller omits the field.
 */
export function selectSummaryAnswer(feed: readonly FeedItem[]): unknown {
  const complete = feed.find((item) => item.type === 'task_complete');
  if (complete?.result) {
    const structured = complete.result.structuredContent;
    if (typeof structured.summary === 'string') {
      return {
        summary: structured.summary,
        completed_at: complete.created_at,
        ...(structured.extracted_data !== undefined
          ? { extracted_data: structured.extracted_data }
          : {}),
      };
    }
    return complete.result;
  }
  for (let i = feed.length - 1; i >= 0; i--) {
    const item = feed[i];
    if (item && item.role !== 'user' && item.content !== null && item.content !== undefined) {
      return item.content;
    }
  }
  return undefined;
}
