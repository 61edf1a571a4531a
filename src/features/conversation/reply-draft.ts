/**
 * What is typed in a task's Reply box, kept per task in `localStorage` so a reload, a closed tab
 * or a look at another task never throws it away (the run form's drafts work the same way,
 * `features/run/run-draft.ts`).
 *
 * Best-effort by design: private modes, quotas and disabled storage make every access throw, and
 * drafts written by another version may not match; then the box simply starts empty. The stored
 * shape carries a version. At most `MAX_DRAFTS` tasks keep a draft (the oldest go first), and a
 * draft untouched for a month is dropped.
 *
 * A draft ends when its text is sent: the text moves to the outbox (`reply-outbox.ts`), which
 * keeps it as durably until the API accepts it — so what the person types next is a new draft,
 * and an accepted reply can never wipe it.
 *
 * Writes are debounced (one per pause in typing) and flushed on `pagehide` and unmount.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export const REPLY_DRAFTS_KEY = 'agent-console:reply-drafts';
const VERSION = 1;
const SAVE_DELAY_MS = 300;
export const MAX_DRAFTS = 50;
export const DRAFT_TTL_MS = 30 * 24 * 60 * 60_000;

interface StoredDraft {
  text: string;
  savedAt: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readAll(now: number): Record<string, StoredDraft> {
  try {
    const raw = localStorage.getItem(REPLY_DRAFTS_KEY);
    if (raw === null) return {};
    const stored: unknown = JSON.parse(raw);
    if (!isRecord(stored) || stored.version !== VERSION || !isRecord(stored.drafts)) return {};
    const drafts: Record<string, StoredDraft> = {};
    for (const [taskId, draft] of Object.entries(stored.drafts)) {
      if (!isRecord(draft) || typeof draft.text !== 'string') continue;
      const savedAt = typeof draft.savedAt === 'number' ? draft.savedAt : now;
      if (now - savedAt < DRAFT_TTL_MS) drafts[taskId] = { text: draft.text, savedAt };
    }
    return drafts;
  } catch {
    return {};
  }
}

function writeAll(drafts: Record<string, StoredDraft>): void {
  const kept = Object.entries(drafts)
    .sort(([, a], [, b]) => b.savedAt - a.savedAt)
    .slice(0, MAX_DRAFTS);
  try {
    if (kept.length === 0) localStorage.removeItem(REPLY_DRAFTS_KEY);
    else {
      localStorage.setItem(
        REPLY_DRAFTS_KEY,
        JSON.stringify({ version: VERSION, drafts: Object.fromEntries(kept) }),
      );
    }
  } catch {
    // Quota or disabled storage: the box still works, it just will not survive a reload.
  }
}

export function loadReplyDraft(taskId: string, now = Date.now()): string {
  return readAll(now)[taskId]?.text ?? '';
}

/** Saves the task's draft; an empty (or blank) one removes it. */
export function saveReplyDraft(taskId: string, text: string, now = Date.now()): void {
  const drafts = readAll(now);
  if (text.trim() === '') {
    if (!(taskId in drafts)) return;
    delete drafts[taskId];
  } else {
    drafts[taskId] = { text, savedAt: now };
  }
  writeAll(drafts);
}

export function clearReplyDraft(taskId: string): void {
  saveReplyDraft(taskId, '');
}

/**
 * The task's draft as state: `[text, setText, clear]`. Starts from storage; edits are saved after
 * a pause; `clear` (the text was sent) empties box and storage and cancels a pending write.
 */
export function useReplyDraft(taskId: string): [string, (text: string) => void, () => void] {
  const [text, setTextState] = useState(() => loadReplyDraft(taskId));
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (pending.current !== null) saveReplyDraft(taskId, pending.current);
    pending.current = null;
  }, [taskId]);

  const setText = useCallback(
    (next: string) => {
      setTextState(next);
      pending.current = next;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_DELAY_MS);
    },
    [flush],
  );

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const clear = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = null;
    clearReplyDraft(taskId);
    setTextState('');
  }, [taskId]);

  return [text, setText, clear];
}
