/** The table `Batch tasks`: a row per file with its current task (a link), its status, how long
 *  it took and the first fields it extracted; earlier tasks of a retried file stay linked. Rows
 *  read what `useBatchTasks` knows; a completed task's `/summary` is read once, by its row. */
import { useQuery } from '@tanstack/react-query';
import { SafeText } from '@/components/safe-text';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/error-advice';
import { StatusBadge } from '@/entities/task/status-badge';
import { readSummary } from '@/entities/task/summary-answer';
import { taskQueries } from '@/entities/task/queries';
import { Duration } from '@/entities/task/task-times';
import { itemsOf } from './batch-csv';
import { phaseLabel, type FileView } from './batch-progress';
import { TaskLink } from './task-link';
import type { BatchTaskRead } from './use-batch-tasks';

/** Fields of the extracted data (of its first item) a row shows. */
const PREVIEW_FIELDS = 3;

function ExtractedPreview({ taskId }: { taskId: string }) {
  const summary = useQuery(taskQueries.summary(taskId));
  if (summary.data) {
    const items = itemsOf(readSummary(summary.data).extractedData);
    const first = items[0];
    if (!first) return <span className="text-muted">No extracted data</span>;
    // Fields with a value first: a schema's empty fields say little about the file.
    const entries = Object.entries(first);
    const fields = [
      ...entries.filter(([, value]) => value !== null && value !== ''),
      ...entries.filter(([, value]) => value === null || value === ''),
    ].slice(0, PREVIEW_FIELDS);
    return (
      <span className="block max-w-md truncate">
        {fields.map(([key, value], index) => (
          <span key={key}>
            {index > 0 ? ' · ' : null}
            <span className="text-muted">
              <SafeText text={key} />:
            </span>{' '}
            <SafeText text={value === null ? '—' : String(value)} />
          </span>
        ))}
        {items.length > 1 ? <span className="text-muted">{` (${items.length} items)`}</span> : null}
      </span>
    );
  }
  if (summary.error) {
    return (
      <span className="text-danger">{`Could not read its data: ${describeError(summary.error).message}`}</span>
    );
  }
  return <Skeleton className="h-4 w-32" />;
}

function StatusCell({ view, read }: { view: FileView; read: BatchTaskRead | undefined }) {
  const { phase } = view;
  switch (phase.kind) {
    case 'task':
      if (phase.status === undefined) {
        if (read?.error) {
          return (
            <span className="flex flex-wrap items-center gap-2">
              <span className="text-danger">{`Could not read its state: ${describeError(read.error).message}`}</span>
              <Button size="sm" onClick={read.retry} aria-busy={read.isReading || undefined}>
                Read again
              </Button>
            </span>
          );
        }
        return <Skeleton className="h-5 w-20" />;
      }
      return <StatusBadge status={phase.status} />;
    case 'gone':
      return (
        <span className="text-warning">
          Not found: the API does not know this task (another workspace, or deleted)
        </span>
      );
    case 'refused':
      return (
        <span className="text-danger">
          Refused: <SafeText text={phase.message} />
        </span>
      );
    case 'start':
      return <span className="text-muted">{phaseLabel(phase)}</span>;
  }
}

function BatchRow({ view, read }: { view: FileView; read: BatchTaskRead | undefined }) {
  const { phase, earlier, file } = view;
  const taskId = phase.kind === 'task' || phase.kind === 'gone' ? phase.taskId : undefined;
  const task = read?.task;
  return (
    <tr className="border-b border-border align-top last:border-b-0">
      <th scope="row" className="max-w-64 px-3 py-2 text-left font-medium break-words">
        <SafeText text={file.name} />
      </th>
      <td className="px-3 py-2">
        {taskId ? <TaskLink taskId={taskId} /> : <span className="text-muted">—</span>}
        {earlier.length > 0 ? (
          <p className="mt-1 text-xs text-muted">
            earlier:{' '}
            {earlier.map((id, index) => (
              <span key={id}>
                {index > 0 ? ', ' : null}
                <TaskLink taskId={id} />
              </span>
            ))}
          </p>
        ) : null}
      </td>
      <td className="px-3 py-2">
        <StatusCell view={view} read={read} />
        {file.start.state === 'undecided' ? (
          <p className="mt-1 text-xs text-muted">
            Which of {file.start.candidates.length} tasks is its own is asked at the top of the
            page.
          </p>
        ) : null}
      </td>
      <td className="px-3 py-2 whitespace-nowrap tabular-nums">
        {phase.kind === 'task' && task?.created_at ? <Duration task={task} /> : '—'}
      </td>
      <td className="px-3 py-2 text-xs">
        {phase.kind === 'task' && phase.status === 'completed' ? (
          <ExtractedPreview taskId={phase.taskId} />
        ) : (
          <span className="text-muted">—</span>
        )}
      </td>
    </tr>
  );
}

export function BatchTable({
  views,
  reads,
}: {
  views: readonly FileView[];
  reads: ReadonlyMap<string, BatchTaskRead>;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table aria-label="Batch tasks" className="w-full text-sm">
        <thead className="border-b border-border bg-surface-muted text-left text-xs text-muted">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              File
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Task
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Duration
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Extracted data
            </th>
          </tr>
        </thead>
        <tbody>
          {views.map((view) => {
            const current = view.phase.kind === 'task' ? view.phase.taskId : undefined;
            return (
              <BatchRow
                key={view.file.key}
                view={view}
                read={current ? reads.get(current) : undefined}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
