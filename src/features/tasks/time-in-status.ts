/** How long a task spent queued, working and waiting on a person, from the API's timestamps (and,
 *  where read, the trace's step times), so every browser shows the same figures; what the API does
 *  not state exactly is marked `estimated`, never guessed. */
import { isTerminal, needsPerson } from '@/entities/task/status';

/** A wait on a person, as the feed shows it: from a question or a review to the reply or the
 *  decision. `to` is absent while the feed shows no end to it. */
export interface FeedWait {
  from: number;
  to?: number;
  /** `to` is the reply's or the decision's own time, not the next step's. */
  exact: boolean;
}

/** What the feed says about time, reduced once per feed (it may hold 10,000 items). */
export interface FeedTimes {
  /** When the agent's first step began; `exact` when the step's duration said so. */
  firstWork?: { at: number; exact: boolean };
  waits: FeedWait[];
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Epoch ms of an ISO time (or an epoch number), else undefined. */
export function epochOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

const TIME_FIELDS = ['created_at', 'timestamp', 'time', 'at'] as const;
const DURATION_FIELDS = ['duration_ms', 'durationMs', 'elapsed_ms'] as const;
const DECISION_FIELDS = ['decided_at', 'approved_at', 'rejected_at', 'resolved_at'] as const;

interface Step {
  kind: 'user' | 'ask' | 'review' | 'agent';
  at: number;
  /** When it began, where its duration says. */
  startedAt?: number;
  decidedAt?: number;
}

function firstEpoch(record: Record<string, unknown>, fields: readonly string[]) {
  for (const field of fields) {
    const time = epochOf(record[field]);
    if (time !== undefined) return time;
  }
  return undefined;
}

function stepOf(entry: unknown): Step | undefined {
  const item = asRecord(entry);
  const at = item && firstEpoch(item, TIME_FIELDS);
  if (!item || at === undefined) return undefined;
  const type = typeof item.type === 'string' ? item.type : '';
  const name = typeof item.name === 'string' ? item.name : '';
  const role = typeof item.role === 'string' ? item.role : '';
  const duration = DURATION_FIELDS.map((field) => item[field]).find(
    (value): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0,
  );
  const startedAt = duration === undefined ? undefined : at - duration;
  if (role === 'user' || role === 'human') return { kind: 'user', at };
  if (type === 'ask_user' || name === 'ask_user') return { kind: 'ask', at, startedAt };
  if (type === 'review' || type === 'awaiting_review') {
    const decision = asRecord(item.output) ?? asRecord(item.result) ?? item;
    return { kind: 'review', at, startedAt, decidedAt: firstEpoch(decision, DECISION_FIELDS) };
  }
  return { kind: 'agent', at, startedAt };
}

/** Reduces a feed (items as the server sent them, oldest first) to its times. */
export function feedTimes(feed: readonly unknown[]): FeedTimes {
  const steps = feed.map(stepOf).filter((step): step is Step => step !== undefined);
  const times: FeedTimes = { waits: [] };
  steps.forEach((step, index) => {
    if (step.kind === 'user') return;
    if (times.firstWork === undefined) {
      times.firstWork = { at: step.startedAt ?? step.at, exact: step.startedAt !== undefined };
    }
    if (step.kind === 'agent') return;
    const next = steps
      .slice(index + 1)
      .find((later) => later.kind !== 'user' || step.kind === 'ask');
    if (step.kind === 'review' && step.decidedAt !== undefined) {
      times.waits.push({ from: step.at, to: step.decidedAt, exact: true });
    } else if (next === undefined) {
      times.waits.push({ from: step.at, exact: true });
    } else if (next.kind === 'user') {
      times.waits.push({ from: step.at, to: next.at, exact: true });
    } else {
      // The agent went on without a recorded reply: it resumed by the next step's start.
      times.waits.push({ from: step.at, to: next.startedAt ?? next.at, exact: false });
    }
  });
  return times;
}

export type StatusPart = 'queued' | 'working' | 'waitingOnYou' | 'queuedOrWorking' | 'inAll';

export interface StatusTime {
  part: StatusPart;
  ms: number;
  /** The API does not state this figure exactly: it rests on the next step or the last change. */
  estimated: boolean;
}

export interface TimeInStatus {
  /** From creation to the end (or to now while live), in ms. */
  total: number;
  /** From the task's own timestamps, which every browser reads alike. */
  parts: StatusTime[];
  /** Split by the trace's step times, where the page has read the trace. */
  split?: StatusTime[];
}

export interface ServerTimes {
  status: string | undefined;
  createdAt: number | undefined;
  updatedAt: number | undefined;
  /** When it completed, where the task itself says. */
  completedAt?: number | undefined;
  /** The feed's times, when the page has read the feed since the task last changed. */
  feed?: FeedTimes | undefined;
}

const COMPLETION_FIELDS = ['completed_at', 'finished_at', 'ended_at'] as const;

/** `completed_at` of a task, or of its answer (`/summary`: at its top, or in `result`/`answer`). */
export function completedAtOf(record: unknown): number | undefined {
  const top = asRecord(record);
  for (const candidate of [top, asRecord(top?.result), asRecord(top?.answer)]) {
    const time = candidate && firstEpoch(candidate, COMPLETION_FIELDS);
    if (time !== undefined) return time;
  }
  return undefined;
}

/** When the task's clock stops: its completion, else its last change once it has ended. */
export function endOf(times: ServerTimes, now: number): number | undefined {
  if (!isTerminal(times.status)) return now;
  return times.completedAt ?? times.updatedAt;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Queued, working and waiting on you from the feed's first step and its waits. */
function feedSplit(
  { status, createdAt, updatedAt }: ServerTimes & { createdAt: number },
  feed: FeedTimes & { firstWork: NonNullable<FeedTimes['firstWork']> },
  end: number,
): StatusTime[] {
  const within = (time: number) => clamp(time, createdAt, end);
  const started = within(feed.firstWork.at);
  let waiting = 0;
  let waitEstimated = false;
  for (const wait of feed.waits) {
    // A wait the feed leaves open lasts to now while the task still waits; otherwise it ended
    // by the task's last change at the latest.
    const open = wait.to === undefined;
    const to = wait.to ?? (needsPerson(status) ? end : Math.min(end, updatedAt ?? end));
    waiting += Math.max(0, within(to) - within(wait.from));
    waitEstimated ||= !wait.exact || (open && !needsPerson(status) && !isTerminal(status));
  }
  const queued = started - createdAt;
  const working = Math.max(0, end - createdAt - queued - waiting);
  return [
    { part: 'queued', ms: queued, estimated: !feed.firstWork.exact },
    { part: 'working', ms: working, estimated: !feed.firstWork.exact || waitEstimated },
    { part: 'waitingOnYou', ms: waiting, estimated: waitEstimated },
  ];
}

/** What the task's own timestamps say: all they can split is a wait going on now. */
function timestampParts(
  { status, createdAt, updatedAt }: ServerTimes & { createdAt: number },
  end: number,
): StatusTime[] {
  const total = end - createdAt;
  if (status === 'pending' || status === 'queued') {
    return [{ part: 'queued', ms: total, estimated: false }];
  }
  if (needsPerson(status) && updatedAt !== undefined) {
    // Waiting since its last change at the latest: the API does not say when the wait began.
    const since = clamp(updatedAt, createdAt, end);
    return [
      { part: 'queuedOrWorking', ms: since - createdAt, estimated: true },
      { part: 'waitingOnYou', ms: end - since, estimated: true },
    ];
  }
  const part: StatusPart = isTerminal(status) ? 'inAll' : 'queuedOrWorking';
  return [{ part, ms: total, estimated: false }];
}

/**
 * The breakdown, or undefined when the API gave no usable creation time. `now` matters only
 * while the task is live. `parts` rest on the task's timestamps alone, so every browser shows
 * them alike; `split` is there only where the page has read the trace.
 */
export function timeInStatus(times: ServerTimes, now: number): TimeInStatus | undefined {
  const { createdAt, feed } = times;
  const endAt = endOf(times, now);
  if (createdAt === undefined || endAt === undefined) return undefined;
  const end = Math.max(createdAt, endAt);
  const known = { ...times, createdAt };
  const started = times.status !== 'pending' && times.status !== 'queued';
  const firstWork = feed?.firstWork;
  return {
    total: end - createdAt,
    parts: timestampParts(known, end),
    ...(started && feed && firstWork
      ? { split: feedSplit(known, { ...feed, firstWork }, end) }
      : {}),
  };
}
