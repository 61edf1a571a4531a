/** The task view (`/tasks/:taskId`): header, `Run inputs` and the Summary / Conversation / Trace
 *  tabs. Data before error before loading: what is known stays on screen; without it, a skeleton,
 *  a plain "no such task" for a 404, or Retry. */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { isApiError } from '@/api/http';
import { SafeText } from '@/components/safe-text';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Skeleton } from '@/components/ui/skeleton';
import { RunInputs } from './run-inputs';
import { TaskHeader } from './task-header';
import { TaskTabs, type TaskTabComponents } from './task-tabs';
import { useWatchedTask } from './use-watched-task';

export interface TaskViewProps {
  /** The id as in the URL. */
  taskId: string;
  /** The agent's name, from the agents feature; without it the list's name or the id shows. */
  agentName?: string | undefined;
  tabs: TaskTabComponents;
  /** Controls to decide a review from the console, shown in the awaiting-review notice; the
   *  page passes them only where the backend takes decisions (the simulator). */
  reviewActions?: ReactNode;
  /** More of the header's actions, from other features (Compare's), composed by the page. */
  actions?: ReactNode;
}

export function TaskView({ taskId, agentName, tabs, reviewActions, actions }: TaskViewProps) {
  const watched = useWatchedTask(taskId);
  const { task, error } = watched;

  if (task) {
    return (
      <div className="space-y-6">
        <TaskHeader
          taskId={taskId}
          task={task}
          agentName={agentName}
          freshness={watched}
          reviewActions={reviewActions}
          actions={actions}
        />
        <RunInputs
          taskId={taskId}
          task={task}
          canRead={!watched.isFetching && !watched.lastReadFailed && watched.blockedUntil === 0}
        />
        <TaskTabs taskId={taskId} task={task} tabs={tabs} />
      </div>
    );
  }
  if (isApiError(error) && error.status === 404) return <TaskNotFound taskId={taskId} />;
  if (error) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]">
          <SafeText text={taskId} />
        </h1>
        <ApiErrorAlert
          title="This task could not be loaded"
          error={error}
          onRetry={watched.refetch}
          retrying={watched.isFetching}
        />
      </div>
    );
  }
  return <TaskViewSkeleton />;
}

export function TaskNotFound({ taskId }: { taskId: string }) {
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">No task with this id</h1>
      <p className="font-mono text-sm [overflow-wrap:anywhere]">
        <SafeText text={taskId} />
      </p>
      <p className="text-muted">
        The id may be mistyped or cut short, or the task belongs to another workspace than this API
        key.{' '}
        <Link href="/tasks" className="text-accent underline underline-offset-2">
          Back to Tasks
        </Link>
      </p>
    </section>
  );
}

/** The shape of the header and tabs, while the first read is under way. */
export function TaskViewSkeleton() {
  return (
    <div aria-busy="true" className="space-y-6">
      <p className="sr-only">Loading the task…</p>
      <div className="space-y-3">
        <Skeleton className="h-8 w-2/3" />
        <Skeleton className="h-5 w-24" />
      </div>
      <div className="space-y-2">
        <Skeleton className="h-4 w-1/2" />
        <Skeleton className="h-4 w-1/3" />
        <Skeleton className="h-4 w-2/5" />
      </div>
      <Skeleton className="h-9 w-72" />
      <Skeleton className="h-32 w-full" />
    </div>
  );
}
