/**
 * The Summary tab: the task's answer, once it has one.
 *
 * `/summary` is read once, when the task has ended (decision 0008): before that its answer is at
 * best an intermediate message, and the tab says when the answer will appear instead. A failed
 * task's answer, if any, rarely says what went wrong, so the tab points to the Trace.
 *
 * For now the answer is shown as plain wrapped text; a later issue renders markdown, extracted
 * data and the downloads.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Skeleton } from '@/components/ui/skeleton';
import { isTerminal } from './polling-policy';
import { taskQueries } from './tasks-queries';
import { useCachedTask } from './use-cached-task';

export function SummaryTab({ taskId }: { taskId: string }) {
  const task = useCachedTask(taskId);
  const status = task?.status;
  const ended = isTerminal(status);
  const summary = useQuery({ ...taskQueries.summary(taskId), enabled: ended });
  const answerId = useId();

  if (!ended) {
    return (
      <Note>
        {status === 'waiting_for_input'
          ? 'The agent is waiting for your answer in the Conversation tab. '
          : null}
        The answer appears here when the task ends.
      </Note>
    );
  }

  const failedNote =
    status === 'failed' ? (
      <Note>
        The task failed. The Trace tab shows each step of its work and where it went wrong.
      </Note>
    ) : null;

  if (summary.data) {
    const { answer } = summary.data;
    return (
      <div className="space-y-4">
        {failedNote}
        {answer?.trim() ? (
          <section
            aria-labelledby={answerId}
            className="space-y-2 rounded-lg border border-border bg-surface p-4"
          >
            <h2 id={answerId} className="text-sm font-semibold text-muted">
              Answer
            </h2>
            <div className="text-sm whitespace-pre-wrap [overflow-wrap:anywhere]">{answer}</div>
          </section>
        ) : (
          <Note>
            {status === 'stopped'
              ? 'The task was stopped before it gave an answer.'
              : 'The task ended without an answer.'}
          </Note>
        )}
      </div>
    );
  }

  if (summary.isError) {
    return (
      <div className="space-y-4">
        {failedNote}
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
    <div aria-busy="true" className="space-y-2">
      <p className="sr-only">Loading the answer…</p>
      <Skeleton className="h-4 w-3/4" />
      <Skeleton className="h-4 w-2/3" />
      <Skeleton className="h-4 w-1/2" />
    </div>
  );
}

function Note({ children }: { children: ReactNode }) {
  return <p className="text-sm text-muted">{children}</p>;
}
