/**
 * When the person stopped each task from this browser (ISO time), so a trace can tell the steps
 * that landed after the stop from the run itself. Best-effort `localStorage`, capped to the most
 * recent entries, like `task-inputs.ts`; a browser that stopped nothing knows nothing.
 */
import { onResetModuleState } from './module-state';

export const TASK_STOPS_KEY = 'agent-console:task-stops';
const VERSION = 1;
const MAX_ENTRIES = 200;

type Stored = Record<string, string>;

let cache: Stored | null = null;

const isTime = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

function readAll(): Stored {
  if (cache) return cache;
  let entries: Stored = {};
  try {
    const raw = localStorage.getItem(TASK_STOPS_KEY);
    const stored: unknown = raw === null ? null : JSON.parse(raw);
    const { version, tasks } = (stored ?? {}) as { version?: unknown; tasks?: unknown };
    if (version === VERSION && typeof tasks === 'object' && tasks !== null) {
      entries = Object.fromEntries(
        Object.entries(tasks as Record<string, unknown>).filter(([, at]) => isTime(at)),
      ) as Stored;
    }
  } catch {
    // Unreadable or unavailable storage: nothing is known.
  }
  cache = entries;
  return entries;
}

/** When this browser stopped the task, if it did. */
export function taskStoppedAt(taskId: string): string | undefined {
  const all = readAll();
  // A task id comes from the URL or the API: `constructor` must not find `Object`.
  return Object.hasOwn(all, taskId) ? all[taskId] : undefined;
}

export function rememberTaskStop(taskId: string, at: string): void {
  if (!isTime(at)) return;
  const kept = Object.entries({ ...readAll(), [taskId]: at })
    .sort(([, a], [, b]) => Date.parse(b) - Date.parse(a))
    .slice(0, MAX_ENTRIES);
  cache = Object.fromEntries(kept);
  try {
    localStorage.setItem(TASK_STOPS_KEY, JSON.stringify({ version: VERSION, tasks: cache }));
  } catch {
    // Known for this page only.
  }
}

/** Forgets the in-memory copy (tests, or another tab's writes). */
export const reloadTaskStops = onResetModuleState(() => {
  cache = null;
});
