/**
 * Two small facts the polling policy needs that no response carries:
 *
 * - which tasks a task page is polling right now, so the list's refresh of its live tasks leaves
 *   them out (one poller per task, however many views show it);
 * - when the person last acted on a task (a reply, a cancel), after which its page polls every
 *   second for ten seconds to show the consequence at once.
 *
 * Module state, not React state: pollers in different components read it in their interval
 * callbacks, and nothing about it needs to render.
 */

const watchers = new Map<string, number>();
const actions = new Map<string, number>();

/** Marks a task as polled by its page until the returned function is called. */
export function watchTask(taskId: string): () => void {
  watchers.set(taskId, (watchers.get(taskId) ?? 0) + 1);
  return () => {
    const count = (watchers.get(taskId) ?? 1) - 1;
    if (count <= 0) watchers.delete(taskId);
    else watchers.set(taskId, count);
  };
}

export function isWatched(taskId: string): boolean {
  return watchers.has(taskId);
}

export function recordAction(taskId: string, at: number = Date.now()): void {
  actions.set(taskId, at);
}

export function lastActionAt(taskId: string): number | undefined {
  return actions.get(taskId);
}
