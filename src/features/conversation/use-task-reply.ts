/** `useTaskReply(taskId, task, onAction)`: what any view that answers a task needs, in one place —
 *  the conversation read (for the pending question and the baseline of a new attempt), the typed
 *  draft, and sending through the outbox (`use-send-reply.ts`), one message per reply. */
import type { TaskListItem } from '@/api/schemas';
import { countSameText } from './conversation-model';
import { useReplyDraft } from './reply-draft';
import { removeFromOutbox, type OutboxEntry } from './reply-outbox';
import { replyAvailability, type ReplyAvailability } from './reply-policy';
import { useConversation } from './use-conversation';
import { useSendReply } from './use-send-reply';

export const ANSWER_SENT_HINT = 'Your answer was sent: the agent picks it up in a moment.';

export function useTaskReply(taskId: string, task: TaskListItem, onAction: () => void) {
  const conversation = useConversation(taskId, task);
  const sender = useSendReply(taskId, onAction);
  const [draft, setDraft, clearDraft] = useReplyDraft(taskId);
  const { list } = conversation;

  /** Person messages with this text now: what a new attempt is told apart from. */
  const baseline = (text: string) => (list ? countSameText(list, text) : undefined);

  const availability: ReplyAvailability = conversation.answerSent
    ? { allowed: true, hint: ANSWER_SENT_HINT }
    : replyAvailability(task.status);

  return {
    conversation,
    sender,
    draft,
    setDraft,
    baseline,
    availability,
    /** Sends what was typed; the box empties if it was taken. */
    sendDraft: (text: string) => {
      if (sender.send(text, baseline(text))) clearDraft();
    },
    /** Sends a suggested answer as it is; what was typed stays in the box. */
    sendSuggestion: (text: string) => sender.send(text, baseline(text)),
    /** Sends a failed reply again. */
    retry: (entry: OutboxEntry) => sender.retry(entry.id, baseline(entry.text)),
    /** Takes a reply that was not sent back into the box, after what is typed there. */
    edit: (entry: OutboxEntry) => {
      removeFromOutbox(entry.id);
      setDraft(draft.trim() === '' ? entry.text : `${draft}\n${entry.text}`);
    },
  };
}

export type TaskReplyState = ReturnType<typeof useTaskReply>;
