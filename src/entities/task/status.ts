/** A task's status, defined once for every feature: which statuses are live, terminal or waiting on
 *  a person, and what each looks like (label, colour token, icon). A value this build does not know
 *  reads `Unknown (<value>)` and counts as live; a missing status reads `No status`. */
import type { IconName } from '@/components/ui/icon';
import { TASK_STATUSES, type TaskStatus } from '@/api/schemas';

export const LIVE_STATUSES = [
  'pending',
  'queued',
  'running',
  'waiting_for_input',
  'awaiting_review',
] as const satisfies readonly TaskStatus[];

export const TERMINAL_STATUSES = [
  'completed',
  'failed',
  'stopped',
] as const satisfies readonly TaskStatus[];

/** The task is paused until a person answers (`waiting_for_input`) or approves
 *  (`awaiting_review`): what `Needs you` and the title count are made of. */
export const NEEDS_PERSON_STATUSES = [
  'waiting_for_input',
  'awaiting_review',
] as const satisfies readonly TaskStatus[];

const TERMINAL_SET: ReadonlySet<string> = new Set(TERMINAL_STATUSES);
const NEEDS_PERSON_SET: ReadonlySet<string> = new Set(NEEDS_PERSON_STATUSES);

/** Only `completed`, `failed` and `stopped`; a missing or unknown status is live. */
export function isTerminal(status: string | null | undefined): boolean {
  return typeof status === 'string' && TERMINAL_SET.has(status);
}

export function needsPerson(status: string | null | undefined): boolean {
  return typeof status === 'string' && NEEDS_PERSON_SET.has(status);
}

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

export interface TaskStatusMeta {
  label: string;
  terminal: boolean;
  needsPerson: boolean;
  /** Text colour token for the status (icon and label). */
  colorClass: string;
  /** Soft background and border in the status colour, for badges and row accents. */
  surfaceClass: string;
  icon: IconName;
  /** The icon spins (only where motion is allowed). */
  spins: boolean;
}

// Class names are written out literally: Tailwind finds utilities by scanning the source.
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

/** The look of a status the build does not know (its value goes in the label), and of a task
 *  whose answers carry no status at all. Not terminal: a poller keeps asking. */
export const UNKNOWN_STATUS_META: TaskStatusMeta = {
  label: 'Unknown',
  terminal: false,
  needsPerson: false,
  colorClass: 'text-muted',
  surfaceClass: 'bg-surface-muted border-border',
  icon: 'help-circle',
  spins: false,
};

/** A server's status longer than this is cut in the label, so it cannot push a row apart. */
const MAX_UNKNOWN_VALUE_LENGTH = 40;

export function taskStatusMeta(status: string | null | undefined): TaskStatusMeta {
  if (isTaskStatus(status)) return TASK_STATUS_META[status];
  const value = status?.trim() ?? '';
  if (value === '') return { ...UNKNOWN_STATUS_META, label: 'No status' };
  const shown =
    value.length > MAX_UNKNOWN_VALUE_LENGTH
      ? `${value.slice(0, MAX_UNKNOWN_VALUE_LENGTH - 1)}…`
      : value;
  return { ...UNKNOWN_STATUS_META, label: `Unknown (${shown})` };
}
