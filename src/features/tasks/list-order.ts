/** The rows of a task list in one order, newest first, each once, whatever mix of reads brought
 *  them: the tasks that arrived since the list opened, its pages, and the tasks this browser just
 *  started. Pure, so every mix is unit-tested. */

export interface RowSources {
  /** Tasks the first page brought since the list opened, newest first. */
  arrivals: readonly string[];
  /** The list's pages, in order. */
  pages: readonly string[];
  /** Tasks started here that match the list's filters (any order). */
  local: readonly string[];
  /** The server has older tasks than the last page shows. */
  hasMore: boolean;
}

/**
 * Every task once, ordered by `createdAt` (epoch ms), newest first. A task without a creation
 * time stays right after the one the server listed before it. A task started here appears only
 * where the pages reach: an older one belongs on a page not read yet.
 */
export function orderRows(
  sources: RowSources,
  createdAt: (taskId: string) => number | undefined,
): string[] {
  const listed = [...sources.arrivals, ...sources.pages];
  const listedSet = new Set(listed);
  const oldest = listed.reduce<number | undefined>((min, taskId) => {
    const time = createdAt(taskId);
    return time === undefined ? min : min === undefined ? time : Math.min(min, time);
  }, undefined);
  const local = sources.local.filter((taskId) => {
    if (listedSet.has(taskId)) return false;
    const time = createdAt(taskId);
    return !sources.hasMore || (time !== undefined && (oldest === undefined || time >= oldest));
  });

  const seen = new Set<string>();
  const entries: { taskId: string; key: number; index: number }[] = [];
  let key = Infinity;
  for (const taskId of [...listed, ...local]) {
    if (seen.has(taskId)) continue;
    seen.add(taskId);
    key = createdAt(taskId) ?? key;
    entries.push({ taskId, key, index: entries.length });
  }
  entries.sort((a, b) => (a.key === b.key ? a.index - b.index : b.key - a.key));
  return entries.map((entry) => entry.taskId);
}
