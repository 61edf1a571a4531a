/**
 * `useConversation(taskId, task)`: everything the Conversation tab shows, read and derived.
 *
 * - The messages, read again only when the polled task changes (`conversation-queries.ts`).
 * - The opening request and the pending question marked (`describeConversation`); where the
 *   messages lack the question, it is read once from `/result` — and only from a read of the
 *   current version, never decided on messages kept from before.
 * - The task's replies still in the outbox, minus any the conversation already shows.
 * - A reply whose answer was lost and that the conversation shows arrived is settled here, so
 *   the person is not asked to retry what was delivered (and it never shows twice).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { TaskListItem } from '@/api/schemas';
import { describeConversation, findDelivered } from './conversation-model';
import { conversationQueries, taskVersion } from './conversation-queries';
import { outboxEntries, removeFromOutbox, subscribeOutbox, type OutboxEntry } from './reply-outbox';

function useOutbox(taskId: string): readonly OutboxEntry[] {
  return useSyncExternalStore(subscribeOutbox, () => outboxEntries(taskId));
}

export function useConversation(taskId: string, task: TaskListItem) {
  const version = taskVersion(task);
  const messages = useQuery(conversationQueries.messages(taskId, version));
  const list = messages.data?.data;
  const view = useMemo(() => describeConversation(list ?? [], task.status), [list, task.status]);
  const needsFeed = view.questionMissing && messages.isSuccess && !messages.isPlaceholderData;
  const feedQuestion = useQuery({
    ...conversationQueries.question(taskId, version),
    enabled: needsFeed,
  });
  const outbox = useOutbox(taskId);

  useEffect(() => {
    if (!list) return;
    for (const entry of outbox) {
      if (entry.phase === 'failed' && entry.unsettled && findDelivered(list, entry)) {
        removeFromOutbox(entry.id);
      }
    }
  }, [list, outbox]);

  const fallbackQuestion = needsFeed ? (feedQuestion.data ?? undefined) : undefined;
  return {
    /** The messages read (`data`, `error`, `refetch`…), the last version's while the next loads. */
    messages,
    /** The messages, undefined until the first read. */
    list,
    entries: view.entries,
    /** The pending question from `/result`, where the messages lack it. */
    fallbackQuestion,
    hasQuestion: view.entries.some((entry) => entry.question) || fallbackQuestion !== undefined,
    /** Replies still in the outbox: sending, failed, or sent and not yet read back. */
    replies: outbox.filter(
      (entry) => !(entry.phase === 'sent' && list && findDelivered(list, entry)),
    ),
    /** Items of the list that could not be read at all. */
    unreadable: messages.data?.unreadable.length ?? 0,
  };
}
