/** `useSendReply(taskId, onAction)`: delivers a reply once, through the outbox, one delivery per
 *  task at a time, never retrying by itself; after a lost answer it reads the conversation before
 *  sending again (decision 0009). */
import {
  useIsMutating,
  useMutation,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ApiError } from '@/api/http';
import { getTaskMessages, postTaskMessage, type MessageAccepted } from '@/api/messages';
import { taskPath } from '@/api/tasks';
import { taskKeys, taskMutationKeys } from '@/entities/task/keys';
import { isLostAnswer } from '@/lib/error-advice';
import { countSameText, findDelivered } from './conversation-model';
import {
  addToOutbox,
  findOutboxEntry,
  getOutboxEntry,
  removeFromOutbox,
  updateOutboxEntry,
} from './reply-outbox';
import { ReplyCheckError } from './reply-policy';

/** How long to wait for the API's answer to a reply before taking it as lost. */
export const REPLY_TIMEOUT_MS = 30_000;
/** How long the check of the conversation before a retry may take. */
export const CHECK_TIMEOUT_MS = 15_000;

export interface DeliverVariables {
  entryId: string;
  /** Person messages with the reply's text the view knows of now, if it has the conversation. */
  baseline: number | undefined;
}

export interface DeliverResult {
  /** An earlier attempt had delivered it: nothing was sent this time. */
  recovered: boolean;
  answer: MessageAccepted | undefined;
}

async function withTimeout<T>(
  ms: number,
  request: { method: string; path: string },
  run: (signal: AbortSignal) => Promise<T>,
) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  try {
    return await run(controller.signal);
  } catch (error) {
    if (timedOut) {
      throw new ApiError({
        kind: 'network',
        status: 0,
        message: `No answer from the API within ${ms / 1000} s.`,
        ...request,
        cause: error,
      });
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function deliver(taskId: string, variables: DeliverVariables): Promise<DeliverResult> {
  const entry = getOutboxEntry(variables.entryId);
  // Settled meanwhile (the conversation showed it arrived): nothing to send.
  if (!entry) return { recovered: true, answer: undefined };
  let baseline = entry.baseline ?? variables.baseline;

  if (entry.unsettled) {
    let messages;
    try {
      messages = await withTimeout(
        CHECK_TIMEOUT_MS,
        { method: 'GET', path: taskPath(taskId, '/messages') },
        (signal) => getTaskMessages(taskId, signal),
      );
    } catch (error) {
      const failure = new ReplyCheckError(error);
      updateOutboxEntry(entry.id, { phase: 'failed' }, failure);
      throw failure;
    }
    if (findDelivered(messages.data, entry)) {
      removeFromOutbox(entry.id);
      return { recovered: true, answer: undefined };
    }
    // The earlier attempt left nothing we can see: from here on only this attempt matters.
    baseline = countSameText(messages.data, entry.text);
    if (!getOutboxEntry(entry.id)) return { recovered: true, answer: undefined };
  }

  // Write ahead: from here the reply may reach the API whatever happens to this page.
  updateOutboxEntry(entry.id, {
    phase: 'sending',
    unsettled: true,
    since: Date.now(),
    baseline,
  });
  try {
    const answer = await withTimeout(
      REPLY_TIMEOUT_MS,
      { method: 'POST', path: taskPath(taskId, '/message') },
      (signal) => postTaskMessage(taskId, entry.text, signal),
    );
    updateOutboxEntry(entry.id, { phase: 'sent', unsettled: false });
    return { recovered: false, answer };
  } catch (error) {
    updateOutboxEntry(entry.id, { phase: 'failed', unsettled: isLostAnswer(error) }, error);
    throw error;
  }
}

/** Reads the conversation again; the reply's bubble goes once the read shows the real one. */
function afterDelivery(queryClient: QueryClient, taskId: string, entryId: string): void {
  void queryClient
    .invalidateQueries({ queryKey: taskKeys.messages(taskId) })
    .finally(() => removeFromOutbox(entryId));
}

export function useSendReply(taskId: string, onAction: () => void) {
  const queryClient = useQueryClient();
  // Its key also opens the task page's fast polling window (`lastActionAt`).
  const mutationKey = taskMutationKeys.reply(taskId);
  // The mutation may settle after the view unmounted; it still tells the page.
  const onActionRef = useRef(onAction);
  useEffect(() => {
    onActionRef.current = onAction;
  });

  const mutation = useMutation({
    mutationKey,
    mutationFn: (variables: DeliverVariables) => deliver(taskId, variables),
    // Offline, a paused mutation would wait silently; a reply fails at once and says why.
    networkMode: 'always',
    onSuccess: (_result, variables) => {
      onActionRef.current();
      afterDelivery(queryClient, taskId, variables.entryId);
    },
    onError: (error) => {
      if (isLostAnswer(error)) {
        onActionRef.current();
        void queryClient.invalidateQueries({ queryKey: taskKeys.messages(taskId) });
      }
    },
  });
  const inFlight = useIsMutating({ mutationKey }) > 0;

  const busy = () => queryClient.isMutating({ mutationKey }) > 0;

  return {
    /**
     * Sends `text` unless a reply of this task is in flight; false when the call was dropped.
     * The same text still in the outbox (failed) is retried rather than added twice.
     */
    send: (text: string, baseline: number | undefined): boolean => {
      if (busy() || text.trim() === '') return false;
      // A reply already accepted is not this one: the same text may be meant twice.
      const found = findOutboxEntry(taskId, text);
      const existing = found?.phase === 'sent' ? undefined : found;
      const entry = existing ?? addToOutbox({ taskId, text, baseline });
      if (existing) updateOutboxEntry(existing.id, { phase: 'sending' });
      mutation.mutate({ entryId: entry.id, baseline: existing ? undefined : baseline });
      return true;
    },
    /** Sends a failed reply again (checking first if its fate is unknown). */
    retry: (entryId: string, baseline: number | undefined): boolean => {
      if (busy() || !getOutboxEntry(entryId)) return false;
      updateOutboxEntry(entryId, { phase: 'sending' });
      mutation.mutate({ entryId, baseline });
      return true;
    },
    isSending: mutation.isPending || inFlight,
  };
}
