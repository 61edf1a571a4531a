/** One row of the task list: the task's name as its one link, stretched over the row, then agent,
 *  status and times. It reads the task's one cache entry (`useTask`), so any read of the task
 *  shows here at once. */
import { Link } from 'wouter';
import type { UnreadableItem } from '@/api/schemas';
import { Skeleton } from '@/components/ui/skeleton';
import { SafeText } from '@/components/safe-text';
import { visibleText } from '@/lib/reveal-invisibles';
import { cn } from '@/lib/cn';
import { useTask } from '@/entities/task/hooks';
import { StatusBadge } from '@/entities/task/status-badge';
import { Duration, RelativeTime } from '@/entities/task/task-times';
import { taskLabel } from './task-label';

/** Column template of a full-width row (its checkbox first); the header uses it too so the two
 *  line up. */
export const FULL_ROW_GRID =
  'grid grid-cols-[1rem_minmax(0,1fr)_auto] items-center gap-3 px-3 sm:grid-cols-[1rem_minmax(0,1fr)_9.5rem_6.5rem] md:grid-cols-[1rem_minmax(0,1fr)_minmax(0,9rem)_9.5rem_6.5rem_5.5rem_6.5rem]';

/** Fixed row heights: the virtualizer estimates with them and the rows never grow past them. */
export const ROW_HEIGHT = { full: 48, compact: 64 } as const;

const Label = ({ children }: { children: string }) => (
  <span className="sr-only">{`${children}: `}</span>
);

export interface TaskRowProps {
  taskId: string;
  href: string;
  active: boolean;
  compact: boolean;
  /** Full rows only: whether the row is selected for a bulk action, and how to change it. */
  selected?: boolean | undefined;
  onSelectedChange?: ((selected: boolean) => void) | undefined;
}

export function TaskRow({
  taskId,
  href,
  active,
  compact,
  selected = false,
  onSelectedChange,
}: TaskRowProps) {
  const { task, isReading } = useTask(taskId);
  const label = taskLabel(taskId, task);

  const link = (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      title={visibleText(label.full)}
      className={cn(
        'block truncate text-sm font-medium text-text outline-none',
        "after:absolute after:inset-0 after:rounded-sm after:content-['']",
        'focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-accent',
        label.source === 'query' && 'italic',
        label.source === 'id' && 'font-mono text-xs',
      )}
    >
      <SafeText text={label.text} />
    </Link>
  );
  const placeholder = <Skeleton className="h-4 w-20" />;
  const agent = task ? (
    <span className="truncate">
      <SafeText text={task.agent_name ?? task.agent_id ?? '—'} />
    </span>
  ) : (
    placeholder
  );
  // A status no list gave is being read: a placeholder until it is known.
  const status =
    task && (task.status !== undefined || !isReading) ? (
      <StatusBadge status={task.status} />
    ) : (
      placeholder
    );
  const rowClass = cn(
    'relative h-full border-b border-border text-xs text-muted hover:bg-surface-muted',
    active && 'bg-accent/10 shadow-[inset_3px_0_0_var(--ac-accent)] hover:bg-accent/10',
  );

  if (compact) {
    return (
      <div className={cn(rowClass, 'flex flex-col justify-center gap-1 px-3')}>
        {link}
        <div className="flex min-w-0 items-center gap-2">
          {status}
          <span className="flex min-w-0 items-center gap-1">
            <Label>Agent</Label>
            {agent}
          </span>
          <span className="ml-auto shrink-0">
            <Label>Created</Label>
            {task ? <RelativeTime value={task.created_at} className="relative z-10" /> : null}
          </span>
        </div>
      </div>
    );
  }

  return (
    <div className={cn(rowClass, FULL_ROW_GRID, selected && 'bg-accent/5')}>
      <input
        type="checkbox"
        // Above the link stretched over the row, so a click here selects rather than opens.
        className="relative z-10 size-4 accent-accent"
        aria-label={`Select ${visibleText(label.full)}`}
        checked={selected}
        disabled={!onSelectedChange}
        onChange={(event) => onSelectedChange?.(event.target.checked)}
      />
      {link}
      <span className="hidden min-w-0 md:flex">
        <Label>Agent</Label>
        {agent}
      </span>
      <span>{status}</span>
      <span className="hidden truncate sm:block">
        <Label>Created</Label>
        {task ? <RelativeTime value={task.created_at} className="relative z-10" /> : placeholder}
      </span>
      <span className="hidden truncate tabular-nums md:block">
        <Label>Duration</Label>
        {task ? <Duration task={task} /> : placeholder}
      </span>
      <span className="hidden truncate md:block">
        <Label>Updated</Label>
        {task ? <RelativeTime value={task.updated_at} className="relative z-10" /> : placeholder}
      </span>
    </div>
  );
}

/** An item the API sent that the console could not read: shown, not silently dropped. */
export function UnreadableRow({ item }: { item: UnreadableItem }) {
  return (
    <div className="flex h-full flex-col justify-center border-b border-border px-3 text-xs">
      <p className="font-medium text-warning">A task this console could not read</p>
      <p className="truncate text-muted" title={item.problem}>
        {item.problem}
      </p>
    </div>
  );
}
