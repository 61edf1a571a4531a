/** Run attempts whose fate is unknown (sent, no answer said whether a task exists), stored before
 *  the request goes out so the next Run of that intent looks first (decision 0007). */
import * as v from 'valibot';
import { onResetModuleState } from '@/lib/module-state';
import { stored } from '@/lib/stored';

export interface RunIntentKey {
  agentId: string;
  query: string;
  fileNames: readonly string[];
}

export interface UnsettledRun extends RunIntentKey {
  /** Epoch ms when the first attempt of this intent whose fate is unknown was sent. */
  since: number;
}

export const UNSETTLED_RUNS_KEY = 'agent-console:unsettled-runs';
export const UNSETTLED_RUN_TTL_MS = 60 * 60_000;

let memory: UnsettledRun[] = [];
onResetModuleState(() => {
  memory = [];
});

function sameIntent(a: RunIntentKey, b: RunIntentKey): boolean {
  const names = (intent: RunIntentKey) => JSON.stringify([...intent.fileNames].sort());
  return (
    a.agentId === b.agentId &&
    a.query.replace(/\s+/g, ' ').trim() === b.query.replace(/\s+/g, ' ').trim() &&
    names(a) === names(b)
  );
}

const Entry = v.object({
  agentId: v.string(),
  query: v.string(),
  fileNames: v.array(v.string()),
  since: v.number(),
});

const storage = stored<{ entries: UnsettledRun[] }>({
  key: UNSETTLED_RUNS_KEY,
  version: 1,
  parse: (data) =>
    Array.isArray(data.entries)
      ? { entries: data.entries.filter((entry): entry is UnsettledRun => v.is(Entry, entry)) }
      : undefined,
});

/** One entry per intent, the earliest attempt kept; after an hour a lookup of "tasks created
 *  since then" would be too wide to be trusted. */
function read(now: number): UnsettledRun[] {
  const found = storage.read();
  // Unavailable storage: the copy in memory is all there is.
  const entries = found === undefined ? memory : (found?.entries ?? []);
  return entries.filter((entry) => now - entry.since < UNSETTLED_RUN_TTL_MS);
}

function write(entries: UnsettledRun[]): void {
  memory = entries;
  // Refused (quota, no storage): kept in memory for this page.
  storage.write(entries.length === 0 ? undefined : { entries });
}

/** The unsettled attempt of this intent, if one is younger than an hour. */
export function findUnsettledRun(intent: RunIntentKey, now = Date.now()): UnsettledRun | undefined {
  return read(now).find((entry) => sameIntent(entry, intent));
}

/** Records that an attempt of this intent is about to be sent; an earlier one is kept. */
export function markRunUnsettled(run: UnsettledRun, now = Date.now()): void {
  const entries = read(now);
  if (entries.some((entry) => sameIntent(entry, run))) return;
  write([
    ...entries,
    {
      agentId: run.agentId,
      query: run.query,
      fileNames: [...run.fileNames],
      since: run.since,
    },
  ]);
}

/** The intent's fate is known (a task was created or found, or the API said no). */
export function settleRun(intent: RunIntentKey, now = Date.now()): void {
  const entries = read(now);
  const kept = entries.filter((entry) => !sameIntent(entry, intent));
  if (kept.length !== entries.length) write(kept);
}
