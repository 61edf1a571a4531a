/** The task list's rows, virtualized at a fixed row height; keyboard moves scroll to the target
 *  first and focus it once rendered (`use-row-focus.ts`); nearing the end reads the next page. */
import { defaultRangeExtractor, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { Range, Rect, Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useEffectEvent, useRef, type ReactNode } from 'react';
import type { UnreadableItem } from '@/api/schemas';
import { cn } from '@/lib/cn';
import { ROW_HEIGHT, TaskRow, UnreadableRow } from './task-row';
import { useRowFocus } from './use-row-focus';

/** How close to the end (in rows) the next page is asked for. */
export const NEAR_END = 10;

/** Used when the scroll box reports no size: before layout, when hidden, and in jsdom (which has
 *  no layout at all), so the first rows still render instead of none. */
const FALLBACK_RECT: Rect = { width: 1024, height: 720 };

function observeRectWithFallback(
  instance: Virtualizer<HTMLDivElement, Element>,
  callback: (rect: Rect) => void,
) {
  return observeElementRect(instance, (rect) =>
    callback(rect.height > 0 ? rect : { ...rect, height: FALLBACK_RECT.height }),
  );
}

export interface TaskListRowsProps {
  ids: readonly string[];
  unreadable: readonly UnreadableItem[];
  hasMore: boolean;
  /** Asked when the end comes near (and while it stays near, after each page). */
  onNearEnd: () => void;
  /** True while a page is being read or the last read failed: asking again would not help. */
  paused: boolean;
  hrefOf: (taskId: string) => string;
  activeTaskId: string | undefined;
  compact: boolean;
  /** The tasks selected for a bulk action (full rows only), and how a row changes that. */
  selected?: ReadonlySet<string> | undefined;
  onSelect?: ((taskId: string, selected: boolean) => void) | undefined;
  /** Below the rows, inside the scroll box: "Loading more…", an error. */
  footer?: ReactNode;
  className?: string | undefined;
}

export function TaskListRows(props: TaskListRowsProps) {
  const { ids, unreadable, hasMore, compact } = props;
  const count = ids.length + unreadable.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusedIndex = useRef<number | null>(null);

  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const focused = focusedIndex.current;
    if (focused === null || focused >= range.count || indexes.includes(focused)) return indexes;
    return [...indexes, focused].sort((a, b) => a - b);
  }, []);

  // The React Compiler is not in use and nothing below memoizes the virtualizer's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => (compact ? ROW_HEIGHT.compact : ROW_HEIGHT.full),
    getItemKey: (index) => ids[index] ?? `unreadable-${index - ids.length}`,
    overscan: 8,
    rangeExtractor,
    initialRect: FALLBACK_RECT,
    observeElementRect: observeRectWithFallback,
    useFlushSync: false,
  });

  const { onKeyDown } = useRowFocus({ scrollRef, virtualizer, taskCount: ids.length });

  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const nearEnd = useEffectEvent(() => props.onNearEnd());
  useEffect(() => {
    if (props.hasMore && !props.paused && lastIndex >= count - 1 - NEAR_END) nearEnd();
  }, [props.hasMore, props.paused, lastIndex, count]);

  return (
    <div
      ref={scrollRef}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
        focusedIndex.current = row ? Number(row.dataset.index) : null;
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) focusedIndex.current = null;
      }}
      className={cn('overflow-auto overscroll-contain', props.className)}
    >
      <div
        role="list"
        aria-label="Tasks"
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const taskId = ids[item.index];
          const problem = taskId === undefined ? unreadable[item.index - ids.length] : undefined;
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={hasMore ? -1 : count}
              aria-posinset={item.index + 1}
              data-index={item.index}
              className="absolute top-0 left-0 w-full"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {taskId !== undefined ? (
                <TaskRow
                  taskId={taskId}
                  href={props.hrefOf(taskId)}
                  active={taskId === props.activeTaskId}
                  compact={compact}
                  selected={props.selected?.has(taskId)}
                  onSelectedChange={
                    props.onSelect ? (selected) => props.onSelect?.(taskId, selected) : undefined
                  }
                />
              ) : problem ? (
                <UnreadableRow item={problem} />
              ) : null}
            </div>
          );
        })}
      </div>
      {props.footer}
    </div>
  );
}
