/**
 * The status changes this browser observed per task (`time-in-status.ts` turns them into a
 * breakdown). Kept in `localStorage`, for the most recent tasks only, so a reload does not wipe
 * what was watched; best-effort like every store of the console.
 */
import { onResetModuleState } from '@/lib/module-state';
import { addTransition, type Transition } from './time-in-status';

const KEY = 'agent-console:task-transitions';
const VERSION = 1;
const MAX_TASKS = 200;

type Histories = Record<string, Transition[]>;

let cache: Histories | null = null;
const listeners = new Set<() => void>();
onResetModuleState(() => {
  cache = null;
});

function isTransition(value: unknown): value is Transition {
  const entry = value as Partial<Transition> | null;
  return typeof entry?.status === 'string' && typeof entry.at === 'number';
}

function readAll(): Histories {
  if (cache) return cache;
  cache = {};
  try {
    const raw = localStorage.getItem(KEY);
    const stored = (raw === null ? null : JSON.parse(raw)) as {
      version?: unknown;
      tasks?: Record<string, unknown>;
    } | null;
    if (stored?.version === VERSION && stored.tasks) {
      cache = Object.fromEntries(
        Object.entries(stored.tasks).filter(
          (entry): entry is [string, Transition[]] =>
            Array.isArray(entry[1]) && entry[1].every(isTransition),
        ),
      );
    }
  } catch {
    // Nothing trustworthy stored: start from what this page sees.
  }
  return cache;
}

/** Own entries only: a task id like `constructor` must not find `Object`. */
function historyOf(all: Histories, taskId: string): Transition[] | undefined {
  return Object.hasOwn(all, taskId) ? all[taskId] : undefined;
}

export function transitionsOf(taskId: string): readonly Transition[] {
  return historyOf(readAll(), taskId) ?? EMPTY;
}
const EMPTY: readonly Transition[] = [];

export function observeStatus(taskId: string, status: string | undefined, at: number): void {
  const all = readAll();
  const before = historyOf(all, taskId) ?? [];
  const after = addTransition(before, status, at);
  if (after === before) return;
  const kept = Object.entries({ ...all, [taskId]: after })
    .sort(([, a], [, b]) => (b.at(-1)?.at ?? 0) - (a.at(-1)?.at ?? 0))
    .slice(0, MAX_TASKS);
  cache = Object.fromEntries(kept);
  try {
    localStorage.setItem(KEY, JSON.stringify({ version: VERSION, tasks: cache }));
  } catch {
    // Kept for this page only.
  }
  for (const listener of listeners) listener();
}

export function subscribeTransitions(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
