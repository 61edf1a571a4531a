/** Links to one step of a trace: `/tasks/<id>?tab=trace#step-N`, where N is 1-based — the number
 *  each step shows (`#1` is the first item of the feed), so a link copied from the screen and a
 *  number read off it agree. Decision 0010. */

const STEP_HASH = /^#step-(\d{1,9})$/;

/** The feed index (0-based) a `#step-N` hash points at, or undefined. */
export function stepIndexFromHash(hash: string): number | undefined {
  const match = STEP_HASH.exec(hash.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  return number >= 1 ? number - 1 : undefined;
}

export function stepHash(index: number): string {
  return `#step-${index + 1}`;
}

/** The absolute link to step `index` of a task's trace. */
export function stepLink(origin: string, taskId: string, index: number): string {
  return `${origin}/tasks/${encodeURIComponent(taskId)}?tab=trace${stepHash(index)}`;
}
