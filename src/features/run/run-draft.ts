/** The run form's text fields as a stored draft (`lib/draft-store.ts`); files are not kept (a page
 *  cannot store a `File`). */
import { createDraftStore, useDraftFields } from '@/lib/draft-store';
import { isRecord } from '@/lib/stored';

export interface RunDraft {
  query: string;
  outputSchema: string;
  instructions: string;
  plainLanguage: boolean;
}

export const RUN_DRAFT_KEY = 'agent-console:run-draft';
/** The form keeps one draft, under this key. */
export const RUN_FORM = 'form';

export const EMPTY_RUN_DRAFT: RunDraft = {
  query: '',
  outputSchema: '',
  instructions: '',
  plainLanguage: false,
};

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

export const runDrafts = createDraftStore<RunDraft>({
  storageKey: RUN_DRAFT_KEY,
  empty: EMPTY_RUN_DRAFT,
  isEmpty: (draft) =>
    !draft.query && !draft.outputSchema && !draft.instructions && !draft.plainLanguage,
  parse,
  // Version 1 kept `{version: 1, draft}`.
  legacy: (stored) => (stored.version === 1 ? { [RUN_FORM]: stored.draft } : undefined),
});

/** Empties the draft everywhere it shows, at once: the run it held was started. */
export function clearRunDraft(): void {
  runDrafts.clear(RUN_FORM);
}

/** The draft as form state: `[draft, update(patch), clear()]`. */
export function useRunDraft(): [RunDraft, (patch: Partial<RunDraft>) => void, () => void] {
  return useDraftFields(runDrafts, RUN_FORM);
}
