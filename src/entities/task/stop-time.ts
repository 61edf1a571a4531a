/** When a stopped task stopped, for every view that says so (the Summary's "Stopped at", the
 *  trace's "After the stop"): the time this browser stopped it, when it did, else the task's own
 *  stop or end fields. */
import { taskStoppedAt } from '@/lib/task-stops';

const STOP_FIELDS = [
  'stopped_at',
  'stoppedAt',
  'cancelled_at',
  'canceled_at',
  'ended_at',
  'endedAt',
  'finished_at',
  'completed_at',
  'updated_at',
  'updatedAt',
];

/**
 * The first timestamp that parses, of its own stop or end fields, then `updated_at` (the docs
 * name no stop field; a stopped task is not updated after it stops, though a step in flight may
 * still land), from each source in turn. Undefined when none parses.
 */
export function stopTimeOf(
  ...sources: readonly (Readonly<Record<string, unknown>> | undefined)[]
): string | undefined {
  for (const field of STOP_FIELDS) {
    for (const source of sources) {
      const value = source?.[field];
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
    }
  }
  return undefined;
}

/** When the stopped task `taskId` stopped: as this browser recorded it, else from `sources`. */
export function taskStopTime(
  taskId: string,
  ...sources: readonly (Readonly<Record<string, unknown>> | undefined)[]
): string | undefined {
  return taskStoppedAt(taskId) ?? stopTimeOf(...sources);
}
