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
      for (const [taskId, history] of Object.entries(stored.tasks)) {
        if (Array.isArray(history) && history.every(isTransition)) cache[taskId] = history;
      }
    }
  } catch {
    // Nothing trustworthy stored: start from what this page sees.
  }
  return cache;
}

export function transitionsOf(taskId: string): readonly Transition[] {
  return readAll()[taskId] ?? EMPTY;
}
const EMPTY: readonly Transition[] = [];

export function observeStatus(taskId: string, status: string | undefined, at: number): void {
  const all = readAll();
  const before = all[taskId] ?? [];
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
