/** The strip above the steps: where the task's time went as at most 200 coloured runs, totals in
 *  words; a click jumps to the step owning that moment, the failed-call count to the first. A feed
 *  without timestamps says so. */
import { useMemo, type MouseEvent } from 'react';
import { Icon } from '@/components/ui/icon';
import { cn } from '@/lib/cn';
import { formatDuration } from '@/lib/format';
import type { NormalizedFeed } from './normalize';
import {
  failedToolCalls,
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
  failed: 'fill-danger',
  model: 'fill-status-queued',
  waiting: 'fill-status-waiting',
  gap: 'fill-border',
};
const SWATCH: Readonly<Record<TimeCategory, string>> = {
  tool: 'bg-status-running',
  failed: 'bg-danger',
  model: 'bg-status-queued',
  waiting: 'bg-status-waiting',
  gap: 'bg-border',
};

export interface TraceTimelineProps {
  feed: NormalizedFeed;
  onJump: (index: number) => void;
}

export function TraceTimeline({ feed, onJump }: TraceTimelineProps) {
  const { segments, strip, totals, failed } = useMemo(() => {
    const segments = timeSegments(feed);
    return {
      segments,
      strip: stripRuns(segments),
      totals: timeTotals(segments),
      failed: failedToolCalls(feed.steps),
    };
  }, [feed]);

  const failures = <FailedCalls failed={failed} onJump={onJump} />;
  if (!strip || totals.total <= 0) {
    return feed.steps.length > 0 ? (
      <p className="flex flex-wrap gap-x-4 text-xs text-muted">
        <span>The steps carry no timestamps, so there is no timeline of where the time went.</span>
        {failures}
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
        {failures}
      </figcaption>
    </figure>
  );
}

/** `2 failed tool calls`, in the danger colour with an icon; a click shows the first one. */
function FailedCalls({
  failed,
  onJump,
}: {
  failed: readonly number[];
  onJump: (index: number) => void;
}) {
  const first = failed[0];
  if (first === undefined) return null;
  return (
    <button
      type="button"
      onClick={() => onJump(first)}
      title={`Show step #${first + 1}, the first that failed`}
      className="inline-flex items-center gap-1 font-medium text-danger underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
    >
      <Icon name="x-circle" size="sm" />
      {failed.length.toLocaleString('en-US')} failed tool {failed.length === 1 ? 'call' : 'calls'}
    </button>
  );
}
