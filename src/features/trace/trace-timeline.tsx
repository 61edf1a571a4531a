/**
 * The strip above the steps: where the task's time went, as at most 200 coloured runs (tool
 * calls, model turns, waiting on the person, gaps), with the totals beside it in words. A click
 * on the strip jumps to the step that owns that moment. A feed without timestamps has no strip,
 * and says so.
 */
import { useMemo, type MouseEvent } from 'react';
import { cn } from '@/lib/cn';
import { formatDuration } from '@/lib/format';
import type { NormalizedFeed } from './normalize';
import {
  stepAtTime,
  stripRuns,
  TIME_CATEGORIES,
  TIME_CATEGORY_LABELS,
  timeSegments,
  timeTotals,
  type TimeCategory,
} from './timeline';

const FILL: Readonly<Record<TimeCategory, string>> = {
  tool: 'fill-status-running',
  model: 'fill-status-queued',
  waiting: 'fill-status-waiting',
  gap: 'fill-border',
};
const SWATCH: Readonly<Record<TimeCategory, string>> = {
  tool: 'bg-status-running',
  model: 'bg-status-queued',
  waiting: 'bg-status-waiting',
  gap: 'bg-border',
};

export interface TraceTimelineProps {
  feed: NormalizedFeed;
  onJump: (index: number) => void;
}

export function TraceTimeline({ feed, onJump }: TraceTimelineProps) {
  const { segments, strip, totals } = useMemo(() => {
    const segments = timeSegments(feed);
    return { segments, strip: stripRuns(segments), totals: timeTotals(segments) };
  }, [feed]);

  if (!strip || totals.total <= 0) {
    return feed.steps.length > 0 ? (
      <p className="text-xs text-muted">
        The steps carry no timestamps, so there is no timeline of where the time went.
      </p>
    ) : null;
  }

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width <= 0) return;
    const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    const index = stepAtTime(segments, strip.from + fraction * (strip.to - strip.from));
    if (index !== undefined) onJump(index);
  };

  return (
    <figure className="space-y-1" aria-label="Where the time went">
      {/* Pointer shortcut only: the steps below are the keyboard's way to every moment. */}
      <div
        onClick={onClick}
        title="Click to jump to the step at that moment"
        className="h-5 w-full cursor-pointer overflow-hidden rounded-sm bg-surface-muted"
        aria-hidden="true"
      >
        <svg viewBox="0 0 1000 20" preserveAspectRatio="none" className="block h-full w-full">
          {strip.runs.map((run) => (
            <rect
              key={run.start}
              x={run.start * 1000}
              width={(run.end - run.start) * 1000}
              y={0}
              height={20}
              className={FILL[run.category]}
            />
          ))}
        </svg>
      </div>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
        <span>
          Time from the task&apos;s start to its last step: {formatDuration(totals.total)}
        </span>
        {TIME_CATEGORIES.filter((category) => totals.byCategory[category] > 0).map((category) => (
          <span key={category} className="inline-flex items-center gap-1">
            <span
              aria-hidden="true"
              className={cn('inline-block size-2.5 rounded-sm', SWATCH[category])}
            />
            {TIME_CATEGORY_LABELS[category]} {formatDuration(totals.byCategory[category])} (
            {Math.round((totals.byCategory[category] / totals.total) * 100)}%)
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
