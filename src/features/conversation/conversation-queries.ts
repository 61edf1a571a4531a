/** The Conversation tab's reads, on the task's own resources (`entities/task/queries.ts`): its
 *  messages, re-read once per change of the task while the tab is open, and — only where the
 *  messages lack it — the pending question from the trace's latest `ask_user` step. */
import { queryOptions } from '@tanstack/react-query';
import { taskQueries } from '@/entities/task/queries';

export const conversationQueries = {
  messages: (taskId: string) => taskQueries.messages(taskId),

  /** The trace's feed, where the agent's questions are when the messages lack them. */
  feed: (taskId: string) =>
    queryOptions({
      ...taskQueries.result(taskId, { follow: true }),
      select: (result) => result.feed,
    }),
};
