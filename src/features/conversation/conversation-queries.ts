/**
 * Reads of a task's conversation. Neither has a timer of its own (decision 0008): the task page
 * already polls the task's detail, and the conversation only changes when the task does. So the
 * task's "version" — its status and `updated_at` — is part of each key: when the poller sees the
 * task move, the key changes and the conversation is read again; while it does not, the cached
 * read is kept (`staleTime: Infinity`, no refetch on focus). The previous version stays on screen
 * while the next loads (`keepPreviousData`). A finished task's version never changes again, so
 * its conversation is read once and kept.
 *
 * `question` reads `/result` for the pending `ask_user` question, only where the messages lack
 * it, once per version; the API docs advise against polling `/result`, and this never does.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getRawTaskFeed, getTaskMessages } from '@/api/messages';
import { askUserQuestion } from './conversation-model';

/** What changes when the task does: the key part that makes the conversation be read again. */
export function taskVersion(task: {
  status?: string | undefined;
  updated_at?: string | undefined;
}) {
  return `${task.status ?? ''}|${task.updated_at ?? ''}`;
}

export const conversationKeys = {
  messages: (taskId: string) => ['tasks', 'messages', taskId] as const,
  messagesAt: (taskId: string, version: string) =>
    [...conversationKeys.messages(taskId), version] as const,
  question: (taskId: string, version: string) => ['tasks', 'question', taskId, version] as const,
  reply: (taskId: string) => ['tasks', 'reply', taskId] as const,
};

export const conversationQueries = {
  messages: (taskId: string, version: string) =>
    queryOptions({
      queryKey: conversationKeys.messagesAt(taskId, version),
      queryFn: ({ signal }) => getTaskMessages(taskId, signal),
      staleTime: Infinity,
      placeholderData: keepPreviousData,
    }),

  /** The pending question from the latest `ask_user` step, or null when none can be found. */
  question: (taskId: string, version: string) =>
    queryOptions({
      queryKey: conversationKeys.question(taskId, version),
      queryFn: async ({ signal }) => askUserQuestion(await getRawTaskFeed(taskId, signal)) ?? null,
      staleTime: Infinity,
    }),
};
