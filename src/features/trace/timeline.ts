/** Where a task's time went, from its steps' timestamps: tool calls, model turns, waiting on the
 *  person, failed calls and unaccounted gaps, summed into at most `MAX_BUCKETS` buckets for the
 *  strip. Pure. */
import type { NormalizedFeed, TimedStep } from './normalize';

export const TIME_CATEGORIES = ['tool', 'failed', 'model', 'waiting', 'gap'] as const;
export type TimeCategory = (typeof TIME_CATEGORIES)[number];

export const TIME_CATEGORY_LABELS: Readonly<Record<TimeCategory, string>> = {
  tool: 'Tool calls',
  failed: 'Failed tool calls',
  model: 'Model turns',
  waiting: 'Waiting on the person',
  gap: 'Gaps',
};

export const MAX_BUCKETS = 200;

export interface TimeSegment {
  from: number;
  to: number;
  category: TimeCategory;
  /** The step (feed index) this time belongs to: where a click on it jumps. */
  index: number;
}

function isPersonSpeaking(step: TimedStep): boolean {
  const role = step.role?.toLowerCase();
  return step.kind === 'message' && (role === 'user' || role === 'human');
}

function categoryOf(step: TimedStep, afterQuestion: boolean): TimeCategory {
  if (isPersonSpeaking(step)) return afterQuestion ? 'waiting' : 'gap';
  switch (step.kind) {
    case 'tool_call':
      return step.error === undefined ? 'tool' : 'failed';
    case 'message':
    case 'ask_user':
    case 'task_complete':
      return 'model';
    default:
      return 'gap';
  }
}

/** The feed's time as consecutive segments, in time order (see the module header). */
export function timeSegments(feed: NormalizedFeed): TimeSegment[] {
  const segments: TimeSegment[] = [];
  let cursor = feed.start;
  let afterQuestion = false;
  const push = (from: number, to: number, category: TimeCategory, index: number) => {
    if (to > from) segments.push({ from, to, category, index });
  };
  for (const step of feed.steps) {
    if (step.time === undefined) continue;
    if (cursor === undefined) cursor = step.time;
    const idle: TimeCategory = afterQuestion ? 'waiting' : 'gap';
    const category = categoryOf(step, afterQuestion);
    const time = Math.max(step.time, cursor);
    if (step.timeIsStart) {
      push(cursor, time, idle, step.index);
      const end = time + (step.durationMs ?? 0);
      push(time, end, category, step.index);
      cursor = Math.max(cursor, end);
    } else {
      const workFrom =
        step.durationMs === undefined ? cursor : Math.max(cursor, time - step.durationMs);
      push(cursor, workFrom, idle, step.index);
      push(workFrom, time, category, step.index);
      cursor = time;
    }
    afterQuestion = step.kind === 'ask_user';
  }
  return segments;
}

export interface TimeTotals {
  total: number;
  byCategory: Record<TimeCategory, number>;
}

export function timeTotals(segments: readonly TimeSegment[]): TimeTotals {
  const byCategory: Record<TimeCategory, number> = {
    tool: 0,
    failed: 0,
    model: 0,
    waiting: 0,
    gap: 0,
  };
  let total = 0;
  for (const segment of segments) {
    const length = segment.to - segment.from;
    byCategory[segment.category] += length;
    total += length;
  }
  return { total, byCategory };
}

/** One drawn rectangle: a run of buckets whose dominant category is the same. */
export interface StripRun {
  /** Fractions of the strip's width, 0…1. */
  start: number;
  end: number;
  category: TimeCategory;
}

/**
 * The strip: `buckets` equal slices of `[from, to]`, each coloured by the category that fills
 * most of it, merged into runs. Empty slices (no segment) are left out.
 */
export function stripRuns(
  segments: readonly TimeSegment[],
  buckets = MAX_BUCKETS,
): { runs: StripRun[]; from: number; to: number } | undefined {
  const first = segments[0];
  const last = segments.at(-1);
  if (!first || !last || last.to <= first.from) return undefined;
  const from = first.from;
  const to = last.to;
  const count = Math.max(1, Math.min(buckets, MAX_BUCKETS));
  const width = (to - from) / count;
  const fill = Array.from({ length: count }, () => ({
    tool: 0,
    failed: 0,
    model: 0,
    waiting: 0,
    gap: 0,
  }));
  for (const segment of segments) {
    let bucket = Math.min(count - 1, Math.floor((segment.from - from) / width));
    while (bucket < count) {
      const bucketFrom = from + bucket * width;
      const bucketTo = bucketFrom + width;
      const overlap = Math.min(segment.to, bucketTo) - Math.max(segment.from, bucketFrom);
      if (overlap > 0) (fill[bucket] as Record<TimeCategory, number>)[segment.category] += overlap;
      if (segment.to <= bucketTo) break;
      bucket += 1;
    }
  }
  const runs: StripRun[] = [];
  fill.forEach((amounts, bucket) => {
    let best: TimeCategory | undefined;
    for (const category of TIME_CATEGORIES) {
      if (amounts[category] > 0 && (best === undefined || amounts[category] > amounts[best]))
        best = category;
    }
    if (best === undefined) return;
    const previous = runs.at(-1);
    if (previous && previous.category === best && previous.end === bucket / count) {
      previous.end = (bucket + 1) / count;
    } else {
      runs.push({ start: bucket / count, end: (bucket + 1) / count, category: best });
    }
  });
  return { runs, from, to };
}

/** The step whose time covers `time` (or the nearest one): where a click on the strip jumps. */
export function stepAtTime(segments: readonly TimeSegment[], time: number): number | undefined {
  if (segments.length === 0) return undefined;
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((segments[middle] as TimeSegment).to < time) low = middle + 1;
    else high = middle;
  }
  return segments[low]?.index;
}

/** Feed indices of the tool calls that failed (an error field, or an HTTP 4xx/5xx output). */
export function failedToolCalls(steps: readonly TimedStep[]): number[] {
  const failed: number[] = [];
  for (const step of steps)
    if (step.kind === 'tool_call' && step.error !== undefined) failed.push(step.index);
  return failed;
}
