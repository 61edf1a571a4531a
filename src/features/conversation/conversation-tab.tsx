/** The Conversation tab: the messages, the agent's pending question and the reply controls
 *  (`task-reply.tsx`). It reads the conversation again only when the polled task changes, and
 *  puts focus in `Reply` once when opened on a task waiting for an answer. */
import { useId, useState } from 'react';
import type { TaskTabProps } from '@/entities/task/tab-props';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Skeleton } from '@/components/ui/skeleton';
import { FeedQuestionItem, MessageItem, OutboxItem } from './conversation-log';
import { outboxError } from './reply-outbox';
import { ReplyControls } from './task-reply';
import { useTaskReply } from './use-task-reply';

export function ConversationTab({ taskId, task, onAction }: TaskTabProps) {
  const reply = useTaskReply(taskId, task, onAction);
  const { conversation, sender } = reply;
  const { messages, list, replies, fallbackQuestion } = conversation;
  const [focusOnMount] = useState(() => task.status === 'waiting_for_input');
  const questionId = useId();

  const empty =
    list !== undefined && list.length === 0 && replies.length === 0 && !fallbackQuestion;

  return (
    <div className="space-y-4">
      <div role="log" aria-label="Conversation" className="space-y-3">
        {list === undefined && messages.isPending ? <LogSkeleton /> : null}
        {empty ? <p className="text-sm text-muted">No messages yet.</p> : null}
        <ol className="space-y-3">
          {conversation.entries.map((entry) => (
            <MessageItem key={entry.key} entry={entry} questionId={questionId} />
          ))}
          {fallbackQuestion ? (
            <FeedQuestionItem text={fallbackQuestion} questionId={questionId} />
          ) : null}
          {replies.map((entry) => (
            <OutboxItem
              key={entry.id}
              entry={entry}
              error={outboxError(entry.id)}
              taskStatus={task.status}
              busy={sender.isSending}
              onRetry={() => reply.retry(entry)}
              onEdit={() => reply.edit(entry)}
            />
          ))}
        </ol>
        {conversation.unreadable > 0 ? (
          <p className="text-xs text-muted">
            {conversation.unreadable === 1
              ? '1 message could not be read and is not shown.'
              : `${conversation.unreadable} messages could not be read and are not shown.`}
          </p>
        ) : null}
      </div>
      {conversation.feedError ? (
        <ApiErrorAlert
          title="The agent’s question could not be read from its trace"
          error={conversation.feedError}
        />
      ) : null}
      {messages.isError ? (
        <ApiErrorAlert
          title={
            list ? 'The conversation could not be updated' : 'The conversation could not be loaded'
          }
          error={messages.error}
          onRetry={() => void messages.refetch()}
          retrying={messages.isFetching}
        />
      ) : null}
      <ReplyControls reply={reply} questionId={questionId} focusOnMount={focusOnMount} />
    </div>
  );
}

function LogSkeleton() {
  return (
    <div aria-busy="true" className="space-y-3">
      <p className="sr-only">Loading the conversation…</p>
      <Skeleton className="h-14 w-full" />
      <Skeleton className="ml-auto h-10 w-2/3" />
      <Skeleton className="h-16 w-3/4" />
    </div>
  );
}
