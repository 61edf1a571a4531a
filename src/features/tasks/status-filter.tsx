/** The status filter: one compact `combobox` named `Status` that opens a multi-select `listbox` of
 *  the eight statuses, each with its count. Focus stays on the combobox (the active option is
 *  `aria-activedescendant`): arrows move, Space or Enter checks, Escape or Tab closes. */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { TASK_STATUSES, type TaskStatus } from '@/api/schemas';
import { taskStatusMeta } from '@/entities/task/status';
import { cn } from '@/lib/cn';
import { StatusBadge } from '@/entities/task/status-badge';
import { formatCount, type StatusCounts } from './task-counts';

export interface StatusFilterProps {
  value: readonly TaskStatus[];
  onChange: (statuses: TaskStatus[]) => void;
  counts: StatusCounts;
  className?: string | undefined;
}

export function StatusFilter({ value, onChange, counts, className }: StatusFilterProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  const optionId = (index: number) => `${id}-option-${index}`;

  // A click anywhere else closes it.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const toggle = (status: TaskStatus) =>
    onChange(value.includes(status) ? value.filter((s) => s !== status) : [...value, status]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = TASK_STATUSES.length - 1;
    const move = (index: number) => {
      event.preventDefault();
      setOpen(true);
      setActive(Math.max(0, Math.min(last, index)));
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(open ? active + 1 : active);
      case 'ArrowUp':
        return move(open ? active - 1 : active);
      case 'Home':
        return open ? move(0) : undefined;
      case 'End':
        return open ? move(last) : undefined;
      case ' ':
      case 'Enter': {
        event.preventDefault();
        const status = TASK_STATUSES[active];
        if (open && status) toggle(status);
        else setOpen(true);
        return;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
        }
        return;
      case 'Tab':
        setOpen(false);
        return;
    }
  };

  const summary =
    value.length === 0
      ? 'All statuses'
      : value.length <= 2
        ? value.map((status) => taskStatusMeta(status).label).join(', ')
        : `${value.length} statuses`;

  return (
    <div ref={root} className={cn('relative', className)}>
      <span id={`${id}-label`} className="sr-only">
        Status
      </span>
      <div
        role="combobox"
        tabIndex={0}
        aria-labelledby={`${id}-label`}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={`${id}-listbox`}
        aria-activedescendant={open ? optionId(active) : undefined}
        onKeyDown={onKeyDown}
        onClick={() => setOpen((was) => !was)}
        className="flex h-9 w-full cursor-pointer items-center gap-2 rounded-md border border-border bg-surface px-2.5 text-sm text-text shadow-xs focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent"
      >
        <span className="text-muted" aria-hidden="true">
          Status
        </span>
        <span className="min-w-0 flex-1 truncate font-medium">{summary}</span>
        <span className="rounded-full bg-surface-muted px-1.5 text-xs tabular-nums text-muted">
          <span className="sr-only">Total: </span>
          {formatCount(counts.total)}
        </span>
        <span aria-hidden="true" className="text-muted">
          ▾
        </span>
      </div>
      <div
        className={cn(
          'absolute top-full left-0 z-30 mt-1 w-64 rounded-md border border-border bg-surface p-1 shadow-lg',
          !open && 'hidden',
        )}
      >
        <ul
          id={`${id}-listbox`}
          role="listbox"
          aria-multiselectable="true"
          aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-note`}
        >
          {TASK_STATUSES.map((status, index) => {
            const selected = value.includes(status);
            const count = counts.byStatus[status];
            return (
              <li
                key={status}
                id={optionId(index)}
                role="option"
                aria-selected={selected}
                // Keeps focus on the combobox while the pointer picks.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => {
                  setActive(index);
                  toggle(status);
                }}
                className={cn(
                  'flex cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-sm',
                  index === active && 'bg-surface-muted outline-1 outline-accent',
                )}
              >
                <span
                  aria-hidden="true"
                  className={cn(
                    'grid size-4 shrink-0 place-items-center rounded-sm border text-[0.65rem] leading-none',
                    selected ? 'border-accent bg-accent text-accent-foreground' : 'border-border',
                  )}
                >
                  {selected ? '✓' : null}
                </span>
                <StatusBadge status={status} className="border-transparent" />
                <span className="ml-auto text-xs tabular-nums text-muted">
                  {count ? formatCount(count) : '–'}
                </span>
              </li>
            );
          })}
        </ul>
        <p id={`${id}-note`} className="border-t border-border px-2 pt-1.5 pb-1 text-xs text-muted">
          {countNote(counts)}
        </p>
      </div>
    </div>
  );
}

function countNote(counts: StatusCounts): string {
  const all = Object.values(counts.byStatus);
  if (all.every((count) => count?.complete)) return 'Counts of every task that matches.';
  return `Counted from the ${counts.read} tasks loaded so far; “+” means more may exist.`;
}
