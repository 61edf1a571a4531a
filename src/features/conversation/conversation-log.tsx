/** The conversation as a chat `log`: one `listitem` per message, then the question from the feed
 *  when the messages lack it, then outbox replies (sending, or failed with Retry). Authors are
 *  named in words; the pending question is labelled `Question`. */
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icon';
import { cn } from '@/lib/cn';
import { formatClockTime, formatExactTime } from '@/lib/format';
import type { ConversationEntry } from './conversation-model';
import { MessageContent } from './message-content';
import type { OutboxEntry } from './reply-outbox';
import { describeReplyError } from './reply-policy';

const BUBBLE = 'min-w-0 max-w-[85%] space-y-1 rounded-lg border px-3 py-2';
const PERSON = 'border-accent/30 bg-accent/5';
const AGENT = 'border-border bg-surface';
const QUESTION = 'border-status-waiting/60 bg-status-waiting/5 ring-1 ring-status-waiting/40';

function MessageTime({ at }: { at: string | number | undefined }) {
  if (at === undefined) return null;
  const time = typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(time)) return null;
  return (
    <time dateTime={new Date(time).toISOString()} title={formatExactTime(time)}>
      {formatClockTime(time)}
    </time>
  );
}

function QuestionLabel() {
  return (
    <span className="inline-flex items-center gap-1 rounded-full border border-status-waiting/40 bg-status-waiting/10 px-2 py-0.5 font-medium text-status-waiting">
      <Icon name="message-question" size="sm" />
      Question
    </span>
  );
}

function Header({ children }: { children: ReactNode }) {
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted">{children}</p>
  );
}

export function MessageItem({
  entry,
  questionId,
}: {
  entry: ConversationEntry;
  /** The id the pending question's text gets, for the Reply box to be described by. */
  questionId: string;
}) {
  const { message, sender, opening, question } = entry;
  if (opening) {
    return (
      <li className="rounded-lg border border-border bg-surface-muted px-3 py-2">
        <Header>
          <span className="font-medium text-text">Request</span>
          <span>The request that started this task</span>
          <MessageTime at={message.created_at} />
        </Header>
        <div className="mt-1">
          <MessageContent content={message.content} sender="person" />
        </div>
      </li>
    );
  }
  const person = sender === 'person';
  return (
    <li className={cn('flex', person ? 'justify-end' : 'justify-start')}>
      <div className={cn(BUBBLE, question ? QUESTION : person ? PERSON : AGENT)}>
        <Header>
          <span className="font-medium text-text">{person ? 'You' : 'Agent'}</span>
          {question ? <QuestionLabel /> : null}
          <MessageTime at={message.created_at} />
        </Header>
        <div id={question ? questionId : undefined}>
          <MessageContent content={message.content} sender={sender} />
        </div>
      </div>
    </li>
  );
}

/** The pending question where only `/result` had it. */
export function FeedQuestionItem({ text, questionId }: { text: string; questionId: string }) {
  return (
    <li className="flex justify-start">
      <div className={cn(BUBBLE, QUESTION)}>
        <Header>
          <span className="font-medium text-text">Agent</span>
          <QuestionLabel />
          <span>from the task’s activity</span>
        </Header>
        <div id={questionId}>
          <MessageContent content={text} sender="agent" />
        </div>
      </div>
    </li>
  );
}

export interface OutboxItemProps {
  entry: OutboxEntry;
  error: unknown;
  taskStatus: string | undefined;
  /** A reply of this task is in flight: Retry waits. */
  busy: boolean;
  onRetry: () => void;
  /** Put the text back in the Reply box (only where it surely did not arrive). */
  onEdit: () => void;
}

export function OutboxItem({ entry, error, taskStatus, busy, onRetry, onEdit }: OutboxItemProps) {
  const failed = entry.phase === 'failed';
  const described = failed && error !== undefined ? describeReplyError(error, taskStatus) : null;
  return (
    <li className="flex justify-end">
      <div className={cn(BUBBLE, failed ? 'border-danger/50 bg-danger/5' : PERSON)}>
        <Header>
          <span className="font-medium text-text">You</span>
          {entry.phase === 'sending' ? (
            <span className="inline-flex items-center gap-1">
              <Icon name="spinner" size="sm" className="motion-safe:animate-spin" />
              Sending…
            </span>
          ) : entry.phase === 'sent' ? (
            <span>Sent</span>
          ) : (
            <span className="inline-flex items-center gap-1 font-medium text-danger">
              <Icon name="alert-triangle" size="sm" />
              {entry.unsettled ? 'Not confirmed' : 'Not sent'}
            </span>
          )}
        </Header>
        <MessageContent content={entry.text} sender="person" />
        {failed ? (
          <div className="space-y-2 border-t border-danger/30 pt-2 text-sm">
            {described ? (
              <div role="alert" className="space-y-1">
                <p className="font-medium [overflow-wrap:anywhere]">{described.message}</p>
                <p className="text-muted">{described.advice}</p>
              </div>
            ) : (
              <p className="text-muted">
                {entry.unsettled
                  ? 'This reply may not have reached the agent. Retry first checks the conversation, so it is never sent twice.'
                  : 'This reply was not sent.'}
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              <Button size="sm" onClick={onRetry} aria-disabled={busy || undefined}>
                Retry
              </Button>
              {entry.unsettled ? null : (
                <Button size="sm" variant="ghost" onClick={onEdit}>
                  Edit
                </Button>
              )}
            </div>
          </div>
        ) : null}
      </div>
    </li>
  );
}
