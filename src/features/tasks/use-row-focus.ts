/**
 * Keyboard movement between the task list's row links: ArrowDown/ArrowUp and j/k one row,
 * Home/End to the first/last loaded row. In a virtualized list the target row may not exist yet,
 * so the list is scrolled to it first and the link is focused after the render that brings it
 * in (a layout effect that retries on every render until the row is there).
 */
import { useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';

const STEPS: Readonly<Record<string, 'next' | 'previous' | 'first' | 'last'>> = {
  ArrowDown: 'next',
  j: 'next',
  ArrowUp: 'previous',
  k: 'previous',
  Home: 'first',
  End: 'last',
};

export interface RowFocusOptions {
  scrollRef: RefObject<HTMLElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** Rows 0…taskCount-1 hold a link; rows after them (unreadable items) are skipped. */
  taskCount: number;
}

export function useRowFocus({ scrollRef, virtualizer, taskCount }: RowFocusOptions) {
  const pending = useRef<number | null>(null);

  const focusPending = () => {
    const index = pending.current;
    if (index === null) return;
    const link = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] a[href]`);
    if (link) {
      pending.current = null;
      link.focus();
    }
  };

  // Every render: the one that brings the target row into the DOM focuses it.
  useLayoutEffect(focusPending);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const step = STEPS[event.key];
    if (!step || event.altKey || event.ctrlKey || event.metaKey || taskCount === 0) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const current = Number(row.dataset.index);
    const last = taskCount - 1;
    const target = {
      next: Math.min(current + 1, last),
      previous: Math.max(current - 1, 0),
      first: 0,
      last,
    }[step];
    event.preventDefault();
    pending.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
    focusPending();
  };

  return { onKeyDown };
}
