/**
 * The Conversation tab: the messages between the person and the agent, the agent's pending
 * question, and the Reply box.
 *
 * - The conversation is read when the tab opens and again only when the task page's poller sees
 *   the task change (its status or `updated_at`) — no timer here (`use-conversation.ts`).
 * - Whether a reply is taken comes from the polled task, never from the answer to a reply (which
 *   may still say `waiting_for_input` a moment before `running`).
 * - Replies go through the outbox (`use-send-reply.ts`): shown at once, kept when they fail,
 *   delivered once.
 * - Opened on a task waiting for an answer (from `Needs you`, a notification), it puts the focus
 *   in `Reply`, once.
 */
import { useId, useState } from 'react';
import type { TaskTabProps } from '@/entities/task/tab-props';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Skeleton } from '@/components/ui/skeleton';
import { countSameText } from './conversation-model';
import { FeedQuestionItem, MessageItem, OutboxItem } from './conversation-log';
import { ReplyBox } from './reply-box';
import { useReplyDraft } from './reply-draft';
import { outboxError, removeFromOutbox, type OutboxEntry } from './reply-outbox';
import { replyAvailability } from './reply-policy';
import { useConversation } from './use-conversation';
import { useSendReply } from './use-send-reply';

export function ConversationTab({ taskId, task, onAction }: TaskTabProps) {
  const conversation = useConversation(taskId, task);
  const { messages, list, replies, fallbackQuestion } = conversation;
  const sender = useSendReply(taskId, onAction);
  const [draft, setDraft, clearDraft] = useReplyDraft(taskId);
  const [focusOnMount] = useState(() => task.status === 'waiting_for_input');
  const questionId = useId();

  /** Person messages with this text now: what a new attempt is told apart from. */
  const baseline = (text: string) => (list ? countSameText(list, text) : undefined);

  const onSend = (text: string) => {
    if (sender.send(text, baseline(text))) clearDraft();
  };

  const onEdit = (entry: OutboxEntry) => {
    removeFromOutbox(entry.id);
    setDraft(draft.trim() === '' ? entry.text : `${draft}\n${entry.text}`);
  };

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
              onRetry={() => sender.retry(entry.id, baseline(entry.text))}
              onEdit={() => onEdit(entry)}
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
      <ReplyBox
        value={draft}
        onChange={setDraft}
        onSend={onSend}
        availability={
          conversation.answerSent
            ? { allowed: true, hint: 'Your answer was sent: the agent picks it up in a moment.' }
            : replyAvailability(task.status)
        }
        sending={sender.isSending}
        questionId={conversation.hasQuestion ? questionId : undefined}
        focusOnMount={focusOnMount}
      />
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
