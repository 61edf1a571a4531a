/**
 * Everything the UI shows for a task status, defined once: the label people read, whether the
 * status is terminal (polling stops, Cancel disappears), whether a person must act, and the
 * colour token and icon. Colour is never the only signal — every rendering pairs the icon with
 * the label — so the palette can change without losing meaning.
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

/** Shown when a list item carries no status (the docs' examples omit it) or a value this build
 *  does not know yet; not terminal, so a poller keeps asking. */
export const UNKNOWN_STATUS_META: TaskStatusMeta = {
  label: 'Unknown',
  terminal: false,
  needsPerson: false,
  colorClass: 'text-muted',
  surfaceClass: 'bg-surface-muted border-border',
  icon: 'help-circle',
  spins: false,
};

export const TERMINAL_STATUSES: readonly TaskStatus[] = TASK_STATUSES.filter(
  (status) => TASK_STATUS_META[status].terminal,
);

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

export function taskStatusMeta(status: string | null | undefined): TaskStatusMeta {
  return isTaskStatus(status) ? TASK_STATUS_META[status] : UNKNOWN_STATUS_META;
}

export function isTerminalStatus(status: string | null | undefined): boolean {
  return taskStatusMeta(status).terminal;
}
