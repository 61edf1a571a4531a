/**
 * How often the console asks about tasks, in one place, so the numbers behind "how fresh is what
 * I see" and "how much load do we put on the API" can be read and changed together
 * (docs/decisions/0008-polling-policy.md has the reasoning; `npm run bench` measures the result).
 *
 * A person watching a task cares most about its first seconds and about the seconds right after
 * they replied or cancelled, so those are polled every second. Long runs change slowly and are
 * polled less and less often, never slower than 30 s so a finished task is noticed within half a
 * minute. A task that reached a terminal status never changes again and is never polled again.
 *
 * Statuses come from the API as plain strings: a value this build does not know, or a missing
 * one, is treated as live (like `running`), because stopping to poll a task that is still moving
 * would freeze the screen, while polling a finished one a little longer only costs requests.
 *
 * Pure functions of their inputs (`now` and the jitter source are parameters), so every boundary
 * is unit-tested without timers.
 */
import type { TaskStatus } from '@/api/schemas';

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

/** How often the list re-reads its first page while visible, to pick up tasks started
 *  elsewhere (another tab, another person, the API directly). */
export const FIRST_PAGE_REFRESH_MS = 15_000;

/** The fast window after a task is created or a person acts on it. */
const FAST_WINDOW_MS = 10_000;
const FAST_INTERVAL_MS = 1_000;
/** Whatever the status, a live task is re-read at least this often. */
const SLOWEST_INTERVAL_MS = 30_000;
/** No scheduled retry comes sooner than this, so a bad input can never make a tight loop. */
const MIN_RETRY_DELAY_MS = 250;

/** Upper bounds of the backoff steps for the n-th consecutive failure (n = 1, 2, …); the last
 *  one repeats for ever. */
const FAILURE_STEPS_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

const TERMINAL_SET: ReadonlySet<string> = new Set(TERMINAL_STATUSES);

/** Only `completed`, `failed` and `stopped`; a missing or unknown status is live. */
export function isTerminal(status: string | undefined): boolean {
  return status !== undefined && TERMINAL_SET.has(status);
}

export interface PollSubject {
  status: string | undefined;
  /** epoch ms, server's created_at */
  createdAt: number | undefined;
  /** epoch ms of the person's last reply or cancel on this task, if any */
  lastActionAt?: number | undefined;
}

/** Taken for a task whose `created_at` is missing: between one and five minutes old. */
const UNKNOWN_AGE_MS = 2 * 60_000;

/** Time since `since`; an unparseable or future timestamp counts as "just now", so clock skew
 *  errs towards fresher data rather than towards a stale screen. */
function elapsed(since: number | undefined, now: number): number {
  if (since === undefined || !Number.isFinite(since)) return 0;
  return Math.max(0, now - since);
}

/**
 * `refetchInterval` for one task's `GET /tasks/{id}`, in ms, or `false` once the task is
 * terminal (terminal wins even inside the fast window: nothing will change any more).
 */
export function detailPollInterval(subject: PollSubject, now: number): number | false {
  const { status } = subject;
  if (isTerminal(status)) return false;

  // Without a creation time the task's age is unknown: no fast start, and a running task is
  // taken to be past its first minute (every 5 s) rather than polled every second for ever.
  const age = subject.createdAt === undefined ? UNKNOWN_AGE_MS : elapsed(subject.createdAt, now);
  if (age < FAST_WINDOW_MS) return FAST_INTERVAL_MS;
  if (subject.lastActionAt !== undefined && elapsed(subject.lastActionAt, now) < FAST_WINDOW_MS) {
    return FAST_INTERVAL_MS;
  }

  let interval: number;
  switch (status) {
    case 'pending':
    case 'queued':
      interval = 2_000;
      break;
    case 'waiting_for_input':
    case 'awaiting_review':
      // Nothing moves until a person acts, and their action opens the fast window itself.
      interval = 5_000;
      break;
    default:
      // `running`, or a status this build does not know: the task may be working.
      interval = age < 60_000 ? 2_000 : age < 5 * 60_000 ? 5_000 : 10_000;
  }
  return Math.min(interval, SLOWEST_INTERVAL_MS);
}

/**
 * `refetchInterval` for one request that refreshes several tasks at once: as often as the most
 * eager of them needs, and not at all when none is live.
 */
export function listPollInterval(subjects: readonly PollSubject[], now: number): number | false {
  let fastest: number | false = false;
  for (const subject of subjects) {
    const interval = detailPollInterval(subject, now);
    if (interval !== false && (fastest === false || interval < fastest)) fastest = interval;
  }
  return fastest;
}

/**
 * Wait before the next request after `consecutiveFailures` 5xx or network failures in a row:
 * exponential steps (1, 2, 5, 10, 30 s, then 30 s for ever) with full jitter, so many tabs do not
 * come back in lock-step against a recovering server. `0` (or less) means "not failing": no wait.
 */
export function failureDelay(
  consecutiveFailures: number,
  random: () => number = Math.random,
): number {
  if (!(consecutiveFailures >= 1)) return 0; // also catches NaN
  const index = Math.min(Math.floor(consecutiveFailures), FAILURE_STEPS_MS.length) - 1;
  const step = FAILURE_STEPS_MS[index] ?? SLOWEST_INTERVAL_MS;
  // A jitter source outside [0, 1) must not stretch the wait past its step or below the floor.
  const fraction = Math.min(Math.max(random(), 0), 1);
  const jittered = Number.isFinite(fraction) ? Math.floor(fraction * step) : step;
  return Math.min(Math.max(jittered, MIN_RETRY_DELAY_MS), step);
}
