/** `Batch progress` ("7 of 10 finished" as a progressbar), the files per status, what is still
 *  being started, and `Needs you`: the batch's tasks waiting on the person, each a link. */
import { useId } from 'react';
import { Link } from 'wouter';
import { SafeText } from '@/components/safe-text';
import { progressText, type BatchProgress } from './batch-progress';
import { taskHref } from './task-link';

export function BatchProgressPanel({ progress }: { progress: BatchProgress }) {
  const labelId = useId();
  const needsYouId = useId();
  const { finished, total, counts, needsYou } = progress;
  const text = progressText(progress);
  return (
    <section
      aria-labelledby={labelId}
      className="space-y-3 rounded-lg border border-border bg-surface p-4"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={labelId} className="text-base font-semibold">
          Batch progress
        </h2>
        <p className="text-sm tabular-nums" aria-hidden="true">
          {text}
        </p>
      </div>
      <div
        role="progressbar"
        aria-label="Batch progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={finished}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-surface-muted"
      >
        <div
          className="h-full rounded-full bg-accent transition-[width] motion-reduce:transition-none"
          style={{ width: total === 0 ? '0%' : `${(finished / total) * 100}%` }}
        />
      </div>
      <ul
        aria-label="Files per status"
        className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted"
      >
        {counts.map(({ label, count }) => (
          <li key={label}>
            <span className="font-medium text-text tabular-nums">{count}</span> {label}
          </li>
        ))}
      </ul>
      <div aria-labelledby={needsYouId} role="group" className="text-sm">
        <p id={needsYouId} className="font-medium">
          Needs you: <span className="tabular-nums">{needsYou.length}</span>
        </p>
        {needsYou.length > 0 ? (
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {needsYou.map((view) =>
              view.phase.kind === 'task' ? (
                <li key={view.file.key}>
                  <Link
                    href={taskHref(view.phase.taskId)}
                    className="text-accent underline underline-offset-2"
                  >
                    <SafeText text={view.file.name} />
                  </Link>
                </li>
              ) : null,
            )}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
