/** What is typed in a task's Reply box, per task, as a stored draft (`lib/draft-store.ts`).
 *  Sending moves the text to the outbox. */
import { createDraftStore, useDraft } from '@/lib/draft-store';
import { isRecord } from '@/lib/stored';

export const REPLY_DRAFTS_KEY = 'agent-console:reply-drafts';
export const MAX_DRAFTS = 50;
export const DRAFT_TTL_MS = 30 * 24 * 60 * 60_000;

export const replyDrafts = createDraftStore<string>({
  storageKey: REPLY_DRAFTS_KEY,
  empty: '',
  isEmpty: (text) => text.trim() === '',
  parse: (raw) => (typeof raw === 'string' ? raw : undefined),
  // Version 1 kept `{version: 1, drafts: {taskId: {text, savedAt}}}`.
  legacy: (stored) =>
    stored.version === 1 && isRecord(stored.drafts)
      ? Object.fromEntries(
          Object.entries(stored.drafts).map(([taskId, draft]) => [
            taskId,
            isRecord(draft) ? draft.text : undefined,
          ]),
        )
      : undefined,
  maxEntries: MAX_DRAFTS,
  ttlMs: DRAFT_TTL_MS,
});

/** The task's draft as state: `[text, setText, clear]`. */
export function useReplyDraft(taskId: string): [string, (text: string) => void, () => void] {
  return useDraft(replyDrafts, taskId);
}
