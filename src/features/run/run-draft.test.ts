import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetModuleState } from '@/lib/module-state';
import {
  EMPTY_RUN_DRAFT,
  RUN_DRAFT_KEY,
  RUN_FORM,
  clearRunDraft,
  runDrafts,
  useRunDraft,
  type RunDraft,
} from './run-draft';

const draft: RunDraft = {
  query: 'Extract the totals',
  outputSchema: '{"total": "number"}',
  instructions: 'Dates as YYYY-MM-DD',
  plainLanguage: true,
};

const stored = () => runDrafts.get(RUN_FORM);
/** A reload: what storage holds is all a new page knows. */
const reload = resetModuleState;

beforeEach(() => localStorage.clear());

describe('the run draft', () => {
  it('survives a reload, and clearing removes it from storage', () => {
    runDrafts.set(RUN_FORM, draft);
    runDrafts.flush();
    reload();
    expect(stored()).toEqual(draft);
    clearRunDraft();
    expect(localStorage.getItem(RUN_DRAFT_KEY)).toBeNull();
    reload();
    expect(stored()).toEqual(EMPTY_RUN_DRAFT);
  });

  it('reads a draft an earlier version kept, and the readable fields of a damaged one', () => {
    localStorage.setItem(RUN_DRAFT_KEY, JSON.stringify({ version: 1, draft }));
    expect(stored()).toEqual(draft);
    localStorage.setItem(
      RUN_DRAFT_KEY,
      JSON.stringify({
        version: 1,
        draft: { query: 'keep me', outputSchema: 42, plainLanguage: 'yes' },
      }),
    );
    reload();
    expect(stored()).toEqual({ ...EMPTY_RUN_DRAFT, query: 'keep me' });
  });

  it.each([
    ['malformed JSON', '{"version": 2, "entries": {'],
    ['an unversioned value', JSON.stringify(draft)],
    ['a non-object draft', JSON.stringify({ version: 1, draft: 'hello' })],
  ])('ignores %s', (_, raw) => {
    localStorage.setItem(RUN_DRAFT_KEY, raw);
    expect(stored()).toEqual(EMPTY_RUN_DRAFT);
  });

  it('patches the form at once, and a clear from anywhere (a run that settled) empties it', () => {
    const { result } = renderHook(() => useRunDraft());
    act(() => result.current[1]({ query: 'Sum' }));
    act(() => result.current[1]({ instructions: 'Skip header rows' }));
    expect(result.current[0]).toEqual({
      ...EMPTY_RUN_DRAFT,
      query: 'Sum',
      instructions: 'Skip header rows',
    });
    act(() => clearRunDraft());
    expect(result.current[0]).toEqual(EMPTY_RUN_DRAFT);
  });
});
