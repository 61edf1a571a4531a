/** Which task this browser ran on another version of which (`Run on another version`), so the new
 *  task's page, and the original's, can offer to compare the two once it has finished. */
import * as v from 'valibot';
import { storedRecords } from './stored';

export const COMPARE_PAIRS_KEY = 'agent-console:compare-pairs';

export interface ComparePair {
  /** The task it was run again from. */
  originalId: string;
  /** Epoch ms when the new run was started. */
  startedAt: number;
}

const StoredPair = v.object({ originalId: v.string(), startedAt: v.number() });

const records = storedRecords<ComparePair>({
  key: COMPARE_PAIRS_KEY,
  version: 1,
  field: 'tasks',
  isValue: (value): value is ComparePair => v.is(StoredPair, value),
  madeAt: (pair) => pair.startedAt,
  maxEntries: 200,
});

export function rememberComparePair(newTaskId: string, originalId: string, now = Date.now()) {
  if (newTaskId !== originalId) records.set(newTaskId, { originalId, startedAt: now });
}

/** The task `taskId` was run again from, if this browser started it that way. */
export function originalOf(taskId: string): string | undefined {
  return records.get(taskId)?.originalId;
}

/** The tasks this browser ran from `taskId` on another version, newest first. */
export function rerunsOf(taskId: string): string[] {
  return Object.entries(records.all())
    .filter(([, pair]) => pair.originalId === taskId)
    .sort(([, a], [, b]) => b.startedAt - a.startedAt)
    .map(([newTaskId]) => newTaskId);
}

/** Forgets the in-memory copy (tests, or another tab's writes). */
export const reloadComparePairs = records.reload;
