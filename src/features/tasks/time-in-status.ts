/**
 * How long a task spent queued, working and waiting on a person, from the status changes this
 * browser saw while polling it. The API keeps no status history (a task carries only
 * `created_at` and `updated_at`), so the console writes its own; the breakdown answers "was it
 * slow, or was it waiting for me?" without pretending to know more than it observed.
 *
 * What was not observed is not guessed: the time before the first observation is counted only
 * when it can only have been spent waiting to start (the first status seen is `pending` or
 * `queued`); otherwise it is left out and `sinceFirstObserved` says the numbers start late.
 * Observations are polls, so every span is accurate to about one poll interval.
 */
import { isTerminal } from '@/entities/task/status';

export interface Transition {
  status: string;
  /** epoch ms */
  at: number;
}

/**
 * The history with one more observation. Only a change of status is recorded; the same status
 * again, or no status at all, returns `history` itself (so a state setter can bail out) —
 * treat the result as read-only. An observation older than the last one (a slow response that
 * arrived after a fresher one) is moved up to the last one's time, so spans are never negative.
 */
export function addTransition(
  history: readonly Transition[],
  status: string | undefined,
  at: number,
): Transition[] {
  const unchanged = history as Transition[];
  if (status === undefined) return unchanged;
  const last = history.at(-1);
  if (last?.status === status) return unchanged;
  if (last === undefined) return Number.isFinite(at) ? [{ status, at }] : unchanged;
  const time = Number.isFinite(at) ? Math.max(at, last.at) : last.at;
  return [...history, { status, at: time }];
}

export interface TimeInStatus {
  /** `pending` and `queued`: waiting for the platform to start it. */
  queued: number;
  /** `running`. */
  working: number;
  /** `waiting_for_input` and `awaiting_review`: waiting for a person. */
  waitingOnYou: number;
  /** Statuses this build does not know. */
  other: number;
  /** The sum of the four, in ms. */
  total: number;
  /** The breakdown starts at this browser's first observation, not at the task's creation. */
  sinceFirstObserved: boolean;
}

type Bucket = 'queued' | 'working' | 'waitingOnYou' | 'other';

function bucketOf(status: string): Bucket | null {
  switch (status) {
    case 'pending':
    case 'queued':
      return 'queued';
    case 'running':
      return 'working';
    case 'waiting_for_input':
    case 'awaiting_review':
      return 'waitingOnYou';
    default:
      // A terminal status ends the clock: time after it belongs to no bucket.
      return isTerminal(status) ? null : 'other';
  }
}

/**
 * Splits the observed life of a task into buckets. Each status lasts from its transition to the
 * next one; the last lasts until `now` unless it is terminal. `createdAt` (epoch ms), when given,
 * lets the time before the first observation count — see the module comment for when it does.
 */
export function timeInStatus(
  history: readonly Transition[],
  now: number,
  createdAt?: number,
): TimeInStatus {
  const totals: Record<Bucket, number> = { queued: 0, working: 0, waitingOnYou: 0, other: 0 };
  const first = history[0];
  let sinceFirstObserved = true;

  if (first !== undefined && createdAt !== undefined && Number.isFinite(createdAt)) {
    if (createdAt >= first.at) {
      sinceFirstObserved = false;
    } else if (bucketOf(first.status) === 'queued') {
      totals.queued += first.at - createdAt;
      sinceFirstObserved = false;
    }
  }

  history.forEach((transition, index) => {
    const bucket = bucketOf(transition.status);
    if (bucket === null) return;
    const end = history[index + 1]?.at ?? now;
    totals[bucket] += Math.max(0, end - transition.at);
  });

  return {
    ...totals,
    total: totals.queued + totals.working + totals.waitingOnYou + totals.other,
    sinceFirstObserved,
  };
}
