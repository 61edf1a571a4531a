/** When a person may write to a task and what to say when not (or when a reply failed): allowed
 *  while `waiting_for_input` or `running` (§3.12) and for a status this build does not know;
 *  refused for the other known ones. Pure. */
import { ApiError } from '@/api/http';
import { describeError, type AdviceContext, type ErrorDescription } from '@/lib/error-advice';

export type ReplyAvailability =
  { allowed: true; hint: string | undefined } | { allowed: false; reason: string };

export const ENDED_REASON = 'This task has ended: start a new run to continue.';

export function replyAvailability(status: string | undefined): ReplyAvailability {
  switch (status) {
    case 'waiting_for_input':
      return { allowed: true, hint: 'The agent is waiting for your answer.' };
    case 'running':
      return {
        allowed: true,
        hint: 'The agent is working: it reads your message on its next turn.',
      };
    case 'pending':
    case 'queued':
      return {
        allowed: false,
        reason: 'The agent has not started on this task yet: you can write once it is running.',
      };
    case 'awaiting_review':
      return {
        allowed: false,
        reason: 'The task is awaiting review: approve or reject the step first.',
      };
    case 'completed':
    case 'failed':
    case 'stopped':
      return { allowed: false, reason: ENDED_REASON };
    default:
      return { allowed: true, hint: undefined };
  }
}

/** Raised when the conversation could not be read to learn whether a lost reply arrived. */
export class ReplyCheckError extends Error {
  override readonly name = 'ReplyCheckError';
  constructor(cause: unknown) {
    super('Could not check whether your earlier attempt arrived.', { cause });
  }
}

export function isReplyCheckError(error: unknown): error is ReplyCheckError {
  return error instanceof ReplyCheckError;
}

const REPLY_ADVICE: AdviceContext = {
  retry: 'press Retry',
  subject: 'this task',
  afterLostAnswer:
    'Your reply may have reached the agent: Retry first checks the conversation, so it is never sent twice.',
};

/** The server's words and what to do next, for a reply that failed. */
export function describeReplyError(error: unknown, status: string | undefined): ErrorDescription {
  if (isReplyCheckError(error)) {
    const cause = describeError(error.cause, REPLY_ADVICE);
    return {
      title: 'Not confirmed',
      message: cause.message,
      advice:
        'Your reply may have arrived, and the conversation could not be read to find out. Nothing was sent again: press Retry to check once more.',
    };
  }
  if (error instanceof ApiError && error.status === 409) {
    const ended = status === 'completed' || status === 'failed' || status === 'stopped';
    return {
      title: 'Not sent',
      message: error.message,
      advice: ended
        ? 'This task has ended, so it takes no more messages: start a new run to continue.'
        : 'The task cannot take a message in its current state (it may have ended): retrying will not help until that changes.',
    };
  }
  const described = describeError(error, REPLY_ADVICE);
  return { ...described, title: described.title ?? 'Not sent' };
}
