/** Answering a task, written once: `ReplyControls` (suggested replies, `Reply`, `Send`), under the
 *  Conversation's log, and `TaskReply` (the question, replies on their way, the controls) for
 *  `Needs you` and the Summary. */
import { useId, useMemo } from 'react';
import type { TaskTabProps } from '@/entities/task/tab-props';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { SafeText } from '@/components/safe-text';
import { Button } from '@/components/ui/button';
import { OutboxItem } from './conversation-log';
import { MessageContent } from './message-content';
import { ReplyBox } from './reply-box';
import { outboxError } from './reply-outbox';
import { suggestedReplies } from './suggested-replies';
import { useTaskReply, type TaskReplyState } from './use-task-reply';

export interface ReplyControlsProps {
  reply: TaskReplyState;
  /** The id of the pending question's text, for the box to be described by. */
  questionId: string | undefined;
  focusOnMount?: boolean | undefined;
}

export function ReplyControls({ reply, questionId, focusOnMount = false }: ReplyControlsProps) {
  const { conversation, sender, availability } = reply;
  const question = conversation.question;
  const suggestions = useMemo(() => suggestedReplies(question), [question]);
  const blocked = !availability.allowed || sender.isSending || conversation.answerSent;
  return (
    <div className="space-y-3">
      {suggestions.length > 0 ? (
        <div
          role="group"
          aria-label="Suggested replies"
          className="flex flex-wrap items-center gap-2"
        >
          <span className="text-xs text-muted">Suggested replies:</span>
          {suggestions.map((suggestion) => (
            <Button
              key={suggestion}
              size="sm"
              blocked={blocked}
              onClick={() => {
                if (!blocked) reply.sendSuggestion(suggestion);
              }}
            >
              <SafeText text={suggestion} />
            </Button>
          ))}
        </div>
      ) : null}
      <ReplyBox
        value={reply.draft}
        onChange={reply.setDraft}
        onSend={reply.sendDraft}
        availability={availability}
        sending={sender.isSending}
        questionId={conversation.hasQuestion ? questionId : undefined}
        focusOnMount={focusOnMount}
      />
      <p role="status" className="sr-only">
        {conversation.answerSent ? 'Answer sent.' : ''}
      </p>
    </div>
  );
}

/** The replies of this task still on their way, or failed with Retry. */
export function PendingReplies({
  reply,
  status,
}: {
  reply: TaskReplyState;
  status: string | undefined;
}) {
  const { conversation, sender } = reply;
  if (conversation.replies.length === 0) return null;
  return (
    <ol aria-label="Your replies" className="space-y-2">
      {conversation.replies.map((entry) => (
        <OutboxItem
          key={entry.id}
          entry={entry}
          error={outboxError(entry.id)}
          taskStatus={status}
          busy={sender.isSending}
          onRetry={() => reply.retry(entry)}
          onEdit={() => reply.edit(entry)}
        />
      ))}
    </ol>
  );
}

/** The pending question, the replies on their way and the controls to answer, for a task read
 *  outside its Conversation tab. */
export function TaskReply({ taskId, task, onAction }: TaskTabProps) {
  const reply = useTaskReply(taskId, task, onAction);
  const questionId = useId();
  const { conversation } = reply;
  const { messages, question } = conversation;
  return (
    <div className="space-y-3">
      {question !== undefined ? (
        <div className="space-y-1 rounded-md border border-status-waiting/50 bg-status-waiting/5 px-3 py-2">
          <p className="text-xs font-medium text-status-waiting">The agent asks</p>
          <div id={questionId}>
            <MessageContent content={question} sender="agent" />
          </div>
        </div>
      ) : messages.isPending && task.status === 'waiting_for_input' ? (
        <p className="text-sm text-muted">Reading the agent’s question…</p>
      ) : null}
      {messages.isError ? (
        <ApiErrorAlert
          title="The agent’s question could not be loaded"
          error={messages.error}
          onRetry={() => void messages.refetch()}
          retrying={messages.isFetching}
        />
      ) : null}
      {conversation.feedError ? (
        <ApiErrorAlert
          title="The agent’s question could not be read from its trace"
          error={conversation.feedError}
        />
      ) : null}
      <PendingReplies reply={reply} status={task.status} />
      <ReplyControls reply={reply} questionId={questionId} />
    </div>
  );
}
