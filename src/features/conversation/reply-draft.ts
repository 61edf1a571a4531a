/**
 * What is typed in a task's Reply box, per task, as a stored draft (`lib/draft-store.ts`): a
 * reload, a closed tab or a look at another task never throws it away. At most `MAX_DRAFTS`
 * tasks keep one, and one untouched for a month is dropped. Sending moves the text to the outbox.
 */
import { createDraftStore, useDraft } from '@/lib/draft-store';

export const REPLY_DRAFTS_KEY = 'agent-console:reply-drafts';
export const MAX_DRAFTS = 50;
export const DRAFT_TTL_MS = 30 * 24 * 60 * 60_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const store = createDraftStore<string>({
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

export function loadReplyDraft(taskId: string): string {
  return store.get(taskId);
}

/** Saves the task's draft; an empty (or blank) one removes it. */
export function saveReplyDraft(taskId: string, text: string): void {
  store.set(taskId, text);
  store.flush();
}

export function clearReplyDraft(taskId: string): void {
  store.clear(taskId);
}

/** The task's draft as state: `[text, setText, clear]`. */
export function useReplyDraft(taskId: string): [string, (text: string) => void, () => void] {
  return useDraft(store, taskId);
}
