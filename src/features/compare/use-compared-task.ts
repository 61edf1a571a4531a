/** One side of a comparison, from the task's shared reads: its state (read once when nothing
 *  knows it; the live refresh keeps a live one current), its answer (`/summary`, re-read when the
 *  status changes), its inputs, and its extracted data (`/summary`, else `/result`'s final step). */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useMemo } from 'react';
import { lacksRowFields, type CachedTask } from '@/entities/task/cache';
import { finalExtractedData } from '@/entities/task/feed-facts';
import { taskQueries } from '@/entities/task/queries';
import { useRunInputs, type RunInputsState } from '@/entities/task/run-inputs';
import { isTerminal } from '@/entities/task/status';
import { readSummary, type SummaryReading } from '@/entities/task/summary-answer';

/** Where a side's extracted data stands. */
export type ExtractedState =
  /** The task, its answer or its trace is still being read. */
  | 'loading'
  /** The task has not ended; what it extracts comes with its end. */
  | 'waiting'
  /** Here (in `extracted`). */
  | 'ready'
  /** The task ended without any. */
  | 'none'
  /** Its answer could not be read (`answerError`). */
  | 'error';

export interface ComparedTask {
  taskId: string;
  task: CachedTask | undefined;
  /** The task's own read failed (a 404 for an id the API does not know). */
  error: unknown;
  isReading: boolean;
  retry: () => void;
  reading: SummaryReading | undefined;
  /** The answer was read since the task ended: it is the final one. */
  final: boolean;
  answerError: unknown;
  retryAnswer: () => void;
  extracted: unknown;
  extractedState: ExtractedState;
  inputs: RunInputsState;
}

const PLACEHOLDER = (taskId: string): CachedTask => ({ task_id: taskId });

export function useComparedTask(taskId: string): ComparedTask {
  const detail = useQuery({
    ...taskQueries.detail(taskId),
    // Once, when no read has said enough; a live task is kept current by the live refresh.
    enabled: (query) => lacksRowFields(query.state.data),
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const task = detail.data;
  const known = task !== undefined;
  const finished = isTerminal(task?.status);

  const summary = useQuery({ ...taskQueries.summary(taskId), enabled: known });
  const reading = useMemo(
    () => (summary.data ? readSummary(summary.data) : undefined),
    [summary.data],
  );
  const final = finished && summary.data !== undefined && !summary.isStale;
  // A backend that refuses `/summary` until the task ends (a 4xx, never retried by itself) is
  // asked again once it has ended.
  const askAgain = useEffectEvent(() => {
    if (summary.isError && !summary.isFetching) void summary.refetch();
  });
  useEffect(() => {
    if (finished) askAgain();
  }, [finished]);

  // A backend that narrows the answer to `{summary, completed_at}` keeps the data in the trace.
  const wantsTrace = final && task?.status === 'completed' && reading?.extractedData === undefined;
  const result = useQuery({
    ...taskQueries.result(taskId, { follow: false }),
    enabled: wantsTrace,
  });
  const feed = result.data && !result.isStale ? result.data.feed : undefined;
  const fromTrace = useMemo(() => (feed ? finalExtractedData(feed) : undefined), [feed]);
  const extracted = reading?.extractedData ?? (wantsTrace ? fromTrace : undefined);

  const inputs = useRunInputs(
    taskId,
    task ?? PLACEHOLDER(taskId),
    known && !detail.isFetching && !detail.isError,
  );

  let extractedState: ExtractedState;
  if (extracted !== undefined) extractedState = 'ready';
  else if (!known) extractedState = 'loading';
  else if (!finished) extractedState = 'waiting';
  else if (summary.isError && !summary.data) extractedState = 'error';
  else if (!final || (wantsTrace && feed === undefined && !result.isError)) {
    extractedState = 'loading';
  } else extractedState = 'none';

  return {
    taskId,
    task,
    error: task ? null : detail.error,
    isReading: detail.isFetching,
    retry: () => void detail.refetch(),
    reading,
    final,
    answerError: summary.error,
    retryAnswer: () => void summary.refetch(),
    extracted,
    extractedState,
    inputs,
  };
}
