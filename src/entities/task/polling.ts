/** How often the console asks about tasks, every number in one place (decision 0008 says why;
 *  `npm run bench` measures the result). Pure functions of their inputs, `now` included. */
import { BACKOFF_STEPS_MS } from '@/api/backoff';
import { resourceState } from '@/api/request-health';
import { isTerminal } from './status';

/** How often a list re-reads its first page while visible, for tasks started elsewhere
 *  (another tab, another person, the API directly). */
export const ARRIVALS_REFRESH_MS = 15_000;

/** How often the app-level watcher asks which tasks wait on a person: visible, and hidden. */
export const NEEDS_YOU_VISIBLE_MS = 15_000;
export const NEEDS_YOU_HIDDEN_MS = 30_000;

/** `/result` of a live task: at most every 2 s while it is under 1 MB; above that, no more often
 *  than ten times its last download took, so a huge feed never fills the line. */
const RESULT_MIN_GAP_MS = 2_000;
const RESULT_LARGE_BYTES = 1_000_000;
const RESULT_GAP_PER_DOWNLOAD = 10;

export function resultRefreshGap(bytes: number, downloadMs: number): number {
  if (!(bytes >= RESULT_LARGE_BYTES)) return RESULT_MIN_GAP_MS;
  return Math.max(RESULT_MIN_GAP_MS, Math.ceil(downloadMs * RESULT_GAP_PER_DOWNLOAD));
}

/** The fast window after a task is created or a person acts on it. */
const FAST_WINDOW_MS = 10_000;
const FAST_INTERVAL_MS = 1_000;
/** Whatever the status, a live task is re-read at least this often. */
const SLOWEST_INTERVAL_MS = 30_000;

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
 * A poller's wait after a failed read of `resource`, from the one backoff schedule: the wait
 * drawn when the failure was recorded (the same however often asked), and no less than what is
 * left of a 429's hold; its first step when the resource has answered since.
 */
export function waitAfterFailure(resource: string, now: number): number {
  const state = resourceState(resource);
  const held = (state?.blockedUntil ?? 0) - now;
  const backoff = state && state.failures > 0 ? state.retryDelay : BACKOFF_STEPS_MS[0];
  return Math.max(held, backoff);
}
