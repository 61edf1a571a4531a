/**
 * What this browser ran each task with: the query, output schema, instructions and files (names,
 * and sizes and types where recorded) given on the New run form. The API cannot say (it stores
 * the query as the task's first message at best, and never the schema), yet "Run again" wants to
 * prefill the form, the task list wants the start of the query for a task that has no title yet,
 * the task page shows what it was given, and a result can be checked against its schema.
 *
 * Best-effort `localStorage`, capped to the most recent entries; a browser that never ran a task
 * simply knows nothing, and every reader copes with that.
 */
import { onResetModuleState } from './module-state';

export interface SentFile {
  name: string;
  size: number;
  type?: string;
}

export interface TaskInputs {
  agentId: string;
  query: string;
  outputSchema: string;
  instructions: string;
  plainLanguage: boolean;
  fileNames: string[];
  /** Each file as sent (name, bytes, type); absent from entries stored before sizes were kept. */
  files?: SentFile[];
  /** Epoch ms when the run was started. */
  startedAt: number;
}

export const TASK_INPUTS_KEY = 'agent-console:task-inputs';
const VERSION = 1;
/** Enough for weeks of hand-run tasks; the oldest go first. */
const MAX_ENTRIES = 500;

type Stored = Record<string, TaskInputs>;

function isTaskInputs(value: unknown): value is TaskInputs {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.agentId === 'string' &&
    typeof entry.query === 'string' &&
    typeof entry.outputSchema === 'string' &&
    typeof entry.instructions === 'string' &&
    typeof entry.plainLanguage === 'boolean' &&
    Array.isArray(entry.fileNames) &&
    typeof entry.startedAt === 'number'
  );
}

let cache: Stored | null = null;

function readAll(): Stored {
  if (cache) return cache;
  let entries: Stored = {};
  try {
    const raw = localStorage.getItem(TASK_INPUTS_KEY);
    const stored: unknown = raw === null ? null : JSON.parse(raw);
    const { version, tasks } = (stored ?? {}) as { version?: unknown; tasks?: unknown };
    if (version === VERSION && typeof tasks === 'object' && tasks !== null) {
      entries = Object.fromEntries(
        Object.entries(tasks as Record<string, unknown>).filter(([, entry]) => isTaskInputs(entry)),
      ) as Stored;
    }
  } catch {
    // Unreadable or unavailable storage: nothing is known.
  }
  cache = entries;
  return entries;
}

export function taskInputsOf(taskId: string): TaskInputs | undefined {
  const all = readAll();
  // A task id comes from the URL or the API: `constructor` must not find `Object`.
  return Object.hasOwn(all, taskId) ? all[taskId] : undefined;
}

export function rememberTaskInputs(taskId: string, inputs: TaskInputs): void {
  const kept = Object.entries({ ...readAll(), [taskId]: inputs })
    .sort(([, a], [, b]) => b.startedAt - a.startedAt)
    .slice(0, MAX_ENTRIES);
  cache = Object.fromEntries(kept);
  try {
    localStorage.setItem(TASK_INPUTS_KEY, JSON.stringify({ version: VERSION, tasks: cache }));
  } catch {
    // Known for this page only.
  }
}

/** Tasks this browser started within `maxAgeMs`, newest first. */
export function recentTaskIds(maxAgeMs = 24 * 60 * 60_000, now = Date.now()): string[] {
  return Object.entries(readAll())
    .filter(([, inputs]) => now - inputs.startedAt < maxAgeMs)
    .sort(([, a], [, b]) => b.startedAt - a.startedAt)
    .map(([taskId]) => taskId);
}

/** Forgets the in-memory copy (tests, or another tab's writes). */
export const reloadTaskInputs = onResetModuleState(() => {
  cache = null;
});
