/** Choosing the task to compare with: the newest tasks of the same agent (from the task cache and
 *  one read of the API's newest, `compare-queries.ts`), or any task by its id or link. */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { SafeText } from '@/components/safe-text';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { readTask } from '@/entities/task/cache';
import { StatusBadge } from '@/entities/task/status-badge';
import { RelativeTime } from '@/entities/task/task-times';
import { cn } from '@/lib/cn';
import { taskIdFromInput, taskName } from './compare-format';
import { useRecentTasks } from './compare-queries';

export interface TaskChooserProps {
  /** Tasks not to offer (the one being compared). */
  exclude: readonly string[];
  /** Offer this agent's tasks; every agent's when undefined. */
  agentId?: string | undefined;
  /** What the list is called, e.g. `Recent tasks of this agent`. */
  listLabel: string;
  /** The id field's label. */
  idLabel?: string;
  onChoose: (taskId: string) => void;
  className?: string | undefined;
}

export function TaskChooser({
  exclude,
  agentId,
  listLabel,
  idLabel = 'Task id or link',
  onChoose,
  className,
}: TaskChooserProps) {
  const queryClient = useQueryClient();
  const recent = useRecentTasks(agentId, exclude);
  const ids = { input: useId(), error: useId(), list: useId() };
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Inside a dialog's form: the page's own form (if any) must not see it.
    event.stopPropagation();
    const taskId = taskIdFromInput(value);
    const found =
      taskId === ''
        ? 'Enter a task id, or paste a link to the task.'
        : exclude.includes(taskId)
          ? 'That is the task being compared: choose another.'
          : undefined;
    setProblem(found);
    if (!found) onChoose(taskId);
  };

  return (
    <div className={cn('space-y-4', className)}>
      <div className="space-y-2">
        <h3 id={ids.list} className="text-sm font-semibold">
          {listLabel}
        </h3>
        {recent.ids.length > 0 ? (
          <ul aria-labelledby={ids.list} className="max-h-72 space-y-1 overflow-y-auto">
            {recent.ids.map((taskId) => {
              const task = readTask(queryClient, taskId);
              return (
                <li key={taskId}>
                  <button
                    type="button"
                    onClick={() => onChoose(taskId)}
                    className="flex w-full flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-border px-3 py-2 text-left text-sm hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-accent"
                  >
                    <span className="min-w-0 flex-1 font-medium [overflow-wrap:anywhere]">
                      <SafeText text={taskName(taskId, task)} />
                    </span>
                    <StatusBadge status={task?.status} />
                    <RelativeTime value={task?.created_at} className="text-xs text-muted" />
                  </button>
                </li>
              );
            })}
          </ul>
        ) : recent.isLoading ? (
          <div aria-busy="true" className="space-y-1.5">
            <p className="sr-only">Loading recent tasks…</p>
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-9 w-full" />
          </div>
        ) : recent.error ? null : (
          <p className="text-sm text-muted">No other tasks yet: enter an id below.</p>
        )}
        {recent.error ? (
          <ApiErrorAlert
            title="Recent tasks could not be loaded"
            error={recent.error}
            onRetry={recent.retry}
          />
        ) : null}
      </div>
      <form noValidate onSubmit={submit} className="space-y-1">
        <label htmlFor={ids.input} className="block text-sm font-medium">
          {idLabel}
        </label>
        <div className="flex gap-2">
          <input
            id={ids.input}
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="Paste a task id"
            value={value}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? ids.error : undefined}
            onChange={(event) => {
              setValue(event.target.value);
              if (problem) setProblem(undefined);
            }}
            className={cn(
              'h-9 min-w-0 flex-1 rounded-md border bg-surface px-2.5 font-mono text-sm text-text shadow-xs placeholder:text-muted',
              'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent',
              problem ? 'border-danger' : 'border-border',
            )}
          />
          <Button type="submit" size="field">
            Compare
          </Button>
        </div>
        {problem ? (
          <p id={ids.error} role="alert" className="text-xs font-medium text-danger">
            {problem}
          </p>
        ) : null}
      </form>
    </div>
  );
}
