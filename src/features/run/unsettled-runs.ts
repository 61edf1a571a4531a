/**
 * Run attempts whose fate is unknown: the request went out, and no answer said whether it
 * created a task (decision 0007). Before another Run of the same intent, the console looks for
 * the task such an attempt may have created.
 *
 * A module store in `localStorage`, not component state, for two reasons:
 *
 * - Nothing that unmounts can lose it. A panel that crashes, a route change or a reload in the
 *   middle of a request must not turn the next Run into a second task.
 * - It is written *before* the request is sent and removed only on a definite answer (write
 *   ahead), so even a tab closed mid-request leaves the marker behind.
 *
 * One entry per intent (agent + query + file names), the earliest attempt kept; entries expire
 * after an hour, when a lookup of "tasks created since then" would be too wide to be trusted.
 * Where storage is unavailable (private modes, quotas) the store lives in memory for the page.
 */
import { onResetModuleState } from '@/lib/module-state';

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
const VERSION = 1;

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

function isUnsettledRun(value: unknown): value is UnsettledRun {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.agentId === 'string' &&
    typeof entry.query === 'string' &&
    Array.isArray(entry.fileNames) &&
    entry.fileNames.every((name) => typeof name === 'string') &&
    typeof entry.since === 'number'
  );
}

function parse(raw: string | null): UnsettledRun[] {
  if (raw === null) return [];
  try {
    const stored: unknown = JSON.parse(raw);
    if (typeof stored !== 'object' || stored === null) return [];
    const { version, entries } = stored as { version?: unknown; entries?: unknown };
    return version === VERSION && Array.isArray(entries) ? entries.filter(isUnsettledRun) : [];
  } catch {
    return []; // written by another version, or damaged: nothing we can trust
  }
}

function read(now: number): UnsettledRun[] {
  let entries: UnsettledRun[];
  try {
    entries = parse(localStorage.getItem(UNSETTLED_RUNS_KEY));
  } catch {
    entries = memory; // storage unavailable: the in-memory copy is all there is
  }
  return entries.filter((entry) => now - entry.since < UNSETTLED_RUN_TTL_MS);
}

function write(entries: UnsettledRun[]): void {
  memory = entries;
  try {
    if (entries.length === 0) localStorage.removeItem(UNSETTLED_RUNS_KEY);
    else localStorage.setItem(UNSETTLED_RUNS_KEY, JSON.stringify({ version: VERSION, entries }));
  } catch {
    // Kept in memory for this page.
  }
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
