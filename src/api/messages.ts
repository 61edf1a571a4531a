/** A task's conversation: `GET /tasks/{id}/messages` (§3.13) and `POST /tasks/{id}/message`
 *  (§3.12), read leniently (`id` or `message_id`, any `content`, odd items in `unreadable`); a 2xx
 *  reply answer that is not JSON is a lost answer (decision 0009). */
import * as v from 'valibot';
import { requestJson } from './http';
import { pageOf, type Page } from './schemas';
import { taskPath } from './tasks';

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A non-empty string, or absent; anything else (null, numbers, objects) is absent. */
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** An id as a string: ids may come as strings or numbers. */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return textOf(value);
}

// Optional: valibot requires a key to be present unless its schema is optional.
const LenientText = v.optional(v.pipe(v.unknown(), v.transform(textOf)));
const LenientId = v.optional(v.pipe(v.unknown(), v.transform(idOf)));

/** One message of `GET /tasks/{id}/messages` (§2.6), plus the `role` some backends send. */
export const TaskMessage = v.pipe(
  v.unknown(),
  v.transform((raw) => {
    const record = asRecord(raw);
    return record ? { ...record, id: record.id ?? record.message_id } : raw;
  }),
  v.looseObject({
    id: LenientId,
    task_id: LenientText,
    agent_id: LenientText,
    /** `user`/`assistant` where a backend says so; absent where it does not. */
    role: LenientText,
    /** Any JSON: a string, content blocks, or an object. */
    content: v.unknown(),
    created_at: LenientText,
    /** Set for a person's message, absent (null) for the agent's. */
    user_id: LenientId,
    parent_id: LenientId,
  }),
);
export type TaskMessage = v.InferOutput<typeof TaskMessage>;

export const TaskMessageList = pageOf(TaskMessage);
export type TaskMessageList = Page<TaskMessage>;

/** The answer to `POST /tasks/{id}/message`: the new message's id, the task's status and an
 *  acknowledgement, each where present. Some backends may answer with the message itself. */
export const MessageAccepted = v.pipe(
  v.unknown(),
  v.transform((raw) => {
    const record = asRecord(raw) ?? {};
    const nested = asRecord(record.message);
    return {
      message_id: idOf(record.message_id) ?? idOf(nested?.id) ?? idOf(record.id),
      task_id: textOf(record.task_id),
      status: textOf(record.status),
      message: textOf(record.message),
    };
  }),
);
export type MessageAccepted = v.InferOutput<typeof MessageAccepted>;

export function getTaskMessages(taskId: string, signal?: AbortSignal): Promise<TaskMessageList> {
  return requestJson(taskPath(taskId, '/messages'), { signal, schema: TaskMessageList });
}

/** Sends a reply or follow-up. Not idempotent: a retry after a lost answer must look first. */
export function postTaskMessage(
  taskId: string,
  text: string,
  signal?: AbortSignal,
): Promise<MessageAccepted> {
  return requestJson(taskPath(taskId, '/message'), {
    method: 'POST',
    body: { message: text },
    signal,
    schema: MessageAccepted,
  });
}
