/**
 * The run form's text fields as a stored draft (`lib/draft-store.ts`): a reload, a crashed tab or
 * a wrong click never throws away a long query or a hand-written schema, and a run that settles
 * after the form was left clears it all the same. Files are not kept: a page cannot store a `File`.
 */
import { useCallback } from 'react';
import { createDraftStore, useDraft } from '@/lib/draft-store';

export interface RunDraft {
  query: string;
  outputSchema: string;
  instructions: string;
  plainLanguage: boolean;
}

export const RUN_DRAFT_KEY = 'agent-console:run-draft';
/** The form keeps one draft. */
const FORM = 'form';

export const EMPTY_RUN_DRAFT: RunDraft = {
  query: '',
  outputSchema: '',
  instructions: '',
  plainLanguage: false,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parse(raw: unknown): RunDraft | undefined {
  if (!isRecord(raw)) return undefined;
  const text = (key: keyof RunDraft) => (typeof raw[key] === 'string' ? raw[key] : '');
  return {
    query: text('query'),
    outputSchema: text('outputSchema'),
    instructions: text('instructions'),
    plainLanguage: raw.plainLanguage === true,
  };
}

const store = createDraftStore<RunDraft>({
  storageKey: RUN_DRAFT_KEY,
  empty: EMPTY_RUN_DRAFT,
  isEmpty: (draft) =>
    !draft.query && !draft.outputSchema && !draft.instructions && !draft.plainLanguage,
  parse,
  // Version 1 kept `{version: 1, draft}`.
  legacy: (stored) => (stored.version === 1 ? { [FORM]: stored.draft } : undefined),
});

export function loadRunDraft(): RunDraft | null {
  const draft = store.get(FORM);
  return draft === EMPTY_RUN_DRAFT ? null : draft;
}

/** Saves the draft after a pause in typing; an empty one removes it. */
export function saveRunDraft(draft: RunDraft): void {
  store.set(FORM, draft);
  store.flush();
}

/** Empties the draft everywhere it shows, at once: the run it held was started. */
export function clearRunDraft(): void {
  store.clear(FORM);
}

/** The draft as form state: `[draft, update(patch), clear()]`. */
export function useRunDraft(): [RunDraft, (patch: Partial<RunDraft>) => void, () => void] {
  const [draft, set, clear] = useDraft(store, FORM);
  const update = useCallback(
    (patch: Partial<RunDraft>) => set({ ...store.get(FORM), ...patch }),
    [set],
  );
  return [draft, update, clear];
}
