/** When the person stopped each task from this browser (ISO time), so a trace can tell the steps
 *  that landed after the stop from the run itself. */
import { storedRecords } from './stored';

export const TASK_STOPS_KEY = 'agent-console:task-stops';

const isTime = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

const records = storedRecords<string>({
  key: TASK_STOPS_KEY,
  version: 1,
  field: 'tasks',
  isValue: isTime,
  madeAt: (at) => Date.parse(at),
  maxEntries: 200,
});

/** When this browser stopped the task, if it did. */
export function taskStoppedAt(taskId: string): string | undefined {
  return records.get(taskId);
}

export function rememberTaskStop(taskId: string, at: string): void {
  if (isTime(at)) records.set(taskId, at);
}

/** Forgets the in-memory copy (tests, or another tab's writes). */
export const reloadTaskStops = records.reload;
