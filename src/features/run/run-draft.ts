/**
 * The run form's text fields, kept in localStorage so a reload, a crashed tab or a wrong click
 * never throws away a long query or a hand-written schema. Files are not kept: browsers give
 * pages no way to store a `File` the user can send again without asking.
 *
 * Storage is best-effort by design: private modes, quotas and disabled storage make every access
 * throw, and a draft written by an older or newer console may not match; in all those cases the
 * form simply starts empty. The stored shape carries a version so a future change can migrate or
 * drop old drafts instead of misreading them.
 *
 * Writes are debounced (one per pause in typing, not per keystroke) and flushed on `pagehide` and
 * unmount, so the last keystrokes before a reload are not lost to the debounce.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface RunDraft {
  query: string;
  outputSchema: string;
  instructions: string;
  plainLanguage: boolean;
}

export const RUN_DRAFT_KEY = 'agent-console:run-draft';
const VERSION = 1;
const SAVE_DELAY_MS = 300;

export const EMPTY_RUN_DRAFT: RunDraft = {
  query: '',
  outputSchema: '',
  instructions: '',
  plainLanguage: false,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(draft: RunDraft): boolean {
  return !draft.query && !draft.outputSchema && !draft.instructions && !draft.plainLanguage;
}

export function loadRunDraft(): RunDraft | null {
  try {
    const raw = localStorage.getItem(RUN_DRAFT_KEY);
    if (raw === null) return null;
    const stored: unknown = JSON.parse(raw);
    if (!isRecord(stored) || stored.version !== VERSION || !isRecord(stored.draft)) return null;
    const { draft } = stored;
    const text = (key: keyof RunDraft) => (typeof draft[key] === 'string' ? draft[key] : '');
    return {
      query: text('query'),
      outputSchema: text('outputSchema'),
      instructions: text('instructions'),
      plainLanguage: draft.plainLanguage === true,
    };
  } catch {
    return null;
  }
}

/** Saves the draft; an empty one removes the entry so no blank draft outlives its form. */
export function saveRunDraft(draft: RunDraft): void {
  try {
    if (isEmpty(draft)) localStorage.removeItem(RUN_DRAFT_KEY);
    else localStorage.setItem(RUN_DRAFT_KEY, JSON.stringify({ version: VERSION, draft }));
  } catch {
    // Quota or disabled storage: the form still works, it just will not survive a reload.
  }
}

export function clearRunDraft(): void {
  try {
    localStorage.removeItem(RUN_DRAFT_KEY);
  } catch {
    // Nothing stored can be read back either, so there is nothing to clear.
  }
}

/**
 * The draft as form state: `[draft, update(patch), clear()]`. Starts from the stored draft;
 * every update is persisted after a pause; `clear` (after a successful run) empties both the
 * form and storage and cancels any write still pending, so the old draft cannot come back.
 */
export function useRunDraft(): [RunDraft, (patch: Partial<RunDraft>) => void, () => void] {
  const [draft, setDraft] = useState<RunDraft>(() => loadRunDraft() ?? EMPTY_RUN_DRAFT);
  const pending = useRef<RunDraft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (pending.current) saveRunDraft(pending.current);
    pending.current = null;
  }, []);

  const loadedRef = useRef(draft);
  useEffect(() => {
    // The first render shows what storage already holds; only edits need writing.
    if (draft === loadedRef.current) return;
    pending.current = draft;
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, SAVE_DELAY_MS);
  }, [draft, flush]);

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const update = useCallback((patch: Partial<RunDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
  }, []);

  const clear = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = null;
    clearRunDraft();
    setDraft(EMPTY_RUN_DRAFT);
  }, []);

  return [draft, update, clear];
}
