/** Exactly one task per run intent (decision 0007): after a lost answer, looks for the task the
 *  earlier attempt may have made (same agent, created since, a title derived from our query),
 *  forgiving about title derivation and strict about the rest. */
import type { TaskListItem } from '@/api/schemas';

export interface RunIntent {
  agentId: string;
  query: string;
  fileNames: readonly string[];
  /** Epoch ms of the first attempt whose fate is unknown. */
  since: number;
}

/** How far the server's clock may be behind ours without us missing the task. */
export const CLOCK_SKEW_MS = 2 * 60_000;

function normalize(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(…|\.\.\.)$/, '')
    .trim()
    .toLowerCase();
}

/** Whether a task title could have been derived from this intent's first user message. */
export function titleMatches(title: string, intent: RunIntent): boolean {
  const derived = normalize(title);
  if (derived === '') return false;
  const query = normalize(intent.query);
  if (query !== '') return query === derived || (derived.length >= 12 && query.startsWith(derived));
  // Files-only run: titled by its file names.
  return intent.fileNames.some((name) => derived.includes(name.toLowerCase()));
}

/**
 * The task an earlier attempt of this intent created, if the list shows one: the newest
 * matching task of the same agent. A task still without a title (the platform sets it after
 * pickup) matches only when it is the sole new task of that agent since the attempt.
 */
export function findTaskFromIntent(
  tasks: readonly TaskListItem[],
  intent: RunIntent,
): TaskListItem | null {
  const since = intent.since - CLOCK_SKEW_MS;
  // A task without a readable creation time cannot be placed after the attempt: never a match.
  // One without an agent id may be ours (we asked for this agent's tasks), but only by title.
  const candidates = tasks.filter(
    (task) =>
      (task.agent_id === undefined || task.agent_id === intent.agentId) &&
      task.created_at !== undefined &&
      Date.parse(task.created_at) >= since,
  );
  const titled = candidates.find((task) => task.title && titleMatches(task.title, intent));
  if (titled) return titled;
  const untitled = candidates.filter((task) => !task.title && task.agent_id === intent.agentId);
  return candidates.length === 1 && untitled.length === 1 ? (untitled[0] ?? null) : null;
}
