/** The Summary tab: the answer (intermediate until the task ends), the extracted data with its
 *  schema check, a failed task's error, and first the page's reply while the agent waits. `/result`
 *  is read only when the summary cannot say (a failure, missing data, source files). */
import { useQuery } from '@tanstack/react-query';
import { useMemo, type ComponentType } from 'react';
import type { TaskTabProps } from '@/entities/task/tab-props';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Skeleton } from '@/components/ui/skeleton';
import { taskQueries } from '@/entities/task/queries';
import { isTerminal } from '@/entities/task/status';
import { taskStopTime } from '@/entities/task/stop-time';
import { taskFileBase } from '@/lib/download';
import { taskInputsOf } from '@/lib/task-inputs';
import { AnswerSection, FailureNotice, WaitingForAnswer } from './answer-section';
import { ConformanceBadge, ConformanceDetails, useConformance } from './conformance';
import { ExtractedData } from './extracted-data';
import { finalExtractedData, lastErrorStep } from '@/entities/task/feed-facts';
import { needsFileNames, rowFileNames } from './file-sources';
import { readSummary } from '@/entities/task/summary-answer';

export interface SummaryTabProps extends Pick<TaskTabProps, 'taskId' | 'task'> {
  onAction?: (() => void) | undefined;
  /** Answers the task here while it waits for one; from the conversation feature, via the page. */
  reply?: ComponentType<TaskTabProps> | undefined;
}

export function SummaryTab({ taskId, task, onAction, reply: Reply }: SummaryTabProps) {
  const status = task.status;
  const finished = isTerminal(status);
  const summary = useQuery(taskQueries.summary(taskId));
  const reading = useMemo(
    () => (summary.data ? readSummary(summary.data) : undefined),
    [summary.data],
  );
  // Read since the task ended: a read marked stale by its last change is not the final one yet.
  const final = finished && summary.data !== undefined && !summary.isStale;

  const inputs = taskInputsOf(taskId);
  const wantsData =
    final &&
    status === 'completed' &&
    reading?.extractedData === undefined &&
    Boolean(inputs?.outputSchema.trim());
  // Several documents, and neither the rows nor the files sent from here say which is which.
  const wantsFileNames =
    final &&
    needsFileNames(reading?.extractedData) &&
    rowFileNames(reading.extractedData, inputs?.fileNames, undefined) === undefined;
  const result = useQuery({
    ...taskQueries.result(taskId, { follow: true }),
    enabled: finished && (status === 'failed' || wantsData || wantsFileNames),
  });
  const failure =
    status === 'failed' && result.data && !result.isStale
      ? lastErrorStep(result.data.feed)
      : undefined;
  const extracted =
    reading?.extractedData ??
    (final && result.data ? finalExtractedData(result.data.feed) : undefined);
  const conformance = useConformance(taskId, extracted);
  const feed = result.data && !result.isStale ? result.data.feed : undefined;
  const fileNames = useMemo(
    () => rowFileNames(extracted, inputs?.fileNames, feed),
    [extracted, inputs?.fileNames, feed],
  );
  const stoppedAt = status === 'stopped' ? taskStopTime(taskId, task, summary.data) : undefined;
  const fileBase = taskFileBase(taskId, task.title);

  const failed =
    status === 'failed' ? (
      <FailureNotice
        taskId={taskId}
        failure={failure}
        loading={(result.isPending || result.isStale) && result.fetchStatus !== 'idle'}
        error={result.isError ? result.error : undefined}
        onRetry={() => void result.refetch()}
      />
    ) : null;
  const waiting =
    status === 'waiting_for_input' ? (
      <WaitingForAnswer taskId={taskId}>
        {Reply && onAction ? <Reply taskId={taskId} task={task} onAction={onAction} /> : undefined}
      </WaitingForAnswer>
    ) : null;

  if (reading) {
    return (
      <div className="space-y-4">
        {failed}
        {waiting}
        <AnswerSection reading={reading} final={final} status={status} stoppedAt={stoppedAt} />
        {extracted !== undefined ? (
          <ExtractedData
            data={extracted}
            fileBase={fileBase}
            fileNames={fileNames}
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
        {waiting}
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
      {waiting}
      <div aria-busy="true" className="space-y-2">
        <p className="sr-only">Loading the answer…</p>
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-4 w-1/2" />
      </div>
    </div>
  );
}
