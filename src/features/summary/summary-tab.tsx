/**
 * The Summary tab: the task's answer (Markdown), its extracted data (tables, downloads, the
 * check against the output schema), and for a failed task the error from its trace.
 *
 * A finished task's `/summary` is read once and kept (it is usually prefetched the moment the
 * task ends). Before that, the latest intermediate answer is shown, marked as not final, and
 * re-read only when the task's own poller sees the task change — at most every 2 s, never on a
 * timer of its own (decision 0008). `/result` is read only for a failed task (to show what went
 * wrong) or when `/summary` carried no extracted data for a task this browser ran with an
 * output schema (the API's `{summary, completed_at}` narrowing can drop it); if the Trace tab
 * already read it, that copy is used.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { isFinished, taskVersion } from '@/api/results';
import type { TaskListItem } from '@/api/schemas';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Skeleton } from '@/components/ui/skeleton';
import { taskFileBase } from '@/lib/download';
import { taskInputsOf } from '@/lib/task-inputs';
import { useThrottledValue } from '@/lib/use-throttled-value';
import { AnswerSection, FailureNotice, Note } from './answer-section';
import { ConformanceBadge, ConformanceDetails, useConformance } from './conformance';
import { ExtractedData } from './extracted-data';
import { finalExtractedData, lastErrorStep } from './feed-facts';
import { readSummary } from './summary-answer';
import { summaryQueries } from './summary-queries';

/** At most one re-read of a live task's answer per this many ms. */
export const LIVE_REFRESH_MS = 2_000;

export interface SummaryTabProps {
  taskId: string;
  task: TaskListItem;
}

export function SummaryTab({ taskId, task }: SummaryTabProps) {
  const status = task.status;
  const finished = isFinished(status);
  const version = taskVersion(task);
  const liveVersion = useThrottledValue(version, LIVE_REFRESH_MS);
  const summary = useQuery(summaryQueries.answer(taskId, finished ? undefined : liveVersion));
  const reading = useMemo(
    () => (summary.data ? readSummary(summary.data) : undefined),
    [summary.data],
  );
  const final = finished && summary.data !== undefined && !summary.isPlaceholderData;

  const wantsData =
    final &&
    status === 'completed' &&
    reading?.extractedData === undefined &&
    Boolean(taskInputsOf(taskId)?.outputSchema.trim());
  const result = useQuery({
    ...summaryQueries.result(taskId, version),
    enabled: finished && (status === 'failed' || wantsData),
  });
  const failure = status === 'failed' && result.data ? lastErrorStep(result.data.feed) : undefined;
  const extracted =
    reading?.extractedData ??
    (final && result.data ? finalExtractedData(result.data.feed) : undefined);
  const conformance = useConformance(taskId, extracted);
  const fileBase = taskFileBase(taskId, task.title);

  const failed =
    status === 'failed' ? (
      <FailureNotice
        taskId={taskId}
        failure={failure}
        loading={result.isPending && result.fetchStatus !== 'idle'}
        error={result.isError ? result.error : undefined}
        onRetry={() => void result.refetch()}
      />
    ) : null;
  const waiting =
    status === 'waiting_for_input' ? (
      <Note>The agent is waiting for your answer in the Conversation tab.</Note>
    ) : null;

  if (reading) {
    return (
      <div className="space-y-4">
        {failed}
        {waiting}
        <AnswerSection reading={reading} final={final} status={status} />
        {extracted !== undefined ? (
          <ExtractedData
            data={extracted}
            fileBase={fileBase}
            badge={<ConformanceBadge conformance={conformance} />}
          >
            <ConformanceDetails conformance={conformance} />
          </ExtractedData>
        ) : null}
      </div>
    );
  }

  if (summary.isError) {
    return (
      <div className="space-y-4">
        {failed}
        <ApiErrorAlert
          title="The answer could not be loaded"
          error={summary.error}
          onRetry={() => void summary.refetch()}
          retrying={summary.isFetching}
        />
      </div>
    );
  }

  return (
    <div className="space-y-4">
      {failed}
      <div aria-busy="true" className="space-y-2">
        <p className="sr-only">Loading the answer…</p>
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-4 w-1/2" />
      </div>
    </div>
  );
}
