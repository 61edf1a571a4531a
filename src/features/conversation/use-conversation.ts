/** `useConversation(taskId, task)`: the Conversation tab's data: messages (re-read once per change
 *  of the task while open), the opening request and pending question, the question from the trace
 *  where needed, and the outbox's replies. */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { TaskListItem } from '@/api/schemas';
import { describeConversation, feedQuestion, findDelivered, plainText } from './conversation-model';
import { conversationQueries } from './conversation-queries';
import { outboxEntries, removeFromOutbox, subscribeOutbox, type OutboxEntry } from './reply-outbox';

function useOutbox(taskId: string): readonly OutboxEntry[] {
  return useSyncExternalStore(subscribeOutbox, () => outboxEntries(taskId));
}

export function useConversation(taskId: string, task: TaskListItem) {
  const messages = useQuery(conversationQueries.messages(taskId));
  const list = messages.data?.data;
  const view = useMemo(() => describeConversation(list ?? [], task.status), [list, task.status]);
  // Only from a read of the messages as they are now, never from one the task has moved past.
  const needsFeed = view.questionMissing && messages.isSuccess && !messages.isStale;
  const feed = useQuery({ ...conversationQueries.feed(taskId), enabled: needsFeed });
  const outbox = useOutbox(taskId);

  useEffect(() => {
    if (!list) return;
    for (const entry of outbox) {
      if (entry.phase === 'failed' && entry.unsettled && findDelivered(list, entry)) {
        removeFromOutbox(entry.id);
      }
    }
  }, [list, outbox]);

  const fromFeed = needsFeed && feed.data && list ? feedQuestion(feed.data, list) : undefined;
  // A reply on its way, or one the conversation shows after the question: the answer was sent.
  const replying = outbox.some((entry) => entry.phase !== 'failed');
  const answerSent =
    task.status === 'waiting_for_input' &&
    (view.answered || fromFeed?.state === 'answered' || replying);
  const fallbackQuestion = fromFeed?.state === 'pending' && !answerSent ? fromFeed.text : undefined;
  const entries = answerSent
    ? view.entries.map((entry) => (entry.question ? { ...entry, question: false } : entry))
    : view.entries;
  const pending = entries.find((entry) => entry.question);
  return {
    /** The messages read (`data`, `error`, `refetch`…). */
    messages,
    /** The messages, undefined until the first read. */
    list,
    entries,
    /** The pending question from `/result`, where the messages lack it. */
    fallbackQuestion,
    /** The trace could not be read for the question the messages lack. */
    feedError: needsFeed && feed.isError ? feed.error : null,
    hasQuestion: pending !== undefined || fallbackQuestion !== undefined,
    /** The pending question's text, from the messages or the trace. */
    question: pending ? plainText(pending.message.content) : fallbackQuestion,
    /** The task still waits for input, but the person's answer is sent or on its way. */
    answerSent,
    /** Replies still in the outbox: sending, failed, or sent and not yet read back. */
    replies: outbox.filter(
      (entry) => !(entry.phase === 'sent' && list && findDelivered(list, entry)),
    ),
    /** Items of the list that could not be read at all. */
    unreadable: messages.data?.unreadable.length ?? 0,
  };
}
