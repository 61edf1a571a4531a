/**
 * Everything the UI shows for a task status, defined once: the label people read, whether the
 * status is terminal (Cancel disappears), whether a person must act, and the colour token and
 * icon. Colour is never the only signal — every rendering pairs the icon with the label — so the
 * palette can change without losing meaning. How often a status is polled lives in
 * `polling-policy.ts`; the tests keep the two agreeing on what is terminal.
 *
 * The API may grow statuses this build does not know. Such a value is shown as
 * `Unknown (<value>)` rather than hidden or mislabelled, so a person (and a bug report) can still
 * tell what the server said, and it counts as live: the console keeps watching it.
 *
 * The class names are written out literally because Tailwind finds utilities by scanning source
 * text; a class assembled at runtime (`text-status-${x}`) would never be generated.
 */
import type { IconName } from '@/components/ui/icon';
import { TASK_STATUSES, type TaskStatus } from '@/api/schemas';

export interface TaskStatusMeta {
  label: string;
  /** `completed`, `failed`, `stopped`: nothing will change any more. */
  terminal: boolean;
  /** The task is paused until a person answers (`waiting_for_input`) or approves
   *  (`awaiting_review`). */
  needsPerson: boolean;
  /** Text colour token for the status (icon and label). */
  colorClass: string;
  /** Soft background and border in the status colour, for badges and row accents. */
  surfaceClass: string;
  icon: IconName;
  /** The icon spins (only where motion is allowed). */
  spins: boolean;
}

export const TASK_STATUS_META: Readonly<Record<TaskStatus, TaskStatusMeta>> = {
  pending: {
    label: 'Pending',
    terminal: false,
    needsPerson: false,
    colorClass: 'text-status-pending',
    surfaceClass: 'bg-status-pending/10 border-status-pending/30',
    icon: 'clock',
    spins: false,
  },
  queued: {
    label: 'Queued',
    terminal: false,
    needsPerson: false,
    colorClass: 'text-status-queued',
    surfaceClass: 'bg-status-queued/10 border-status-queued/30',
    icon: 'hourglass',
    spins: false,
  },
  running: {
    label: 'Running',
    terminal: false,
    needsPerson: false,
    colorClass: 'text-status-running',
    surfaceClass: 'bg-status-running/10 border-status-running/30',
    icon: 'spinner',
    spins: true,
  },
  waiting_for_input: {
    label: 'Waiting for input',
    terminal: false,
    needsPerson: true,
    colorClass: 'text-status-waiting',
    surfaceClass: 'bg-status-waiting/10 border-status-waiting/30',
    icon: 'message-question',
    spins: false,
  },
  awaiting_review: {
    label: 'Awaiting review',
    terminal: false,
    needsPerson: true,
    colorClass: 'text-status-review',
    surfaceClass: 'bg-status-review/10 border-status-review/30',
    icon: 'eye',
    spins: false,
  },
  completed: {
    label: 'Completed',
    terminal: true,
    needsPerson: false,
    colorClass: 'text-status-completed',
    surfaceClass: 'bg-status-completed/10 border-status-completed/30',
    icon: 'check-circle',
    spins: false,
  },
  failed: {
    label: 'Failed',
    terminal: true,
    needsPerson: false,
    colorClass: 'text-status-failed',
    surfaceClass: 'bg-status-failed/10 border-status-failed/30',
    icon: 'x-circle',
    spins: false,
  },
  stopped: {
    label: 'Stopped',
    terminal: true,
    needsPerson: false,
    colorClass: 'text-status-stopped',
    surfaceClass: 'bg-status-stopped/10 border-status-stopped/30',
    icon: 'stop-circle',
    spins: false,
  },
};

/** Shown when a task carries no status (the docs' list example omits it); an unknown value
 *  gets the same look with the value in its label. Not terminal, so a poller keeps asking. */
export const UNKNOWN_STATUS_META: TaskStatusMeta = {
  label: 'Unknown',
  terminal: false,
  needsPerson: false,
  colorClass: 'text-muted',
  surfaceClass: 'bg-surface-muted border-border',
  icon: 'help-circle',
  spins: false,
};

/** A status value longer than this is cut in the label: it comes from the server, and one
 *  runaway string must not push a list row off the screen. */
const MAX_UNKNOWN_VALUE_LENGTH = 40;

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

export function taskStatusMeta(status: string | null | undefined): TaskStatusMeta {
  if (isTaskStatus(status)) return TASK_STATUS_META[status];
  const value = status?.trim() ?? '';
  if (value === '') return UNKNOWN_STATUS_META;
  const shown =
    value.length > MAX_UNKNOWN_VALUE_LENGTH
      ? `${value.slice(0, MAX_UNKNOWN_VALUE_LENGTH - 1)}…`
      : value;
  return { ...UNKNOWN_STATUS_META, label: `Unknown (${shown})` };
}

/** The task waits for a person to answer or approve; drives the "Needs you" region and the
 *  count in the tab title. */
export function needsPerson(status: string | null | undefined): boolean {
  return taskStatusMeta(status).needsPerson;
}
